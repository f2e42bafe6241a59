package io.streamrec.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDatasetTest {
    private static Session session(String id, long start, String... items) {
        List<Long> times = new java.util.ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            times.add(start + i * 10_000L);
        }
        return new Session(id, List.of(items), times);
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
                java.util.Map.entry("a", 4L), java.util.Map.entry("b", 2L), java.util.Map.entry("c", 1L));
    }

    @Test
    void splitHoldsOutTheSessionsThatStartLastAndDropsWhatTrainingNeverSaw() {
        SessionDataset data = SessionDataset.of(List.of(
                session("s1", 100, "a", "b", "c"),
                session("s2", 200, "b", "c"),
                session("s3", 300, "c", "a"),
                session("s4", 400, "a", "b"),
                session("s5", 500, "a", "new", "b"),   // keeps a, b
                session("s6", 600, "new", "c"),        // left with one click: dropped
                session("s7", 700, "c", "b", "a"),
                session("s8", 800, "b", "a"),
                session("s9", 900, "a", "c"),
                session("s10", 1000, "b", "c")));
        // sessions that start last are the test set, even if listed first
        SessionDataset.Split split = SessionDataset.of(data.sessions().reversed()).split(0.4);

        assertThat(split.train().sessions()).extracting(Session::sessionId)
                .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(split.test().sessions()).extracting(Session::sessionId).containsExactly("s7", "s8", "s9", "s10");

        SessionDataset.Split later = SessionDataset.of(List.of(
                session("t1", 100, "a", "b"), session("t2", 200, "b", "a"),
                session("t3", 300, "a", "zz", "b"), session("t4", 400, "zz", "a"))).split(0.5);
        assertThat(later.test().sessions()).containsExactly(
                new Session("t3", List.of("a", "b"), List.of(300L, 20_300L)));
    }
}
