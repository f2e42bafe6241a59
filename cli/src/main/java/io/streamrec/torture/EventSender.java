package io.streamrec.torture;

import io.streamrec.schemas.topic.ClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to the events topic and keeps the ledger of what the broker acknowledged, with the identity each
 * record's answer will carry. Only acknowledged records are inputs: one the broker refused (too large, say) never
 * reached the app and is counted apart.
 */
public final class EventSender implements AutoCloseable {
    /** Room for a 1 MB id in both key and value, and the JSON around them. */
    static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<SentRecord> ledger = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    public EventSender(String bootstrap, String topic) {
        Properties props = ClientProperties.durableWriter(bootstrap, "streamrec-torture-events");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Huge ids are repetitive: compressed, their records fit the topic's 1 MB limit (the app sees every byte).
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        // Rides out a broker restart: records wait in the producer rather than fail.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends one record; the broker's acknowledgement adds it to the ledger. */
    public void send(FuzzRecord record) {
        Identity identity = Identity.expected(record.value(), record.timestamp()).orElse(null);
        producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value()),
                (metadata, error) -> {
                    if (error != null) {
                        refused.incrementAndGet();
                        firstRefusal.compareAndSet(null, (record.mutation() == null ? "valid event" : record.mutation())
                                + ": " + error);
                        return;
                    }
                    synchronized (ledger) {
                        ledger.add(new SentRecord(metadata.partition(), metadata.offset(), identity, record.mutation()));
                    }
                });
    }

    public void flush() {
        producer.flush();
    }

    /** Acknowledged records so far. */
    public List<SentRecord> acknowledged() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }

    public int acknowledgedCount() {
        synchronized (ledger) {
            return ledger.size();
        }
    }

    public long refused() {
        return refused.get();
    }

    /** The first refusal's reason, or null. */
    public String firstRefusal() {
        return firstRefusal.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
