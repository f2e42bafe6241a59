package io.streamrec.trainer.publish;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.topic.Topic;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends model bundles to the model topic, keyed by model name so that compaction keeps the latest of each line, and
 * waits for the broker's acknowledgement: a bundle counts as published only once every in-sync replica has it.
 */
public final class BundlePublisher implements AutoCloseable {
    /** Room for the key, headers and batch framing around a bundle of the largest allowed size. */
    private static final int BUNDLE_HEADROOM = 1024 * 1024;
    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, byte[]> models;

    public BundlePublisher(String bootstrapServers, TopicCatalogue topics) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamrec-bundle-publisher");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(TopicCatalogue.MAX_BUNDLE_BYTES + BUNDLE_HEADROOM));
        // Room for two bundles, so a second publish need not block on the first one's buffer.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG,
                Long.toString(2L * (TopicCatalogue.MAX_BUNDLE_BYTES + BUNDLE_HEADROOM)));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.models = topics.modelTopic();
        this.producer = new KafkaProducer<>(props, models.keySerde().serializer(), models.valueSerde().serializer());
    }

    /** Publishes and returns where the bundle landed. */
    public RecordMetadata publish(ModelBundle bundle) {
        byte[] bytes = ModelBundleCodec.encode(bundle);
        if (bytes.length > TopicCatalogue.MAX_BUNDLE_BYTES) {
            throw new IllegalArgumentException(bundle.manifest().label() + " is " + bytes.length
                    + " bytes, over the model topic's limit of " + TopicCatalogue.MAX_BUNDLE_BYTES);
        }
        try {
            return producer.send(new ProducerRecord<>(models.name(), bundle.manifest().name(), bytes))
                    .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + bundle.manifest().label(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing " + bundle.manifest().label() + " to " + models.name()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
