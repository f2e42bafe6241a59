package io.streamrec.streams.session;

import io.streamrec.model.ModelState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps per session: the raw ids of its last items, oldest first, the time of its last event and the
 * user it belongs to, when events name one. Raw ids rather than model indices, so that the state survives a model
 * swap that changes the vocabulary; the user so that an HTTP answer names the same user the topic's answer did.
 *
 * <p>The rest is per role: the session's model line answers it (main), and a shadow model may score the same
 * events without its answer being sent. For each, the model's own state of the session (step-graph models) and the
 * list last produced, against which the session's next click is scored. The main line also keeps the state its last
 * answer was computed on, so that the answer can be computed again for a reader (see {@code ServingRule}).
 *
 * @param userId           the latest user id the session's events carried, or null
 * @param modelState       the main line's model state for the whole session (models with a step graph), or null
 * @param answeredFrom     the main line's model state the last answer was computed on, or null; always of the
 *                         same model as {@code modelState}
 * @param lastAnswer       the answer the session was sent for its previous event, or null
 * @param shadowState      the shadow model's state for the session, or null
 * @param lastShadowAnswer the shadow model's list for the previous event, or null
 */
public record SessionState(List<String> items, long lastEventTime, String userId, ModelState modelState,
                           ModelState answeredFrom, ServedList lastAnswer, ModelState shadowState,
                           ServedList lastShadowAnswer) {

    public SessionState {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a session has at least one item");
        }
        if (answeredFrom != null && (modelState == null
                || !answeredFrom.belongsTo(modelState.modelName(), modelState.modelVersion()))) {
            // The rule only ever answers from a state of the model that then gives the session its next state.
            throw new IllegalArgumentException("the state an answer came from (" + answeredFrom
                    + ") is not of the session's model state (" + modelState + ")");
        }
    }

    public SessionState(List<String> items, long lastEventTime, String userId, ModelState modelState) {
        this(items, lastEventTime, userId, modelState, null, null, null, null);
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

    public static SessionState start(String itemId, long eventTime) {
        return start(itemId, eventTime, null);
    }

    /**
     * The same session after its line answered the latest item: the model state to keep, the state the answer was
     * computed on, and the list sent.
     */
    public SessionState answered(ModelState state, ModelState from, ServedList sent) {
        return new SessionState(items, lastEventTime, userId, state, from, sent, shadowState, lastShadowAnswer);
    }

    /** The same session after the shadow model scored the latest item (nulls when there is no shadow answer). */
    public SessionState shadowed(ModelState state, ServedList scored) {
        return new SessionState(items, lastEventTime, userId, modelState, answeredFrom, lastAnswer, state, scored);
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
            // A new session: nothing of the old one carries over, model states and the lists the next click would
            // be scored against included (a new session's first click answers no earlier recommendation).
            return start(itemId, eventTime, user);
        }
        List<String> next = new ArrayList<>(Math.min(items.size() + 1, maxItems));
        int from = Math.max(0, items.size() + 1 - maxItems);
        for (int i = from; i < items.size(); i++) {
            next.add(items.get(i));
        }
        next.add(itemId);
        // The model states and lists still describe the session before this click; the caller scores the click
        // against the lists and then advances both.
        return new SessionState(next, Math.max(lastEventTime, eventTime), user, modelState, answeredFrom, lastAnswer,
                shadowState, lastShadowAnswer);
    }

    public SessionState after(String itemId, long eventTime, int maxItems, long gapMs) {
        return after(itemId, eventTime, null, maxItems, gapMs);
    }
}
