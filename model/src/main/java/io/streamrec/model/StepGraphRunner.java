package io.streamrec.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamrec.schemas.bundle.StepGraph;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a bundle's step graph for one session: the items since the state (one per event in steady state, the last L
 * known items when a state has to be rebuilt) and the state in; top-K and the next state out.
 */
final class StepGraphRunner implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final StepGraph graph;
    private final ItemVocabulary vocabulary;
    private final String itemsInput;
    private final String stateInput;
    private final String itemsOutput;
    private final String scoresOutput;
    private final String stateOutput;

    StepGraphRunner(OrtEnvironment env, OrtSession session, StepGraph graph, ItemVocabulary vocabulary) {
        this.env = env;
        this.session = session;
        this.graph = graph;
        this.vocabulary = vocabulary;
        this.itemsInput = role(graph.inputs(), TensorRole.ITEM_SEQUENCE);
        this.stateInput = role(graph.inputs(), TensorRole.RECURRENT_STATE);
        this.itemsOutput = role(graph.outputs(), TensorRole.TOP_ITEMS);
        this.scoresOutput = role(graph.outputs(), TensorRole.TOP_SCORES);
        this.stateOutput = role(graph.outputs(), TensorRole.NEXT_RECURRENT_STATE);
    }

    static Optional<String> missingRole(StepGraph graph) {
        for (TensorRole role : List.of(TensorRole.ITEM_SEQUENCE, TensorRole.RECURRENT_STATE)) {
            if (graph.inputs().stream().noneMatch(t -> t.role() == role)) {
                return Optional.of("step graph has no input with role " + role);
            }
        }
        for (TensorRole role : List.of(TensorRole.TOP_ITEMS, TensorRole.TOP_SCORES, TensorRole.NEXT_RECURRENT_STATE)) {
            if (graph.outputs().stream().noneMatch(t -> t.role() == role)) {
                return Optional.of("step graph has no output with role " + role);
            }
        }
        return Optional.empty();
    }

    private static String role(List<TensorSpec> specs, TensorRole role) {
        return specs.stream().filter(t -> t.role() == role).findFirst().orElseThrow().name();
    }

    int stateSize() {
        return graph.stateSize();
    }

    /** Feeds item indices (oldest first, at least one) on top of {@code state} (null: a fresh session). */
    StepResult run(int[] indices, float[] state) throws OrtException {
        long[] items = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            items[i] = indices[i];
        }
        float[] before = state != null ? state : new float[graph.stateSize()];
        if (before.length != graph.stateSize()) {
            throw new IllegalArgumentException("state has " + before.length + " values, the model's has "
                    + graph.stateSize());
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(itemsInput, OnnxTensor.createTensor(env, LongBuffer.wrap(items), new long[] {1, items.length}));
            inputs.put(stateInput, OnnxTensor.createTensor(env, FloatBuffer.wrap(before), new long[] {1, before.length}));
            try (OrtSession.Result result = session.run(inputs)) {
                LongBuffer topBuffer = tensor(result, itemsOutput).getLongBuffer();
                long[] top = new long[topBuffer.remaining()];
                topBuffer.get(top);
                float[] scores = floats(tensor(result, scoresOutput));
                float[] next = floats(tensor(result, stateOutput));
                List<RecommendedItem> ranked = new ArrayList<>(top.length);
                for (int j = 0; j < top.length; j++) {
                    ranked.add(new RecommendedItem(vocabulary.itemAt((int) top[j]), scores[j]));
                }
                return new StepResult(ranked, next);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(OrtSession.Result result, String name) throws OrtException {
        Optional<OnnxValue> value = result.get(name);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
            throw new OrtException("step graph did not return tensor " + name);
        }
        return tensor;
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
