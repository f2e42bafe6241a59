package io.streamrec.trainer.eval;

import io.streamrec.trainer.data.ItemCatalogue;

/**
 * A next-item model without training loops, evaluated click by click: {@link #reset} starts a test session with an
 * empty state, {@link #next} feeds its next click and returns the scores for the click after it. Items are the indices
 * of an {@link ItemCatalogue}.
 */
public interface SessionBaseline {
    /** Short name for tables and JSON keys. */
    String name();

    /** Forget the current session; a baseline that keeps nothing of it (the last click's rules) need not. */
    default void reset() {
    }

    /** Feed the session's next click; the scores of every candidate next item (unlisted items score 0). */
    SparseScores next(int item);
}
