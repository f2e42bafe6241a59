package io.streamrec.torture;

import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.topic.DeadLetterHeaders;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the recommendations and dead-letter topics from the beginning with {@code read_committed}, as a downstream
 * consumer sees them, on a thread of its own for the whole scenario: every answer's identity and every dead letter's
 * source are kept for matching, and listeners see each answer as it becomes visible (to time probes, to watch the
 * model version).
 */
public final class OutcomeCollector implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** Sees each committed answer once, on the collector's thread; must be quick. */
    @FunctionalInterface
    public interface AnswerListener {
        void answered(Recommendation answer, long seenNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicCatalogue topics;
    private final RecommendationSerde serde = new RecommendationSerde();
    private final List<Identity> answers = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final List<AnswerListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastOutcomeNanos = System.nanoTime();
    private volatile RuntimeException failure;

    public OutcomeCollector(String bootstrap, TopicCatalogue topics) {
        Properties props = ClientProperties.committedReader(bootstrap, "streamrec-torture-outcomes");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.thread = new Thread(this::run, "torture-outcomes");
        this.thread.setDaemon(true);
    }

    public void addListener(AnswerListener listener) {
        listeners.add(listener);
    }

    /** Assigns every partition of both topics from the beginning and starts reading. */
    public OutcomeCollector start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.recommendations(), topics.deadLetters())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long seen = System.nanoTime();
                    if (record.topic().equals(topics.recommendations())) {
                        answer(record, seen);
                    } else {
                        deadLetter(record);
                    }
                    lastOutcomeNanos = seen;
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void answer(ConsumerRecord<byte[], byte[]> record, long seen) {
        Recommendation answer = serde.fromBytes(record.value());
        synchronized (this) {
            answers.add(new Identity(answer.sessionKey(), answer.eventTimestamp()));
        }
        for (AnswerListener listener : listeners) {
            listener.answered(answer, seen);
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record) {
        String source = header(record, DeadLetterHeaders.SOURCE_TOPIC);
        int partition = -1;
        long offset = -1;
        try {
            partition = Integer.parseInt(header(record, DeadLetterHeaders.SOURCE_PARTITION));
            offset = Long.parseLong(header(record, DeadLetterHeaders.SOURCE_OFFSET));
        } catch (NumberFormatException | NullPointerException e) {
            // headers missing: the dead letter names no input, and counts as unexpected
        }
        Identity identity = topics.events().equals(source) ? null
                : Identity.expected(record.value(), record.timestamp()).orElse(null);
        synchronized (this) {
            letters.add(new DeadLetter(source, partition, offset, identity));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public synchronized List<Identity> answers() {
        return List.copyOf(answers);
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(letters);
    }

    public synchronized long outcomes() {
        return answers.size() + letters.size();
    }

    /**
     * Waits until there are at least {@code expected} outcomes, then two seconds more for any
     * duplicates behind them; gives up at {@code timeout}, or early when {@code hopeless} says no app is left to
     * answer and nothing has arrived for a while. Progress lines every 10 s. Returns whether {@code expected} was
     * reached.
     */
    public boolean awaitOutcomes(long expected, Duration timeout, BooleanSupplier hopeless, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + PROGRESS_EVERY.toNanos();
        long lastCount = outcomes();
        long lastReport = start;
        while (outcomes() < expected) {
            throwIfFailed();
            long now = System.nanoTime();
            if (now > deadline) {
                progress.line(String.format("gave up waiting: %,d of %,d outcomes after %s", outcomes(), expected,
                        timeout));
                return false;
            }
            if (hopeless.getAsBoolean() && now - lastOutcomeNanos > STALL.toNanos()) {
                progress.line(String.format("no app left and nothing new for %d s: %,d of %,d outcomes",
                        STALL.toSeconds(), outcomes(), expected));
                return false;
            }
            if (now > nextReport) {
                long count = outcomes();
                progress.line(String.format("outcomes %,d of %,d (%,.0f/s)", count, expected,
                        (count - lastCount) / ((now - lastReport) / 1e9)));
                lastCount = count;
                lastReport = now;
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            Sleep.millis(50);
        }
        Sleep.millis(SETTLE.toMillis());
        throwIfFailed();
        return true;
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException("reading outcomes failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
