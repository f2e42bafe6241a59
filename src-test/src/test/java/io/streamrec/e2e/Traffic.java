package io.streamrec.e2e;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.List;

/** Events in and answers out, the way the end-to-end tests drive a running app. */
final class Traffic {
    private Traffic() {
    }

    /** Sends {@code events} to the events topic as fast as the producer goes; returns once all are acknowledged. */
    static void replay(EmbeddedKafkaBroker broker, TopicCatalogue topics, List<ClickEvent> events) {
        try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
            replayer.replay(events, 0, (i, e) -> { });
        }
    }

    /** The committed answers, from the beginning: at least {@code expected} unless {@code wait} ran out first. */
    static List<Recommendation> answers(EmbeddedKafkaBroker broker, TopicCatalogue topics, int expected,
                                        Duration wait) {
        RecommendationSerde serde = new RecommendationSerde();
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
            return reader.readAtLeast(expected, wait).stream().map(r -> serde.fromBytes(r.value())).toList();
        }
    }
}
