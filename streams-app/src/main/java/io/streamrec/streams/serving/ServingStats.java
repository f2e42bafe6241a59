package io.streamrec.streams.serving;

import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.recommendation.Recommendation;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one app instance, safe to update from every stream thread and to read from anywhere. Per-event
 * counters are {@link LongAdder}s because every stream thread bumps them on every event; reads are rare.
 *
 * <p>The counters describe this process since it started. Under exactly-once a task that is re-run after a failure
 * processes some events twice, so {@link #eventsIn()} can exceed the committed output; the topics are the record.
 */
public final class ServingStats {
    private final LongAdder eventsIn = new LongAdder();
    private final Map<AnswerSource, LongAdder> answers = new EnumMap<>(AnswerSource.class);
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder unreadableStates = new LongAdder();
    private final LongAdder inferenceErrors = new LongAdder();
    private final LongAdder stateRebuilds = new LongAdder();
    private final LongAdder modelLoads = new LongAdder();
    private final LongAdder modelSwaps = new LongAdder();
    private final LongAdder refusedBundles = new LongAdder();
    private final AtomicReference<Serving> serving = new AtomicReference<>(Serving.NONE);
    private final LatencyRecorder processingMicros = new LatencyRecorder(LatencyRecorder.DEFAULT_CAPACITY);

    /** Label and version of the serving model, read together. */
    private record Serving(String label, long version) {
        static final Serving NONE = new Serving(Recommendation.POPULARITY, 0);
    }

    public ServingStats() {
        for (AnswerSource source : AnswerSource.values()) {
            answers.put(source, new LongAdder());
        }
    }

    // ---- updates ----

    public void eventIn() {
        eventsIn.increment();
    }

    public void recommended(AnswerSource source) {
        answers.get(source).increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    /** A stored session state that could not be read and was replaced by a new session. */
    public void unreadableState() {
        unreadableStates.increment();
    }

    /** A session's model state was built from its raw items (new to this model or version) instead of stepped. */
    public void stateRebuilt() {
        stateRebuilds.increment();
    }

    public long stateRebuilds() {
        return stateRebuilds.sum();
    }

    public void inferenceFailed() {
        inferenceErrors.increment();
    }

    public void modelInstalled(ModelManifest manifest, boolean replacedAnother) {
        modelLoads.increment();
        if (replacedAnother) {
            modelSwaps.increment();
        }
        serving.set(new Serving(manifest.label(), manifest.version()));
    }

    public void bundleRefused() {
        refusedBundles.increment();
    }

    /** Time one event spent in the processor (parse, state read and write, scoring), in microseconds. */
    public void processed(long micros) {
        processingMicros.record(micros);
    }

    // ---- reads ----

    public long eventsIn() {
        return eventsIn.sum();
    }

    public long recommendationsOut() {
        long total = 0;
        for (LongAdder count : answers.values()) {
            total += count.sum();
        }
        return total;
    }

    public long modelRecommendations() {
        return answers.get(AnswerSource.MODEL).sum();
    }

    /** Answers from popularity, whatever the reason. */
    public long popularityRecommendations() {
        return recommendationsOut() - modelRecommendations();
    }

    /** Answers from popularity for one reason; {@code answers(MODEL)} is {@link #modelRecommendations()}. */
    public long answers(AnswerSource source) {
        return answers.get(source).sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long unreadableStates() {
        return unreadableStates.sum();
    }

    public long inferenceErrors() {
        return inferenceErrors.sum();
    }

    /** Models installed, the first one included. */
    public long modelLoads() {
        return modelLoads.sum();
    }

    /** Installs that replaced a serving model (the first load is not a swap). */
    public long modelSwaps() {
        return modelSwaps.sum();
    }

    public long refusedBundles() {
        return refusedBundles.sum();
    }

    /** The serving model's label, e.g. "gru4rec v3 (gru4rec)", or "popularity" before any model arrived. */
    public String servingModel() {
        return serving.get().label();
    }

    /** The serving model's version, 0 before any model arrived. */
    public long servingModelVersion() {
        return serving.get().version();
    }

    /** Nearest-rank percentile of recent per-event processing times, in microseconds; 0 before any event. */
    public long processingMicrosPercentile(double p) {
        return processingMicros.percentile(p);
    }

    /** Everything above, for the {@code /stats} endpoint. */
    public Map<String, Object> snapshot() {
        Serving s = serving.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("servingModel", s.label());
        m.put("servingModelVersion", s.version());
        m.put("eventsIn", eventsIn());
        m.put("recommendationsOut", recommendationsOut());
        m.put("modelRecommendations", modelRecommendations());
        m.put("popularityRecommendations", popularityRecommendations());
        m.put("popularityNoModel", answers(AnswerSource.NO_MODEL));
        m.put("popularityUnknownItems", answers(AnswerSource.UNKNOWN_ITEMS));
        m.put("popularityInferenceError", answers(AnswerSource.INFERENCE_ERROR));
        m.put("deadLettered", deadLetteredCount());
        m.put("unreadableStates", unreadableStates());
        m.put("inferenceErrors", inferenceErrors());
        m.put("stateRebuilds", stateRebuilds());
        m.put("modelLoads", modelLoads());
        m.put("modelSwaps", modelSwaps());
        m.put("refusedBundles", refusedBundles());
        m.put("processingMicrosP50", processingMicrosPercentile(50));
        m.put("processingMicrosP99", processingMicrosPercentile(99));
        return m;
    }

    /** One log line. */
    public String oneLine() {
        return String.format("serving %s; events %d, recommendations %d (model %d, popularity %d: no model %d,"
                        + " unknown items %d, inference errors %d), dead-lettered %d, swaps %d, refused bundles %d,"
                        + " processing p50 %d us p99 %d us", servingModel(), eventsIn(), recommendationsOut(),
                modelRecommendations(), popularityRecommendations(), answers(AnswerSource.NO_MODEL),
                answers(AnswerSource.UNKNOWN_ITEMS), answers(AnswerSource.INFERENCE_ERROR), deadLetteredCount(),
                modelSwaps(), refusedBundles(), processingMicrosPercentile(50), processingMicrosPercentile(99));
    }
}
