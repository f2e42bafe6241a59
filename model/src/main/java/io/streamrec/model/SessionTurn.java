package io.streamrec.model;

import java.util.List;

/**
 * A session at its newest item, as {@link ServingRule} sees it.
 *
 * <p>An interface rather than a record so that a caller's own per-event request can be the turn itself: the stream
 * answers every event through the rule, and a wrapper per event would be an allocation on its hot path.
 */
public interface SessionTurn {

    /** The raw ids of the session's recent items, oldest first; the newest, the one to answer, last. Never empty. */
    List<String> items();

    /** The user behind the session, or null for an anonymous one; used by models whose graph takes a user. */
    String userId();

    /**
     * The model state stored for the session before its newest item, or null. A state another model (or version)
     * made is never fed back: the rule then rebuilds one.
     */
    ModelState carried();

    static SessionTurn of(List<String> items, String userId, ModelState carried) {
        return new Given(items, userId, carried);
    }

    /** A turn given by its parts. */
    record Given(List<String> items, String userId, ModelState carried) implements SessionTurn {
        public Given {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a session turn has at least one item");
            }
        }
    }
}
