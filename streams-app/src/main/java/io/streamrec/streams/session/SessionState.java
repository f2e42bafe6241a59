package io.streamrec.streams.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps per session: the raw ids of its last items, oldest first, and the time of its last event.
 * Raw ids rather than model indices, so that the state survives a model swap that changes the vocabulary.
 */
public record SessionState(List<String> items, long lastEventTime) {

    public SessionState {
        items = List.copyOf(items);
    }

    public static SessionState start(String itemId, long eventTime) {
        return new SessionState(List.of(itemId), eventTime);
    }

    /**
     * The state after one more click. A click more than {@code gapMs} after the last one starts a new session; only
     * the last {@code maxItems} items are kept. A late (out-of-order) click joins the session without moving its
     * clock back.
     */
    public SessionState after(String itemId, long eventTime, int maxItems, long gapMs) {
        if (eventTime - lastEventTime > gapMs) {
            return start(itemId, eventTime);
        }
        List<String> next = new ArrayList<>(Math.min(items.size() + 1, maxItems));
        int from = Math.max(0, items.size() + 1 - maxItems);
        for (int i = from; i < items.size(); i++) {
            next.add(items.get(i));
        }
        next.add(itemId);
        return new SessionState(next, Math.max(lastEventTime, eventTime));
    }
}
