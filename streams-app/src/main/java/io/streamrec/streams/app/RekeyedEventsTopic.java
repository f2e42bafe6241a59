package io.streamrec.streams.app;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the rekeyed-events topic when it is missing, shaped like the events topic (same partitions and
 * replication), so that an existing deployment picks up the re-keying path without an operator step. It runs on a
 * thread of its own because start-up must not wait for a broker; the topology subscribes to the topic by pattern,
 * so it is picked up once it exists.
 */
final class RekeyedEventsTopic {
    private static final Logger log = LoggerFactory.getLogger(RekeyedEventsTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    static void ensureInBackground(StreamsAppConfig config) {
        Thread thread = new Thread(() -> ensure(config), "streamrec-rekeyed-topic");
        thread.setDaemon(true);
        thread.start();
    }

    private RekeyedEventsTopic() {
    }

    static void ensure(StreamsAppConfig config) {
        Properties props = new Properties();
        config.extraStreams().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        String events = config.topics().events();
        String rekeyed = config.topics().rekeyedEvents();
        try (Admin admin = Admin.create(props)) {
            try {
                admin.describeTopics(List.of(events, rekeyed)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return; // both exist
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            TopicDescription source;
            try {
                source = admin.describeTopics(List.of(events)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(events);
            } catch (ExecutionException e) {
                // no events topic either: Kafka Streams reports the missing source topic itself
                return;
            }
            NewTopic topic = new NewTopic(rekeyed, source.partitions().size(),
                    (short) source.partitions().get(0).replicas().size());
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
