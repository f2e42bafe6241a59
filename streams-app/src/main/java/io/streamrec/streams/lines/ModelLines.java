package io.streamrec.streams.lines;

import io.streamrec.model.OnnxModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The model lines one instance serves, each with its own {@link ModelSlot}, and the route from a session to its
 * line. Each line swaps independently: a new version of one line, or a refused bundle for it, leaves the others as
 * they are.
 */
public final class ModelLines implements AutoCloseable {
    private final ServingPlan plan;
    private final TrafficSplit split;
    private final Map<String, ModelSlot<OnnxModel>> slots = new LinkedHashMap<>();

    public ModelLines(ServingPlan plan) {
        this.plan = plan;
        this.split = new TrafficSplit(plan.split());
        for (String line : plan.lines()) {
            slots.put(line, new ModelSlot<>());
        }
    }

    /** One line that answers every session. */
    public static ModelLines single(String line) {
        return new ModelLines(ServingPlan.single(line));
    }

    public ServingPlan plan() {
        return plan;
    }

    /** The line that answers this session. */
    public String lineFor(String sessionKey) {
        return split.lineFor(sessionKey);
    }

    public Optional<String> shadowLine() {
        return plan.shadowLine();
    }

    public String primaryLine() {
        return plan.primaryLine();
    }

    /** The slot of a line of the plan. */
    public ModelSlot<OnnxModel> slot(String line) {
        ModelSlot<OnnxModel> slot = slots.get(line);
        if (slot == null) {
            throw new IllegalArgumentException("'" + line + "' is not a model line of this instance " + slots.keySet());
        }
        return slot;
    }

    /** The slot for a model-topic key, empty for a model this instance does not serve. */
    public Optional<ModelSlot<OnnxModel>> slotFor(String modelName) {
        return Optional.ofNullable(slots.get(modelName));
    }

    /** Closes every line's model (each after its last lease). */
    @Override
    public void close() {
        slots.values().forEach(ModelSlot::close);
    }
}
