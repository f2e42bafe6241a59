package io.streamrec.streams.serving;

import java.util.Arrays;

/**
 * Percentiles over the most recent samples: a fixed ring, so memory stays bounded however long the app runs, and
 * the figures describe current behaviour rather than the whole history.
 */
public final class LatencyRecorder {
    /** 100 k samples: 800 KB, and a percentile read sorts a copy in a few milliseconds. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final long[] ring;
    private long written;

    public LatencyRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new long[capacity];
    }

    public synchronized void record(long value) {
        ring[(int) (written++ % ring.length)] = value;
    }

    /** Nearest-rank percentile of the retained samples, {@code p} in (0, 100]; 0 with no samples. */
    public long percentile(double p) {
        long[] samples;
        synchronized (this) {
            samples = Arrays.copyOf(ring, (int) Math.min(written, ring.length));
        }
        if (samples.length == 0) {
            return 0;
        }
        Arrays.sort(samples);
        int rank = (int) Math.ceil(p / 100.0 * samples.length);
        return samples[Math.max(0, Math.min(samples.length - 1, rank - 1))];
    }
}
