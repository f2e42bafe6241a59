package io.streamrec.streams.serving;

import io.streamrec.schemas.topic.Topic;
import io.streamrec.schemas.verdict.ModelVerdict;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes verdicts to the model-verdicts topic, keyed by model name, from a thread of its own: a producer waits up to
 * {@code max.block.ms} for the metadata of a topic that does not exist, and the model watcher must not wait on a
 * topic that only informs publishers. Without the topic (a deployment that predates it, a broker that does not create
 * topics), each verdict fails with a warning and serving goes on; publishers waiting for verdicts then time out.
 */
public final class KafkaVerdictSink implements VerdictSink {
    private static final Logger log = LoggerFactory.getLogger(KafkaVerdictSink.class);
    /** Verdicts come one per bundle; a backlog this long means the topic is unreachable, not busy. */
    private static final int QUEUE_CAPACITY = 256;
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Producer<String, ModelVerdict> producer;
    private final String topic;
    private final BlockingQueue<ModelVerdict> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean running = true;

    /** @param clientSettings further client settings (security, for instance); producer settings among them apply */
    public KafkaVerdictSink(String bootstrapServers, String clientId, Topic<String, ModelVerdict> topic,
                            Map<String, String> clientSettings) {
        this(new KafkaProducer<>(producerProperties(bootstrapServers, clientId, clientSettings),
                topic.keySerde().serializer(), topic.valueSerde().serializer()), topic.name());
    }

    /** A sink on a given producer, which it then owns; tests pass a {@code MockProducer}. */
    KafkaVerdictSink(Producer<String, ModelVerdict> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
        this.thread = new Thread(this::run, "streamrec-model-verdicts");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static Properties producerProperties(String bootstrapServers, String clientId, Map<String, String> settings) {
        Properties props = new Properties();
        settings.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        // Never part of the app's transactions: a verdict is about the model topic, not about any event.
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    @Override
    public void report(ModelVerdict verdict) {
        if (!queue.offer(verdict)) {
            log.warn("{} verdicts wait to be written to {}; dropping this one: {} v{} {}", QUEUE_CAPACITY, topic,
                    verdict.model(), verdict.version(), verdict.describe());
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                ModelVerdict verdict = queue.poll(100, TimeUnit.MILLISECONDS);
                if (verdict != null) {
                    send(verdict);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("writing a model verdict failed; going on with the next", e);
            }
        }
    }

    private void send(ModelVerdict verdict) {
        try {
            producer.send(new ProducerRecord<>(topic, verdict.model(), verdict), (metadata, e) -> {
                if (e != null) {
                    warnUnwritten(verdict, e);
                }
            });
        } catch (KafkaException e) {
            warnUnwritten(verdict, e);
        }
    }

    private void warnUnwritten(ModelVerdict verdict, Exception e) {
        log.warn("could not write the verdict on {} v{} to {} ({}); a publisher waiting for it will time out",
                verdict.model(), verdict.version(), topic, e.getMessage());
    }

    /** Writes what is queued (for at most a few seconds) and closes the producer. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        producer.close(CLOSE_WAIT);
    }
}
