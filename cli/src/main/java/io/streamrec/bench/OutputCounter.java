package io.streamrec.bench;

import io.streamrec.schemas.topic.ClientProperties;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records on an output topic from outside the app, as a downstream reader sees them: under exactly-once
 * it reads committed records only, so an answer counts (and its latency ends) when its transaction commits. When
 * asked, it also keeps each record's latency: the wall clock at receipt minus the record's timestamp, which is the
 * event's send time (the producer stamps it and the app's answer carries it over), on this JVM's clock.
 */
final class OutputCounter implements AutoCloseable {
    private final String topic;
    private final Properties props;
    private final boolean keepLatencies;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    /** Written by the polling thread only, read after {@link #close}. */
    private long[] latencies = new long[1024];
    private int latencyCount;

    OutputCounter(String bootstrapServers, String topic, boolean readCommitted, boolean keepLatencies) {
        this.topic = topic;
        this.keepLatencies = keepLatencies;
        props = ClientProperties.committedReader(bootstrapServers, "streamrec-bench-counter");
        if (!readCommitted) {
            // under at-least-once nothing is transactional: an answer counts when it is written
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        thread = new Thread(this::poll, "bench-output-counter");
        thread.setDaemon(true);
    }

    /** Starts reading from the beginning of every partition and returns once the consumer is positioned there. */
    OutputCounter start(Duration timeout) throws InterruptedException {
        thread.start();
        if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the output counter could not start on " + topic, failure.get());
        }
        throwIfFailed();
        return this;
    }

    private void poll() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            partitions.forEach(c::position);
            positioned.countDown();
            while (!stopping) {
                var records = c.poll(Duration.ofMillis(50));
                if (records.isEmpty()) {
                    continue;
                }
                long wall = System.currentTimeMillis();
                if (keepLatencies) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        keep(wall - record.timestamp());
                    }
                }
                lastArrivalNanos.set(System.nanoTime());
                count.addAndGet(records.count());
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            positioned.countDown();
        }
    }

    private void keep(long latency) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = latency;
    }

    long count() {
        return count.get();
    }

    /** {@link System#nanoTime()} when the last counted batch arrived, 0 before any. */
    long lastArrivalNanos() {
        return lastArrivalNanos.get();
    }

    /** Waits until {@code expected} records were counted or {@code deadlineNanos} passed; true if all arrived. */
    boolean awaitCount(long expected, long deadlineNanos) throws InterruptedException {
        while (count.get() < expected) {
            throwIfFailed();
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** The latencies kept, in arrival order; call after {@link #close}. */
    long[] latenciesMillis() {
        return Arrays.copyOf(latencies, latencyCount);
    }

    private void throwIfFailed() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("counting records on " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The poll loop sees the flag within one short poll and closes its consumer on its own thread.
        stopping = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
