package io.streamrec.demo;

import java.util.Arrays;

/** Exact percentiles of a set of long samples; the demo's sample counts are small enough to keep them all. */
final class Percentiles {
    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long sample) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = sample;
    }

    synchronized int count() {
        return count;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]; 0 when there are no samples. */
    synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }
}
