package io.streamrec.streams.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How the click processor gathers events into one model call. A batch is scored when it reaches {@code maxSize},
 * when a second event of a session in it arrives (the second needs the first's state), and always before the task
 * commits; under at-least-once also when its oldest event has waited {@code maxWait} (under exactly-once an answer is
 * visible only at the commit anyway). An event arriving after a quiet spell longer than {@code maxWait} is answered
 * at once: a lone event is never held back waiting for company.
 *
 * <p>A batch turns the catalogue scoring of many events into one matrix-matrix product instead of one
 * matrix-vector product each; {@code maxSize} 1 scores every event on its own.
 *
 * @param maxSize most events in one model call
 * @param maxWait under at-least-once, the longest an event waits for others before its batch is scored
 */
public record ScoringBatch(int maxSize, Duration maxWait) {
    /** The most events one model call takes. */
    public static final int MAX_SIZE = 65_536;
    /** The longest an event may be held for company: beyond it batching costs more latency than it saves. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(1);
    public static final ScoringBatch DEFAULT = new ScoringBatch(256, Duration.ofMillis(1));
    /** Every event scored alone, as it arrives. */
    public static final ScoringBatch NONE = new ScoringBatch(1, Duration.ZERO);

    public ScoringBatch {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxSize < 1 || maxSize > MAX_SIZE) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_SIZE + ", not " + maxSize);
        }
        if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("batch wait must be between 0 and 1 s, not " + maxWait);
        }
    }

    public boolean enabled() {
        return maxSize > 1;
    }
}
