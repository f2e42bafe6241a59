package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model topic on a thread of its own and swaps accepted models into the {@link ModelSlot}.
 *
 * <p>Deliberately not part of the topology: a per-task stream would give each instance only some partitions' models,
 * and a global store blocks start-up while restoring. Every instance reads every partition from the beginning with
 * a plain assigned consumer (no group, no commits), so a restarted instance finds the latest model again. Loading and
 * warming up a model happens here, never on a stream thread.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelWatcher.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final BundleGate gate;
    private final ModelSlot<OnnxModel> slot;
    private final ServingStats stats;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public ModelWatcher(String bootstrapServers, TopicCatalogue topics, BundleGate gate, ModelSlot<OnnxModel> slot,
                        ServingStats stats) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamrec-model-watcher");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int fetchBytes = TopicCatalogue.MAX_BUNDLE_BYTES + 1024 * 1024;
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(fetchBytes));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(fetchBytes));
        // One bundle at a time: each may be tens of MB and is loaded before the next is looked at.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topics.models();
        this.gate = gate;
        this.slot = slot;
        this.stats = stats;
        this.thread = new Thread(this::run, "streamrec-model-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            assignAllPartitions();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("the model watcher stopped; the current model keeps serving but no new one will arrive", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void assignAllPartitions() {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            partitions = found == null ? List.of() : found;
            if (partitions.isEmpty()) {
                log.warn("model topic {} not found yet; waiting for it", topic);
            }
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        log.info("watching {} ({} partition(s)) for model bundles", topic, assigned.size());
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        OptionalLong serving = slot.peek().map(m -> OptionalLong.of(m.manifest().version())).orElse(OptionalLong.empty());
        BundleDecision decision = gate.consider(record.key(), record.value(), serving);
        if (decision instanceof BundleDecision.Accept accept) {
            boolean replacing = serving.isPresent();
            slot.install(accept.model());
            stats.modelInstalled(accept.model().manifest().label(), replacing);
            log.info("now serving {} on {} (offset {})", accept.model().manifest().label(), accept.model().device(),
                    record.offset());
        } else if (decision instanceof BundleDecision.Refuse refuse) {
            stats.bundleRefused();
            log.warn("refused model bundle at {}-{} offset {}: {}; the current model keeps serving", record.topic(),
                    record.partition(), record.offset(), refuse.reason());
        } else if (decision instanceof BundleDecision.Ignore ignore) {
            log.debug("ignored model topic record: {}", ignore.reason());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        if (thread.isAlive()) {
            stopped.await();
        }
    }
}
