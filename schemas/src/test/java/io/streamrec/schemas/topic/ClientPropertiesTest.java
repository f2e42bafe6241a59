package io.streamrec.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
    @Test
    void readersSeeCommittedRecordsOnlyAndCommitNothing() {
        Properties p = ClientProperties.committedReader("k:9092", "reader");
        assertThat(p).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "reader")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    }

    @Test
    void writersAreAcknowledgedByEveryReplicaOnce() {
        assertThat(ClientProperties.durableWriter("k:9092", "writer"))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "writer");
    }

    @Test
    void modelTopicReadersTakeABundleAndKeepTheirOwnGuaranteesOverClientSettings() {
        Properties p = ClientProperties.modelTopicReader("k:9092", "watcher", Map.of(
                "security.protocol", "SSL", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.GROUP_ID_CONFIG, "someone", "not.a.consumer.setting", "x"));
        assertThat(p).containsEntry("security.protocol", "SSL")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .doesNotContainKey("not.a.consumer.setting");
        assertThat(Integer.parseInt(p.getProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG)))
                .isGreaterThan(TopicCatalogue.MAX_BUNDLE_BYTES);
    }
}
