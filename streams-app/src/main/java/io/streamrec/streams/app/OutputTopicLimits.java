package io.streamrec.streams.app;

import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.TopologySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the app's record limit to the output topics that already exist. A topic created before (by an operator, an
 * older build, or Kafka Streams for the changelog) may take smaller records than {@code --max-record-bytes}; writing
 * a record it refuses would fail the stream thread. So at start-up the app reads each existing output topic's
 * {@code max.message.bytes} (the broker's default when the topic sets none) and, where one is smaller, lowers its own
 * limit to it, with a warning that says how to raise the topic's instead. Topics that do not exist yet are created
 * with the app's limit.
 *
 * <p>When the broker does not answer in time the configured limit stands, with a warning: start-up never hangs on
 * this check.
 */
final class OutputTopicLimits {
    private static final Logger log = LoggerFactory.getLogger(OutputTopicLimits.class);

    private OutputTopicLimits() {
    }

    /** {@code config} with its event limits fitted to the existing output topics'. */
    static StreamsAppConfig fit(StreamsAppConfig config, Duration wait) {
        Map<String, Integer> existing = describe(config, wait);
        EventLimits fitted = fit(config.events(), existing, config.bootstrapServers());
        return fitted.equals(config.events()) ? config : config.withEvents(fitted);
    }

    /** The output topics: everything the app writes. */
    static List<String> outputTopics(StreamsAppConfig config) {
        return List.of(config.topics().recommendations(), config.topics().deadLetters(),
                config.topics().rekeyedEvents(), TopologySettings.stateChangelog(config.applicationId()));
    }

    /** {@code limits} lowered to the smallest of {@code topicLimits}, each smaller one logged. */
    static EventLimits fit(EventLimits limits, Map<String, Integer> topicLimits, String bootstrap) {
        EventLimits fitted = limits;
        for (Map.Entry<String, Integer> topic : topicLimits.entrySet()) {
            int limit = topic.getValue();
            if (limit >= limits.maxRecordBytes()) {
                continue;
            }
            fitted = fitted.fittedTo(topic.getKey(), Math.min(limit, fitted.maxRecordBytes()));
            log.warn("topic {} takes records of at most {} bytes (max.message.bytes), less than the record limit of "
                    + "{}: the app keeps its records below {} bytes instead and takes events of up to {} bytes. "
                    + "To keep the configured limit, raise the topic's: kafka-configs.sh --bootstrap-server {} "
                    + "--alter --entity-type topics --entity-name {} --add-config max.message.bytes={}",
                    topic.getKey(), limit, limits.maxRecordBytes(), fitted.maxWriteBytes(), fitted.maxEventBytes(),
                    bootstrap, topic.getKey(), limits.maxRecordBytes());
        }
        return fitted;
    }

    /** Each existing output topic's record limit; topics that do not exist are left out. */
    private static Map<String, Integer> describe(StreamsAppConfig config, Duration wait) {
        List<ConfigResource> resources = new ArrayList<>();
        for (String topic : outputTopics(config)) {
            resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        Admin admin = Admin.create(RekeyedEventsTopic.adminProperties(config));
        try {
            Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(resources).values();
            for (ConfigResource resource : resources) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    ConfigEntry entry = described.get(resource).get(left, TimeUnit.NANOSECONDS)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    if (entry != null && entry.value() != null) {
                        limits.put(resource.name(), Integer.parseInt(entry.value()));
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        log.warn("could not read the record limit of {}: {}", resource.name(), e.getCause().toString());
                    }
                }
            }
        } catch (TimeoutException e) {
            log.warn("the broker did not describe the output topics within {}; assuming they take records of {} "
                    + "bytes", wait, config.events().maxRecordBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Without waiting for calls still pending against a broker that is not answering.
            admin.close(Duration.ZERO);
        }
        return limits;
    }
}
