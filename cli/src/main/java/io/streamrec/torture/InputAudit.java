package io.streamrec.torture;

import io.streamrec.schemas.topic.ClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds records on the events topic that the sender's ledger does not hold. An idempotent producer can still write a
 * batch twice when the broker restarts under it (seen: two events written twice across a broker restart, each copy
 * answered by the app); the ledger has one acknowledgement per send, so without this the app's correct answer to the
 * second copy would count as a duplicate. The topic is read only when its record count and the ledger's differ.
 */
final class InputAudit {
    private static final Duration READ_LIMIT = Duration.ofMinutes(5);

    private InputAudit() {
    }

    /** The records on {@code topic} at offsets the ledger lacks, as inputs with the identity their bytes give. */
    static List<SentRecord> unacknowledged(String bootstrap, String topic, List<SentRecord> ledger) {
        // committed records only, as the app reads them (the events topic has no transactions today)
        Properties props = ClientProperties.committedReader(bootstrap, "streamrec-torture-input-audit");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            long onTopic = 0;
            for (TopicPartition p : partitions) {
                onTopic += ends.get(p) - starts.get(p);
            }
            if (onTopic == ledger.size()) {
                return List.of();
            }
            Set<Long> known = new HashSet<>();
            ledger.forEach(r -> known.add(OutcomeMatcher.position(r.partition(), r.offset())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<SentRecord> extra = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!reached(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!known.contains(OutcomeMatcher.position(r.partition(), r.offset()))) {
                        extra.add(new SentRecord(r.partition(), r.offset(),
                                Identity.expected(r.value(), r.timestamp()).orElse(null), null));
                    }
                }
            }
            return extra;
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
