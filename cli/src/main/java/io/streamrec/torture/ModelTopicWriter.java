package io.streamrec.torture;

import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts bytes on the model topic keyed by model line, as they are: good bundles and forgeries alike, since a forger
 * needs no trainer, only write access to the topic.
 */
public final class ModelTopicWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public ModelTopicWriter(String bootstrap, TopicCatalogue topics) {
        Properties props = ClientProperties.durableWriter(bootstrap, "streamrec-torture-models");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalogue.MAX_BUNDLE_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(2L * TopicCatalogue.MAX_BUNDLE_BYTES));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topics.models();
    }

    /** Sends and waits for the acknowledgement (at most a minute). */
    public void write(String line, byte[] bundle) {
        try {
            producer.send(new ProducerRecord<>(topic, line, bundle)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing " + bundle.length + " bytes to " + topic + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
