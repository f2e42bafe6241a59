package io.streamrec.replay;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.topic.Topic;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends click events to the events topic at a steady rate, as a live site would, keyed by session so that one
 * session's events stay in order on one partition. Each record's Kafka timestamp is the send time, which is what
 * event-to-recommendation latency is measured from; the event keeps its original time in its payload.
 */
public final class EventReplayer implements AutoCloseable {
    /** How far behind schedule the sender may be before it stops trying to catch up. */
    public static final java.time.Duration MAX_CATCH_UP = java.time.Duration.ofSeconds(1);

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, ClickEvent> events;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    public EventReplayer(String bootstrapServers, TopicCatalogue topics) {
        Properties props = ClientProperties.durableWriter(bootstrapServers, "streamrec-replay");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.events = topics.eventTopic();
    }

    /** Called for every event right after it was handed to the producer, in send order. */
    @FunctionalInterface
    public interface Listener {
        void sent(long index, ClickEvent event);
    }

    /**
     * Sends {@code clicks} in order at {@code ratePerSecond} (0 = as fast as possible) and returns once all were
     * acknowledged. A sender that falls behind (a slow listener, a pause) catches up by at most
     * {@link #MAX_CATCH_UP} of events rather than bursting the whole backlog onto the topic.
     */
    public long replay(List<ClickEvent> clicks, double ratePerSecond, Listener listener) {
        long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        long due = System.nanoTime();
        long index = 0;
        for (ClickEvent click : clicks) {
            if (interval > 0) {
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                } else if (now - due > MAX_CATCH_UP.toNanos()) {
                    due = now;
                }
                due += interval;
            }
            send(click.sessionKey(), events.valueSerde().serializer().serialize(events.name(), click));
            listener.sent(index++, click);
            throwIfFailed();
        }
        producer.flush();
        throwIfFailed();
        return index;
    }

    /** Sends bytes as they are: how the demo and tests put malformed events on the topic. */
    public void sendRaw(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(events.name(), key, value), (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("sending to " + events.name() + " failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

}
