package io.streamrec.replay;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns sessions back into the interleaved click stream a site would have produced. */
public final class ReplayOrder {
    private ReplayOrder() {
    }

    /** Every click of every session, ordered by time; ties keep session order, then position in the session. */
    public static List<ClickEvent> inTimeOrder(SessionDataset dataset) {
        return inTimeOrder(dataset.sessions());
    }

    public static List<ClickEvent> inTimeOrder(List<Session> sessions) {
        List<ClickEvent> events = new ArrayList<>();
        for (Session session : sessions) {
            for (int i = 0; i < session.items().size(); i++) {
                events.add(ClickEvent.click(session.sessionId(), session.items().get(i), session.timestampsMs().get(i)));
            }
        }
        // A stable sort keeps a session's own order when two of its clicks share a timestamp.
        events.sort(Comparator.comparingLong(ClickEvent::timestamp));
        return events;
    }

    /**
     * The clicks of {@code sessions} as a site with {@code concurrent} sessions open at any moment sends them: each
     * open session clicks in turn, and when one ends the next session opens in its place. Each session keeps its own
     * order; every click keeps its own timestamp. Generated and logged datasets spread sessions over days, so in time
     * order consecutive clicks mostly belong to one session, which is nothing like a busy site's stream.
     */
    public static List<ClickEvent> concurrently(List<Session> sessions, int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent sessions must be at least 1");
        }
        List<ClickEvent> events = new ArrayList<>();
        int[] open = new int[Math.min(concurrent, sessions.size())];
        int[] position = new int[open.length];
        int next = 0;
        for (int slot = 0; slot < open.length; slot++) {
            open[slot] = next++;
        }
        int live = open.length;
        while (live > 0) {
            live = 0;
            for (int slot = 0; slot < open.length; slot++) {
                if (open[slot] < 0) {
                    continue;
                }
                Session session = sessions.get(open[slot]);
                int i = position[slot]++;
                events.add(ClickEvent.click(session.sessionId(), session.items().get(i), session.timestampsMs().get(i)));
                if (position[slot] == session.items().size()) {
                    open[slot] = next < sessions.size() ? next++ : -1;
                    position[slot] = 0;
                }
                if (open[slot] >= 0) {
                    live++;
                }
            }
        }
        return events;
    }
}
