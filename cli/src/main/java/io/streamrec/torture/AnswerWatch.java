package io.streamrec.torture;

import io.streamrec.schemas.recommendation.Recommendation;

/**
 * Watches the answers while forged bundles arrive: the longest gap between two answers becoming visible, and how
 * many fell to popularity (a model that knows none of the session's items, or none serving at all).
 */
final class AnswerWatch {
    private long lastSeen;
    private long longestGapNanos;
    private long answers;
    private long popularity;
    private boolean armed;

    /** Starts watching from now. */
    synchronized void arm() {
        armed = true;
        lastSeen = System.nanoTime();
    }

    synchronized void disarm() {
        seen(System.nanoTime());
        armed = false;
    }

    synchronized void answered(Recommendation answer, long seenNanos) {
        if (!armed) {
            return;
        }
        seen(seenNanos);
        answers++;
        if (answer.isFallback()) {
            popularity++;
        }
    }

    private void seen(long nanos) {
        if (armed) {
            longestGapNanos = Math.max(longestGapNanos, nanos - lastSeen);
            lastSeen = Math.max(lastSeen, nanos);
        }
    }

    synchronized double longestGapSeconds() {
        return longestGapNanos / 1e9;
    }

    synchronized long answers() {
        return answers;
    }

    synchronized long popularity() {
        return popularity;
    }
}
