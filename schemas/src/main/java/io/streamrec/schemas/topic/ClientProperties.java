package io.streamrec.schemas.topic;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings streamrec's own readers and writers (outside Kafka Streams) share, so that each says once
 * what it relies on: a reader sees committed records only, a writer's acknowledged record is stored once on every
 * in-sync replica, and a model-topic client handles records the size of a bundle without creating the topic.
 */
public final class ClientProperties {
    /** The largest model-topic record plus room for its key, headers and framing. */
    public static final int MODEL_RECORD_BYTES = TopicCatalogue.MAX_BUNDLE_BYTES + 1024 * 1024;

    private ClientProperties() {
    }

    /**
     * A consumer of committed records only (an aborted transaction's records, a bundle or an answer, must never be
     * read) that commits no offsets: it tracks its own position or reads from the start each time.
     */
    public static Properties committedReader(String bootstrapServers, String clientId) {
        return client(bootstrapServers, clientId, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    }

    /**
     * A committed reader of the model topic: fetches that hold the largest bundle record, and a lookup that never
     * creates the topic (a broker-created one would be neither compacted nor allowed records the size of a bundle).
     * {@code clientSettings} (security and the like) come first, so none of these can be overridden by accident.
     */
    public static Properties modelTopicReader(String bootstrapServers, String clientId,
                                              Map<String, String> clientSettings) {
        Properties props = new Properties();
        clientSettings.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putAll(committedReader(bootstrapServers, clientId));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(MODEL_RECORD_BYTES));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(MODEL_RECORD_BYTES));
        return props;
    }

    /** A producer whose acknowledged records are on every in-sync replica, each once (idempotent). */
    public static Properties durableWriter(String bootstrapServers, String clientId) {
        return client(bootstrapServers, clientId, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    private static Properties client(String bootstrapServers, String clientId, String... settings) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return props;
    }
}
