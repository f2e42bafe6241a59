package io.streamrec.trainer.data;

import static io.streamrec.trainer.data.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionPreprocessorTest {
    private static final long DAY = 86_400_000L;

    @Test
    void appliesTheStandardFilterThenSplitsOffTheLastDay() {
        List<Session> sessions = new ArrayList<>();
        // "a" and "b" get 5+ clicks in training; "rare" only 2; "late" appears only in the last day
        for (int i = 0; i < 5; i++) {
            sessions.add(session("s" + i, i * 1000L, "a", "b"));
        }
        sessions.add(session("single", 10 * DAY, "a"));                 // length 1: dropped
        sessions.add(session("rare", 2 * DAY, "a", "rare", "rare", "b")); // loses its rare clicks, keeps a, b
        sessions.add(session("onlyRare", 3 * DAY, "rare", "a"));          // left with one click: dropped
        for (int i = 0; i < 5; i++) {
            sessions.add(session("late" + i, 10 * DAY + i * 1000L, "late", "a"));
        }
        sessions.add(session("test", 10 * DAY, "a", "b", "a"));

        SessionPreprocessor.Result result = new SessionPreprocessor().process(SessionDataset.of(sessions));

        // training: sessions ending before (last click - 1 day); "late" has 5 clicks so survives the item filter
        assertThat(result.split().train().sessions()).extracting(Session::sessionId)
                .containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4", "rare");
        assertThat(result.split().train().sessions()).filteredOn(s -> s.sessionId().equals("rare"))
                .singleElement().extracting(Session::items).isEqualTo(List.of("a", "b"));
        // test: "late" is unseen in training, so late* sessions shrink to one click and go
        assertThat(result.split().test().sessions()).extracting(Session::sessionId).containsExactly("test");
        assertThat(result.steps()).extracting(SessionPreprocessor.Step::name).first().isEqualTo("input");
        assertThat(result.steps().get(0).sessions()).isEqualTo(sessions.size());
        assertThat(result.steps().get(result.steps().size() - 1).events()).isEqualTo(3);
    }

    @Test
    void givenSplitsOnlyLoseTestClicksOnItemsTrainingNeverSaw() {
        SessionDataset train = SessionDataset.of(List.of(session("t", 0, "a", "b")));
        SessionDataset test = SessionDataset.of(List.of(
                session("x", DAY, "a", "new", "b"),
                session("y", DAY, "new", "a")));

        SessionPreprocessor.Result result = new SessionPreprocessor()
                .filterTest(new SessionDataset.Split(train, test));

        assertThat(result.split().train().sessions()).hasSize(1);
        assertThat(result.split().test().sessions()).singleElement()
                .extracting(Session::items).isEqualTo(List.of("a", "b"));
    }
}
