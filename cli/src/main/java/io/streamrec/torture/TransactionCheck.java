package io.streamrec.torture;

import io.streamrec.schemas.topic.ClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds partitions stuck behind an open transaction: their read_committed end (the last stable offset) lags the log
 * end. Readers with read_committed see nothing past an open transaction, so a transaction the app left open (a
 * producer that lost the broker mid-commit) stalls every reader of that partition until the transaction times out.
 */
public final class TransactionCheck {
    private TransactionCheck() {
    }

    /**
     * Waits up to {@code timeout} for every partition of {@code topics} to be settled (stable end = log end) and
     * returns those still lagging then, with how far ("topic-partition" to records behind).
     */
    public static Map<String, Long> unsettled(String bootstrap, List<String> topics, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> committed = consumer(bootstrap, "read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : committed.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            // assigned, or the consumers log each end offset they fetch for a partition they do not own
            committed.assign(partitions);
            uncommitted.assign(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Long> lagging = new TreeMap<>();
            do {
                lagging.clear();
                Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(15));
                Map<TopicPartition, Long> end = uncommitted.endOffsets(partitions, Duration.ofSeconds(15));
                for (TopicPartition partition : partitions) {
                    long behind = end.get(partition) - stable.get(partition);
                    if (behind > 0) {
                        lagging.put(partition.toString(), behind);
                    }
                }
                if (lagging.isEmpty()) {
                    return lagging;
                }
                Sleep.millis(500);
            } while (System.nanoTime() < deadline);
            return lagging;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        Properties props = ClientProperties.committedReader(bootstrap, "streamrec-torture-txn-check-" + isolation);
        // read_uncommitted for the log end, which open transactions do not hold back
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
