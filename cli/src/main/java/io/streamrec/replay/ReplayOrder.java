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
}
