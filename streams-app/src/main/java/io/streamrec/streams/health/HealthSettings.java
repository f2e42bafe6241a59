package io.streamrec.streams.health;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@code /health} reports a problem.
 *
 * @param requireModel a model line answering from popularity (no model yet, or none that loaded) is a problem. Off
 *                     by default: a new deployment answers from popularity until its first model arrives, by design
 * @param stallAfter   how long an input partition of this instance may keep records waiting without its committed
 *                     offset moving before the stream counts as stalled (a stuck transaction upstream, a hung thread)
 * @param checkEvery   how often the input partitions' offsets are read from the cluster
 */
public record HealthSettings(boolean requireModel, Duration stallAfter, Duration checkEvery) {
    public static final HealthSettings DEFAULT = new HealthSettings(false, Duration.ofSeconds(60), Duration.ofSeconds(5));

    public HealthSettings {
        Objects.requireNonNull(stallAfter, "stallAfter");
        Objects.requireNonNull(checkEvery, "checkEvery");
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("stallAfter must be positive, not " + stallAfter);
        }
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("checkEvery must be positive, not " + checkEvery);
        }
    }

    public HealthSettings withRequireModel(boolean require) {
        return new HealthSettings(require, stallAfter, checkEvery);
    }

    public HealthSettings withStallAfter(Duration stall, Duration check) {
        return new HealthSettings(requireModel, stall, check);
    }
}
