package io.streamrec.streams.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one app instance, safe to update from every stream thread and to read from anywhere. */
public final class ServingStats {
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong modelRecommendations = new AtomicLong();
    private final AtomicLong popularityRecommendations = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong modelLoads = new AtomicLong();
    private final AtomicLong modelSwaps = new AtomicLong();
    private final AtomicLong refusedBundles = new AtomicLong();
    private final AtomicLong inferenceErrors = new AtomicLong();
    private final AtomicReference<String> servingModel = new AtomicReference<>("popularity");
    private final LatencyRecorder processingMicros = new LatencyRecorder(100_000);

    public void eventIn() {
        eventsIn.incrementAndGet();
    }

    public void recommended(boolean byModel) {
        (byModel ? modelRecommendations : popularityRecommendations).incrementAndGet();
    }

    public void deadLettered() {
        deadLettered.incrementAndGet();
    }

    public void modelInstalled(String label, boolean replacedAnother) {
        modelLoads.incrementAndGet();
        if (replacedAnother) {
            modelSwaps.incrementAndGet();
        }
        servingModel.set(label);
    }

    public void bundleRefused() {
        refusedBundles.incrementAndGet();
    }

    public void inferenceFailed() {
        inferenceErrors.incrementAndGet();
    }

    public void processed(long micros) {
        processingMicros.record(micros);
    }

    public long eventsIn() {
        return eventsIn.get();
    }

    public long recommendationsOut() {
        return modelRecommendations.get() + popularityRecommendations.get();
    }

    public long popularityRecommendations() {
        return popularityRecommendations.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    public long modelLoads() {
        return modelLoads.get();
    }

    /** Installs that replaced a serving model (the first load is not a swap). */
    public long modelSwaps() {
        return modelSwaps.get();
    }

    public long refusedBundles() {
        return refusedBundles.get();
    }

    public long inferenceErrors() {
        return inferenceErrors.get();
    }

    public String servingModel() {
        return servingModel.get();
    }

    /** Time to process one event inside the app (state read and write, scoring), in microseconds. */
    public long processingMicrosPercentile(double p) {
        return processingMicros.percentile(p);
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("servingModel", servingModel());
        m.put("eventsIn", eventsIn());
        m.put("recommendationsOut", recommendationsOut());
        m.put("popularityRecommendations", popularityRecommendations());
        m.put("deadLettered", deadLetteredCount());
        m.put("modelLoads", modelLoads());
        m.put("modelSwaps", modelSwaps());
        m.put("refusedBundles", refusedBundles());
        m.put("inferenceErrors", inferenceErrors());
        m.put("processingMicrosP50", processingMicrosPercentile(50));
        m.put("processingMicrosP99", processingMicrosPercentile(99));
        return m;
    }

    public String oneLine() {
        return String.format("serving %s; events %d, recommendations %d (%d popularity), dead-lettered %d, swaps %d,"
                        + " refused bundles %d, processing p50 %d us p99 %d us", servingModel(), eventsIn(),
                recommendationsOut(), popularityRecommendations(), deadLetteredCount(), modelSwaps(), refusedBundles(),
                processingMicrosPercentile(50), processingMicrosPercentile(99));
    }
}
