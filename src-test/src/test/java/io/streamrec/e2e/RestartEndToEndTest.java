package io.streamrec.e2e;

import static io.streamrec.e2e.E2e.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance stops mid-stream and a new one, on a fresh machine (empty state directory), takes over: every event is
 * answered exactly once and the sessions' state, model state included, is restored from the changelog.
 */
class RestartEndToEndTest {

    @Test
    void aReplacementInstanceRestoresSessionStateAndAnswersEveryRemainingEventOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "restart", 2);
            E2e.publish(broker, topics, TestBundles.statefulSuccessorModel("gru4rec", 1, 50, 5, 5));
            StreamsAppConfig config = E2e.config(broker, "restart", topics, dir);
            List<ClickEvent> before = new ArrayList<>();
            List<ClickEvent> after = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                for (int i = 0; i < 8; i++) {
                    ClickEvent e = ClickEvent.click("s" + s, "item-" + ((s + i) % 50 + 1), 1_000L * (8 * s + i));
                    (i < 4 ? before : after).add(e);
                }
            }
            try (StreamsApp first = StreamsApp.start(config.withStateDir(dir.resolve("first")))) {
                assertThat(first.awaitRunning(WAIT)).isTrue();
                assertThat(first.awaitModelVersion(1, WAIT)).isTrue();
                Traffic.replay(broker, topics, before);
                assertThat(Traffic.answers(broker, topics, before.size(), WAIT)).hasSize(before.size());
                assertThat(first.stats().stateRebuilds()).as("new sessions start with a first step").isZero();
            }
            try (StreamsApp second = StreamsApp.start(config.withStateDir(dir.resolve("second")))) {
                assertThat(second.awaitRunning(WAIT)).isTrue();
                assertThat(second.awaitModelVersion(1, WAIT)).isTrue();
                Traffic.replay(broker, topics, after);
                List<Recommendation> all = Traffic.answers(broker, topics, before.size() + after.size(), WAIT);
                assertThat(all).hasSize(before.size() + after.size());
                Map<String, List<Recommendation>> bySession = new HashMap<>();
                all.forEach(r -> bySession.computeIfAbsent(r.sessionKey(), k -> new ArrayList<>()).add(r));
                assertThat(bySession).hasSize(20).allSatisfy((session, recs) -> {
                    assertThat(recs).hasSize(8);
                    assertThat(recs).extracting(Recommendation::eventItemId).doesNotHaveDuplicates();
                });
                // Only the second instance answered the second half, and it stepped every session on from the model
                // state it restored from the changelog: not one state had to be rebuilt from raw items.
                assertThat(second.stats().eventsIn()).isEqualTo(after.size());
                assertThat(second.stats().stateRebuilds()).isZero();
            }
        }
    }
}
