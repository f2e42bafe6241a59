package io.streamrec.demo;

import java.util.List;
import java.util.Map;

/**
 * What the demo measured. {@code eventsIn == recommendationsOut + deadLettered} is the no-loss invariant: every
 * event sent got exactly one answer on exactly one of the two output topics.
 *
 * @param modelVersionsServed the (model name, version) pairs that recommendations named, in first-seen order
 * @param accuracy            online HR@K / MRR@K against each session's next click, per source ("model", "popularity",
 *                            and "model v&lt;version&gt;"), all over the same events
 * @param processingGuarantee the streams app's processing guarantee in force
 * @param commitIntervalMs    the streams app's commit interval in force; under exactly-once it bounds when an answer
 *                            becomes visible, so it explains much of the latency
 */
public record DemoSummary(
        long eventsIn,
        long recommendationsOut,
        long deadLettered,
        long malformedSent,
        boolean noEventLost,
        List<String> modelVersionsServed,
        long modelSwaps,
        long refusedBundles,
        long popularityFallbacks,
        long latencyP50Ms,
        long latencyP99Ms,
        long processingP50Micros,
        long processingP99Micros,
        String processingGuarantee,
        long commitIntervalMs,
        int k,
        Map<String, Accuracy> accuracy,
        Map<String, Map<String, Double>> offlineMetrics,
        double replaySeconds,
        double totalSeconds) {

    public record Accuracy(long events, double hitRate, double mrr) {
    }
}
