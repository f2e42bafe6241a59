package io.streamrec.streams.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the rekeyed-events topic when it is missing, shaped like the events topic (same partitions and
 * replication) with the app's record limit, so that an existing deployment picks up the re-keying path without an operator step.
 *
 * <p>Start-up waits a few seconds for it, no longer: with the topic in place before the stream threads subscribe,
 * their pattern subscription finds it in the first assignment. A topic that appears while the first assignment is
 * under way can hit Kafka Streams' race between the pattern's subscription updates and the assignment ("Topic ... is
 * unknown to the topology"), which stops the instance: seen in about one run of four of the re-keying end-to-end test
 * while the topic was created only in the background. If the broker does not answer in time, creation goes on in the
 * background so that start-up never hangs on a broker.
 */
final class RekeyedEventsTopic {
    private static final Logger log = LoggerFactory.getLogger(RekeyedEventsTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    /** Ensures the topic on a thread of its own and waits for that thread up to {@code wait}. */
    static void ensure(StreamsAppConfig config, Duration wait) {
        Thread thread = new Thread(() -> ensure(config), "streamrec-rekeyed-topic");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} not confirmed within {}; starting anyway, creation goes on in the background",
                    config.topics().rekeyedEvents(), wait);
        }
    }

    private RekeyedEventsTopic() {
    }

    /** Admin client properties for the app's cluster: its bootstrap servers and any admin setting given with -K. */
    static Properties adminProperties(StreamsAppConfig config) {
        Properties props = new Properties();
        config.extraStreams().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    static void ensure(StreamsAppConfig config) {
        String events = config.topics().events();
        String rekeyed = config.topics().rekeyedEvents();
        try (Admin admin = Admin.create(adminProperties(config))) {
            // one round trip for both: the events topic's shape is what a missing rekey topic is created with
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(List.of(events, rekeyed))
                    .topicNameValues();
            TopicDescription source;
            try {
                source = described.get(events).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // no events topic either: Kafka Streams reports the missing source topic itself
                return;
            }
            try {
                described.get(rekeyed).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return; // both exist
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            // Written by the app, so with the app's record limit rather than whatever the events topic allows.
            NewTopic topic = new NewTopic(rekeyed, source.partitions().size(),
                    (short) source.partitions().get(0).replicas().size()).configs(Map.of(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.events().maxRecordBytes())));
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("created {} ({} partitions, like {}) for events keyed by something other than their session",
                        rekeyed, topic.numPartitions(), events);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not check or create {}: {}; create it like {} if the app does not start", rekeyed,
                    e.getMessage(), events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
