package io.streamrec.schemas.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class ModelVerdictSerdeTest {
    private final ModelVerdictSerde serde = new ModelVerdictSerde();

    @Test
    void aVerdictRoundTripsAsSmallJsonWithoutAReasonWhenAccepted() {
        ModelVerdict accepted = new ModelVerdict("gru4rec", 7, 0, 42, "streamrec@host:8080", true, null,
                "2026-11-23T10:00:00Z");
        ModelVerdict refused = new ModelVerdict("gru4rec", 0, 0, 43, "streamrec@host:8080", false,
                "entry model.onnx inflates past 512 MiB", "2026-11-23T10:00:01Z");

        assertThat(serde.fromBytes(serde.toBytes(accepted))).isEqualTo(accepted);
        assertThat(serde.fromBytes(serde.toBytes(refused))).isEqualTo(refused);
        assertThat(new String(serde.toBytes(accepted), StandardCharsets.UTF_8)).doesNotContain("reason");
        assertThat(refused.describe())
                .isEqualTo("refused by streamrec@host:8080: entry model.onnx inflates past 512 MiB");
    }

    @Test
    void theVerdictTopicIsCreatedWithTheOthersOnOnePartitionAndExpires() {
        TopicCatalogue topics = TopicCatalogue.withPrefix("p-");

        NewTopic verdicts = topics.newTopics(3, (short) 1).stream()
                .filter(t -> t.name().equals("p-model-verdicts")).findFirst().orElseThrow();

        assertThat(topics.modelVerdictTopic().name()).isEqualTo("p-model-verdicts");
        assertThat(verdicts.numPartitions()).isEqualTo(1);
        assertThat(verdicts.configs()).containsKey("retention.ms");
    }
}
