package io.streamrec.trainer.publish;

import io.streamrec.schemas.topic.Topic;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.schemas.verdict.ModelVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * Listens on the model-verdicts topic for what serving instances make of one bundle. Opened before the bundle is
 * sent, it notes where the topic ends then, so that every verdict on the bundle is read and none from before it; a
 * verdict belongs to the bundle when it names the model and the partition and offset the bundle's record landed at.
 *
 * <p>One refusal settles it (that instance will not serve the bundle); acceptance needs as many instances as the
 * publisher waits for. A verdict topic that does not exist, or a record on it that cannot be read, costs only the
 * verdict: the outcome is then "no verdict", never a failed publication.
 */
final class VerdictWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOKUP = Duration.ofSeconds(10);

    private final KafkaConsumer<String, ModelVerdict> consumer;
    private final String topic;
    private final boolean found;

    private VerdictWatch(KafkaConsumer<String, ModelVerdict> consumer, String topic, boolean found) {
        this.consumer = consumer;
        this.topic = topic;
        this.found = found;
    }

    /** Starts listening from the verdict topic's current end. */
    static VerdictWatch open(String bootstrapServers, TopicCatalogue topics) {
        Topic<String, ModelVerdict> verdicts = topics.modelVerdictTopic();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamrec-bundle-publisher-verdicts");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        KafkaConsumer<String, ModelVerdict> consumer = new KafkaConsumer<>(props,
                verdicts.keySerde().deserializer(), verdicts.valueSerde().deserializer());
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(verdicts.name(), LOOKUP);
            if (partitions == null || partitions.isEmpty()) {
                return new VerdictWatch(consumer, verdicts.name(), false);
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(verdicts.name(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            // Positions are looked up lazily; asking now fixes them before the bundle is sent.
            assigned.forEach(p -> consumer.position(p, LOOKUP));
            return new VerdictWatch(consumer, verdicts.name(), true);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code wait} for the verdicts on the bundle published at {@code at} under {@code model}.
     *
     * @param instances how many instances must accept it for it to count as accepted
     */
    PublishOutcome await(String model, long version, RecordMetadata at, int instances, Duration wait) {
        String label = model + " v" + version;
        if (!found) {
            return PublishOutcome.noVerdict(List.of(), "no verdict on " + label + ": the verdict topic " + topic
                    + " does not exist (create it as `streamrec broker` does, or see the README)");
        }
        Map<String, ModelVerdict> byInstance = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (ModelVerdict verdict : poll()) {
                if (model.equals(verdict.model()) && verdict.partition() == at.partition()
                        && verdict.offset() == at.offset()) {
                    byInstance.put(verdict.instance(), verdict);
                }
            }
            List<ModelVerdict> verdicts = new ArrayList<>(byInstance.values());
            Optional<ModelVerdict> refusal = verdicts.stream().filter(v -> !v.accepted()).findFirst();
            if (refusal.isPresent()) {
                return PublishOutcome.refused(verdicts, refusal.get());
            }
            if (verdicts.size() >= instances) {
                return PublishOutcome.accepted(verdicts);
            }
        }
        List<ModelVerdict> verdicts = new ArrayList<>(byInstance.values());
        if (verdicts.isEmpty()) {
            return PublishOutcome.noVerdict(verdicts, "no verdict on " + label + " within " + seconds(wait)
                    + ": is an instance serving line '" + model + "' running?");
        }
        return PublishOutcome.noVerdict(verdicts, "only " + verdicts.size() + " of " + instances + " instance(s)"
                + " accepted " + label + " within " + seconds(wait) + " (" + PublishOutcome.instances(verdicts) + ")");
    }

    /** The verdicts of one poll; a record that is not a verdict is skipped, not fatal. */
    private List<ModelVerdict> poll() {
        List<ModelVerdict> verdicts = new ArrayList<>();
        try {
            for (ConsumerRecord<String, ModelVerdict> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    verdicts.add(record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            // The consumer stops at a record it cannot read; move past it.
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        return verdicts;
    }

    private static String seconds(Duration wait) {
        return wait.toSeconds() + "s";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
