package io.streamrec.demo;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo sent, per session, in send order, with the popularity baseline's list at each event. The k-th
 * recommendation the app wrote for a session answers the k-th event sent for it, because one session's events share
 * a partition and the app answers each exactly once, in order.
 */
final class SessionLedger {
    record Sent(String itemId, List<RecommendedItem> popularityTopK) {
    }

    private final Map<String, List<Sent>> sessions = new LinkedHashMap<>();
    private final List<String> recentSessions = new ArrayList<>();

    synchronized void record(ClickEvent event, List<RecommendedItem> popularityTopK) {
        sessions.computeIfAbsent(event.sessionKey(), k -> new ArrayList<>()).add(new Sent(event.itemId(), popularityTopK));
        recentSessions.remove(event.sessionKey());
        recentSessions.add(event.sessionKey());
        if (recentSessions.size() > 50) {
            recentSessions.remove(0);
        }
    }

    synchronized Map<String, List<Sent>> snapshot() {
        Map<String, List<Sent>> copy = new LinkedHashMap<>();
        sessions.forEach((key, sent) -> copy.put(key, List.copyOf(sent)));
        return copy;
    }

    synchronized List<Sent> session(String key) {
        return List.copyOf(sessions.getOrDefault(key, List.of()));
    }

    /** The sessions that received events most recently, newest last. */
    synchronized List<String> recentSessions(int n) {
        return List.copyOf(recentSessions.subList(Math.max(0, recentSessions.size() - n), recentSessions.size()));
    }
}
