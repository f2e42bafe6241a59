package io.streamrec.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.trainer.data.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOrderTest {

    @Test
    void concurrentSessionsTakeTurnsAndTheNextOpensWhenOneEnds() {
        List<Session> sessions = List.of(
                session("a", 3), session("b", 1), session("c", 2), session("d", 2));
        List<ClickEvent> events = ReplayOrder.concurrently(sessions, 2);

        assertThat(events).extracting(e -> e.sessionKey() + e.itemId())
                .containsExactly("aa0", "bb0", "aa1", "cc0", "aa2", "cc1", "dd0", "dd1");
    }

    @Test
    void everyClickOnceInItsSessionsOrderWithItsOwnTimestamp() {
        List<Session> sessions = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            sessions.add(session("s" + s, 1 + s % 7));
        }
        List<ClickEvent> events = ReplayOrder.concurrently(sessions, 9);

        Map<String, List<ClickEvent>> bySession = new LinkedHashMap<>();
        events.forEach(e -> bySession.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e));
        assertThat(bySession).hasSize(50);
        for (Session session : sessions) {
            assertThat(bySession.get(session.sessionId())).extracting(ClickEvent::itemId)
                    .isEqualTo(session.items());
            assertThat(bySession.get(session.sessionId())).extracting(ClickEvent::timestamp)
                    .isEqualTo(session.timestampsMs());
        }
        // Nine sessions are open at first: the first nine clicks are nine different sessions.
        assertThat(events.subList(0, 9)).extracting(ClickEvent::sessionKey).doesNotHaveDuplicates();
        assertThatThrownBy(() -> ReplayOrder.concurrently(sessions, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Session session(String id, int clicks) {
        List<String> items = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            items.add(id + i);
            times.add(1_000L * i + id.hashCode());
        }
        return new Session(id, items, times);
    }
}
