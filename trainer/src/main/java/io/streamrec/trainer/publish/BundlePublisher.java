package io.streamrec.trainer.publish;

import io.streamrec.schemas.bundle.BundleChunk;
import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.ChunkAssembler;
import io.streamrec.schemas.bundle.ChunkManifest;
import io.streamrec.schemas.bundle.ChunkedBundles;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.topic.Topic;
import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends model bundles to the model topic, keyed by model name so that compaction keeps the latest of each line, and
 * waits for the broker's acknowledgement: a bundle counts as published only once every in-sync replica has it.
 *
 * <p>A bundle that fits in one chunk goes as one record, as always. A larger one goes in chunks
 * ({@link ChunkedBundles}): every chunk is acknowledged before the manifest that completes it is sent, so a reader
 * that sees the manifest can find every chunk before it. After that, the chunks of the version the manifest replaces
 * are tombstoned.
 *
 * <p>Bundles are signed with the publisher's {@link BundleSigner}, whose public key serving instances are given;
 * an {@link #unsigned} publisher is for instances that run with {@code --allow-unsigned-models}.
 * {@link #publishAndAwaitVerdicts} also waits for what the serving instances make of the bundle.
 */
public final class BundlePublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BundlePublisher.class);
    /** The producer's request limit: the largest record the topic takes, with its framing. */
    static final int MAX_RECORD_BYTES = ClientProperties.MODEL_RECORD_BYTES;
    /** Well below the topic's per-record limit, so a chunk is never the record that is too large. */
    public static final int DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, byte[]> models;
    private final String bootstrapServers;
    private final int chunkBytes;
    private final TopicCatalogue topics;
    private final BundleSigner signer;

    /** A publisher that signs every bundle with {@code signer}. */
    public BundlePublisher(String bootstrapServers, TopicCatalogue topics, BundleSigner signer) {
        this(bootstrapServers, topics, Objects.requireNonNull(signer, "signer"), DEFAULT_CHUNK_BYTES);
    }

    /** A publisher of unsigned bundles, which only instances run with {@code --allow-unsigned-models} load. */
    public static BundlePublisher unsigned(String bootstrapServers, TopicCatalogue topics) {
        return new BundlePublisher(bootstrapServers, topics, null, DEFAULT_CHUNK_BYTES);
    }

    /**
     * @param signer     signs each bundle; null publishes them unsigned
     * @param chunkBytes bundle bytes per chunk; a bundle up to this size goes as one record
     */
    public BundlePublisher(String bootstrapServers, TopicCatalogue topics, BundleSigner signer, int chunkBytes) {
        if (chunkBytes < 1 || chunkBytes + ChunkedBundles.CHUNK_OVERHEAD > TopicCatalogue.MAX_BUNDLE_BYTES) {
            throw new IllegalArgumentException("chunkBytes must be between 1 and the model topic's record limit "
                    + TopicCatalogue.MAX_BUNDLE_BYTES + " less " + ChunkedBundles.CHUNK_OVERHEAD + ", not " + chunkBytes);
        }
        Properties props = ClientProperties.durableWriter(bootstrapServers, "streamrec-bundle-publisher");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        // Room for two of the largest records, so a send need not block on the previous one's buffer.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(2L * MAX_RECORD_BYTES));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.models = topics.modelTopic();
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
        this.chunkBytes = chunkBytes;
        this.signer = signer;
        this.producer = new KafkaProducer<>(props, models.keySerde().serializer(), models.valueSerde().serializer());
    }

    /**
     * Publishes, then waits up to {@code wait} for the verdicts of the serving instances on the model-verdicts topic:
     * accepted once {@code instances} of them accepted it, refused as soon as one refused it, and otherwise no verdict.
     * The bundle is on the topic in every case; only a failure to send it throws.
     */
    public Published publishAndAwaitVerdicts(ModelBundle bundle, Duration wait, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, not " + instances);
        }
        // Opened first: a verdict can arrive before publish() returns.
        try (VerdictWatch verdicts = VerdictWatch.open(bootstrapServers, topics)) {
            RecordMetadata at = publish(bundle);
            ModelManifest manifest = bundle.manifest();
            return new Published(at, verdicts.await(manifest.name(), manifest.version(), at, instances, wait));
        }
    }

    /** Where a bundle landed, and what the serving instances made of it. */
    public record Published(RecordMetadata at, PublishOutcome outcome) {
    }

    /** Publishes and returns where the bundle landed: its record, or for a chunked bundle its manifest. */
    public RecordMetadata publish(ModelBundle bundle) {
        byte[] bytes = signer == null ? ModelBundleCodec.encode(bundle) : ModelBundleCodec.encode(bundle, signer);
        String name = bundle.manifest().name();
        String label = bundle.manifest().label();
        if (bytes.length > ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException(label + " is " + bytes.length + " bytes, over the "
                    + ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES + " that model watchers assemble");
        }
        if (bytes.length <= chunkBytes) {
            return send(new ProducerRecord<>(models.name(), name, bytes), label);
        }
        Optional<ChunkManifest> replaced = lookUpCurrentManifest(name);
        ChunkedBundles.Split split = ChunkedBundles.split(name, bundle.manifest().version(), bytes, chunkBytes);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (BundleChunk chunk : split.chunks()) {
            sent.add(producer.send(new ProducerRecord<>(models.name(),
                    ChunkedBundles.chunkKey(name, chunk.version(), chunk.index()), ChunkedBundles.encodeChunk(chunk))));
        }
        for (Future<RecordMetadata> chunk : sent) {
            await(chunk, label);
        }
        RecordMetadata manifest = send(new ProducerRecord<>(models.name(), name,
                ChunkedBundles.encodeManifest(split.manifest())), label);
        log.info("published {} in {} chunks of up to {} bytes ({} bytes in all)", label, split.chunks().size(),
                chunkBytes, bytes.length);
        replaced.filter(old -> old.version() != split.manifest().version()).ifPresent(this::retire);
        return manifest;
    }

    private Optional<ChunkManifest> lookUpCurrentManifest(String name) {
        try {
            return LatestChunkManifest.find(bootstrapServers, models.name(), name, LOOKUP_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("could not look up the chunks {} holds now ({}); they stay on {} until removed by hand", name,
                    e.getMessage(), models.name());
            return Optional.empty();
        }
    }

    /** Tombstones a replaced version's chunks; its manifest goes by compaction, being under the model name. */
    private void retire(ChunkManifest old) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < old.chunks(); i++) {
            sent.add(producer.send(new ProducerRecord<>(models.name(),
                    ChunkedBundles.chunkKey(old.name(), old.version(), i), null)));
        }
        for (Future<RecordMetadata> tombstone : sent) {
            await(tombstone, old.name() + " v" + old.version() + "'s chunk tombstones");
        }
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record, String label) {
        return await(producer.send(record), label);
    }

    private RecordMetadata await(Future<RecordMetadata> sent, String label) {
        try {
            return sent.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + label, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing " + label + " to " + models.name() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
