package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.streams.topology.EventLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTopicLimitsTest {

    @Test
    void theOutputTopicsAreEverythingTheAppWritesTheChangelogIncluded() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092").withApplicationId("shop");
        assertThat(OutputTopicLimits.outputTopics(config)).containsExactly("streamrec-recommendations",
                "streamrec-dead-letters", "streamrec-events-rekeyed", "shop-session-state-changelog");
    }

    @Test
    void topicsThatTakeTheRecordLimitOrMoreChangeNothing() {
        Map<String, Integer> topics = Map.of("a", 1024 * 1024, "b", 1_048_588, "c", 64 << 20);
        assertThat(OutputTopicLimits.fit(EventLimits.DEFAULT, topics, "k:9092")).isSameAs(EventLimits.DEFAULT);
    }

    @Test
    void theSmallestTopicLimitBecomesTheAppsOwn() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put("recommendations", 1024 * 1024);
        topics.put("dead-letters", 300_000);
        topics.put("changelog", 500_000);
        EventLimits fitted = OutputTopicLimits.fit(EventLimits.DEFAULT, topics, "k:9092");
        assertThat(fitted.maxRecordBytes()).isEqualTo(300_000);
        assertThat(fitted.maxWriteBytes()).isEqualTo(300_000 - EventLimits.FRAMING_MARGIN);
        assertThat(fitted.maxEventBytes()).isEqualTo(EventLimits.DEFAULT_MAX_EVENT_BYTES);
        assertThat(fitted.maxIdBytes()).isEqualTo(EventLimits.DEFAULT_MAX_ID_BYTES);
    }
}
