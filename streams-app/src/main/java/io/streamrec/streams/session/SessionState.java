package io.streamrec.streams.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps per session: the raw ids of its last items, oldest first, the time of its last event and the
 * user it belongs to, when events name one. Raw ids rather than model indices, so that the state survives a model
 * swap that changes the vocabulary; the user so that an HTTP answer names the same user the topic's answer did.
 *
 * @param userId     the latest user id the session's events carried, or null
 * @param modelState the serving model's state for the whole session (models with a step graph), or null
 */
public record SessionState(List<String> items, long lastEventTime, String userId, ModelState modelState) {

    public SessionState {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a session has at least one item");
        }
    }

    public SessionState(List<String> items, long lastEventTime, String userId) {
        this(items, lastEventTime, userId, null);
    }

    public SessionState(List<String> items, long lastEventTime) {
        this(items, lastEventTime, null, null);
    }

    public static SessionState start(String itemId, long eventTime, String userId) {
        return new SessionState(List.of(itemId), eventTime, userId, null);
    }

    /** The same session with the model's state after its latest item. */
    public SessionState withModelState(ModelState state) {
        return new SessionState(items, lastEventTime, userId, state);
    }


    public static SessionState start(String itemId, long eventTime) {
        return start(itemId, eventTime, null);
    }

    /** The most recent item, the one the last event clicked. */
    public String lastItem() {
        return items.get(items.size() - 1);
    }

    /**
     * The state after one more click. A click more than {@code gapMs} after the last one starts a new session; only
     * the last {@code maxItems} items are kept. A late (out-of-order) click joins the session without moving its
     * clock back.
     */
    public SessionState after(String itemId, long eventTime, String eventUserId, int maxItems, long gapMs) {
        String user = eventUserId != null ? eventUserId : userId;
        if (eventTime - lastEventTime > gapMs) {
            // A new session: nothing of the old one, model state included, carries over.
            return start(itemId, eventTime, user);
        }
        List<String> next = new ArrayList<>(Math.min(items.size() + 1, maxItems));
        int from = Math.max(0, items.size() + 1 - maxItems);
        for (int i = from; i < items.size(); i++) {
            next.add(items.get(i));
        }
        next.add(itemId);
        // The model state still describes the session before this click; the caller advances it.
        return new SessionState(next, Math.max(lastEventTime, eventTime), user, modelState);
    }

    public SessionState after(String itemId, long eventTime, int maxItems, long gapMs) {
        return after(itemId, eventTime, null, maxItems, gapMs);
    }
}
