package io.streamrec.model;

import java.util.List;
import java.util.Objects;

/**
 * What one session asks of a step graph: feed {@code items} (raw ids, oldest first; unknown ones skipped, at most the
 * last L known ones used) on top of {@code state}, the state this model produced for the session so far, or null to
 * start from an empty state.
 *
 * <p>In steady state a session's event is its one new item on its stored state; after a swap, or for a new session,
 * it is the session's raw items on no state (a replay). Both are the same operation, so one batch can hold both.
 */
public record StepQuery(List<String> items, float[] state) {
    public StepQuery {
        Objects.requireNonNull(items, "items");
    }

    /** One new item on top of the session's state (null: the session's first item). */
    public static StepQuery step(String itemId, float[] state) {
        return new StepQuery(List.of(itemId), state);
    }

    /** A session's state rebuilt from its raw items, from an empty state. */
    public static StepQuery replay(List<String> sessionItems) {
        return new StepQuery(sessionItems, null);
    }
}
