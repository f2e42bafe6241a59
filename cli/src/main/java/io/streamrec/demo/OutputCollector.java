package io.streamrec.demo;

import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the streams app wrote (recommendations and dead letters), as a downstream consumer would: committed
 * records only, from the beginning. Measures event-to-recommendation latency as receive time minus the record
 * timestamp, which the app carries over from the event's send time.
 */
final class OutputCollector implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicCatalogue topics;
    private final RecommendationSerde serde = new RecommendationSerde();
    private final Thread thread;
    private volatile boolean running = true;

    private final Map<String, List<Recommendation>> bySession = new ConcurrentHashMap<>();
    private final AtomicLong recommendations = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    // Every sample of the run, to three significant digits.
    private final ConcurrentHistogram latencyMs = new ConcurrentHistogram(3);
    private final LinkedHashSet<String> versionsSeen = new LinkedHashSet<>();
    private volatile Exception failure;

    OutputCollector(String bootstrapServers, TopicCatalogue topics) {
        this.topics = topics;
        Properties props = ClientProperties.committedReader(bootstrapServers, "streamrec-demo-collector");
        // subscribed, so a group, read from the start; short fetch waits keep the measured latency close to the app's
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "streamrec-demo-collector");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "demo-output-collector");
    }

    void start() {
        consumer.subscribe(List.of(topics.recommendations(), topics.deadLetters()));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.currentTimeMillis();
                    if (record.topic().equals(topics.deadLetters())) {
                        deadLetters.incrementAndGet();
                        continue;
                    }
                    Recommendation rec = serde.fromBytes(record.value());
                    latencyMs.recordValue(Math.max(0, received - record.timestamp()));
                    bySession.computeIfAbsent(rec.sessionKey(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(rec);
                    if (rec.isFallback()) {
                        fallbacks.incrementAndGet();
                    }
                    synchronized (versionsSeen) {
                        versionsSeen.add(rec.modelName() + " v" + rec.modelVersion());
                    }
                    recommendations.incrementAndGet();
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Exception e) {
            failure = e;
        } finally {
            // KafkaConsumer is single-threaded: the thread that polls is the one that closes.
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until {@code expected} outputs arrived in total, or the timeout passes; returns whether they did. */
    boolean awaitOutputs(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recommendations.get() + deadLetters.get() < expected && System.nanoTime() < deadline) {
            if (failure != null) {
                throw new IllegalStateException("reading the output topics failed", failure);
            }
            Thread.sleep(100);
        }
        // Anything beyond `expected` would be a duplicate: give it a moment to show up before counting.
        Thread.sleep(500);
        return recommendations.get() + deadLetters.get() >= expected;
    }

    long recommendations() {
        return recommendations.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long fallbacks() {
        return fallbacks.get();
    }

    /** Event-to-recommendation latency at percentile {@code p} (in percent) over the whole run, in milliseconds. */
    long latencyMsPercentile(double p) {
        return latencyMs.getValueAtPercentile(p);
    }

    List<String> versionsSeen() {
        synchronized (versionsSeen) {
            return List.copyOf(versionsSeen);
        }
    }

    /** The recommendations for a session so far, in the order its events were answered. */
    List<Recommendation> forSession(String sessionKey) {
        List<Recommendation> recs = bySession.get(sessionKey);
        if (recs == null) {
            return List.of();
        }
        synchronized (recs) {
            return List.copyOf(recs);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
