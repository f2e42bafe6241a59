package io.streamrec.trainer.publish;

import io.streamrec.schemas.bundle.ChunkManifest;
import io.streamrec.schemas.bundle.ChunkedBundles;
import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.topic.ClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds the chunk manifest a line's model-topic key holds now, so that a publisher can retire that version's chunks
 * once it has published a newer one: compaction will drop the old manifest (same key), and without tombstones its
 * chunks, each under a key of its own, would stay on the topic for good. Reads the topic once, start to end.
 */
final class LatestChunkManifest {
    private static final Duration POLL = Duration.ofMillis(200);

    private LatestChunkManifest() {
    }

    static Optional<ChunkManifest> find(String bootstrapServers, String topic, String name, Duration timeout) {
        Properties props = ClientProperties.modelTopicReader(bootstrapServers, "streamrec-bundle-publisher-lookup",
                Map.of());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            Optional<ChunkManifest> latest = Optional.empty();
            while (!reached(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (name.equals(record.key())) {
                        latest = manifestIn(record.value());
                    }
                }
            }
            return latest;
        }
    }

    /** The manifest in a value under the model name; empty for a single-record bundle or a tombstone. */
    private static Optional<ChunkManifest> manifestIn(byte[] value) {
        if (!ChunkedBundles.isManifest(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChunkedBundles.decodeManifest(value));
        } catch (InvalidBundleException e) {
            return Optional.empty();
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
