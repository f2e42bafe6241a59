package io.streamrec.streams.accuracy;

/**
 * Online accuracy of one model version in one role: over {@code events} clicks that followed a list it produced for
 * the same session, the share of clicks on an item of that list (HR@K) and the mean reciprocal rank of the clicked
 * item (MRR@K, 0 when it was not in the list).
 */
public record ModelAccuracy(String role, String modelName, long modelVersion, int k, long events, long hits,
                            double hitRate, double mrr) {
}
