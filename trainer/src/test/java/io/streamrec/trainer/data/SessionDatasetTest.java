package io.streamrec.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionDatasetTest {
    /** A session of the given items, one click every ten seconds from {@code start}. */
    private static Session session(String id, long start, String... items) {
        return TestSessions.spaced(id, start, 10_000L, items);
    }

    @Test
    void ordersSessionsByTheirFirstClickAndCountsEventsAndItems() {
        SessionDataset data = SessionDataset.of(List.of(
                session("late", 300, "a", "b"),
                session("early", 100, "a", "c", "a"),
                session("middle", 200, "b", "a")));

        assertThat(data.sessions()).extracting(Session::sessionId).containsExactly("early", "middle", "late");
        assertThat(data.eventCount()).isEqualTo(7);
        assertThat(data.itemCounts()).containsExactly(
                Map.entry("a", 4L), Map.entry("b", 2L), Map.entry("c", 1L));
    }

    @Test
    void splitHoldsOutTheSessionsThatStartLast() {
        SessionDataset data = SessionDataset.of(List.of(
                session("s1", 100, "a", "b", "c"),
                session("s2", 200, "b", "c"),
                session("s3", 300, "c", "a"),
                session("s4", 400, "a", "b"),
                session("s5", 500, "a", "c", "b"),
                session("s6", 600, "b", "c"),
                session("s7", 700, "c", "b", "a"),
                session("s8", 800, "b", "a"),
                session("s9", 900, "a", "c"),
                session("s10", 1000, "b", "c")));
        List<Session> newestFirst = new ArrayList<>(data.sessions());
        Collections.reverse(newestFirst);
        SessionDataset.Split split = SessionDataset.of(newestFirst).split(0.4);

        assertThat(split.train().sessions()).extracting(Session::sessionId)
                .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(split.test().sessions()).extracting(Session::sessionId).containsExactly("s7", "s8", "s9", "s10");
    }

    @Test
    void splitDropsTestClicksOnItemsTrainingNeverSawAndTestSessionsLeftTooShort() {
        // t3 loses its click on zz, unseen in training; t4 is left with one click, nothing to predict
        SessionDataset.Split later = SessionDataset.of(List.of(
                session("t1", 100, "a", "b"), session("t2", 200, "b", "a"),
                session("t3", 300, "a", "zz", "b"), session("t4", 400, "zz", "a"))).split(0.5);

        assertThat(later.test().sessions()).containsExactly(
                new Session("t3", List.of("a", "b"), List.of(300L, 20_300L)));
    }
}
