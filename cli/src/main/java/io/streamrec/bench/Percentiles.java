package io.streamrec.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latencies (whole milliseconds: the record timestamps' resolution). */
record Percentiles(long count, long p50, long p99, long p999, long max) {

    /** Percentiles of {@code values} (not modified); null for no values. */
    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), rank(sorted, 99.9),
                sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    static long rank(long[] sorted, double percent) {
        // The small tolerance keeps 99.9% of 1,000 values at rank 999: in binary 99.9 is a hair above itself.
        int index = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
