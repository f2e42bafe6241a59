package io.streamrec.model;

import java.util.List;

/**
 * What a model may use to score one session: its raw item ids, oldest first, and the user behind it (null for an
 * anonymous session). Models whose graph takes no user ignore {@code userId}.
 */
public record SessionQuery(List<String> items, String userId) {
    public SessionQuery {
        items = List.copyOf(items);
    }

    public static SessionQuery anonymous(List<String> items) {
        return new SessionQuery(items, null);
    }
}
