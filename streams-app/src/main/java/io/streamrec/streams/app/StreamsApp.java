package io.streamrec.streams.app;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.streams.http.RecommendationHttpServer;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.BundleGate;
import io.streamrec.streams.serving.ModelSlot;
import io.streamrec.streams.serving.ModelWatcher;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.topology.RecommendationTopology;
import io.streamrec.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running streams-app instance: the Kafka Streams client with the recommendation topology, the model watcher,
 * and the HTTP endpoint. Instances with the same application id share the work by partition.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

    private final KafkaStreams streams;
    private final ModelWatcher watcher;
    private final ModelSlot<OnnxModel> models;
    private final RecommendationHttpServer http;
    private final ServingStats stats;

    private StreamsApp(KafkaStreams streams, ModelWatcher watcher, ModelSlot<OnnxModel> models,
                       RecommendationHttpServer http, ServingStats stats) {
        this.streams = streams;
        this.watcher = watcher;
        this.models = models;
        this.http = http;
        this.stats = stats;
    }

    /** Starts everything and returns at once; until a model arrives, answers come from popularity. */
    public static StreamsApp start(StreamsAppConfig config) {
        ServingStats stats = new ServingStats();
        ModelSlot<OnnxModel> models = new ModelSlot<>();
        PopularityRanking popularity = new PopularityRanking();
        SessionRecommender recommender = new SessionRecommender(models, popularity, stats, config.topK());
        TopologySettings settings = new TopologySettings(config.topics(), config.sequenceLength(), config.sessionGap());
        Topology topology = RecommendationTopology.build(settings, recommender, popularity, stats);

        RecommendationHttpServer http = null;
        if (config.httpPort() >= 0) {
            try {
                http = RecommendationHttpServer.bind(config.httpHost(), config.httpPort());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind HTTP on " + config.httpHost() + ":" + config.httpPort(), e);
            }
        }
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config, http));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; shutting this instance down so a healthy one takes its partitions", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        ModelWatcher watcher = new ModelWatcher(config.bootstrapServers(), config.topics(),
                new BundleGate(config.modelName(), config.scoring()), models, stats);
        watcher.start();
        if (http != null) {
            http.start(streams, recommender, models, stats);
        }
        streams.start();
        log.info("streams app '{}' started: {} -> {} (dead letters {}), models from {}, {}", config.applicationId(),
                config.topics().events(), config.topics().recommendations(), config.topics().deadLetters(),
                config.topics().models(), config.processingGuarantee());
        return new StreamsApp(streams, watcher, models, http, stats);
    }

    static Properties streamsProperties(StreamsAppConfig config, RecommendationHttpServer http) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(config.rocksDbMemoryBytes()));
        // A fresh application starts from the beginning of the events topic rather than skipping what is there.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        if (http != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.hostInfo().host() + ":" + http.hostInfo().port());
        }
        p.putAll(config.extraStreams());
        return p;
    }

    public boolean awaitRunning(Duration timeout) {
        return await(() -> streams.state() == KafkaStreams.State.RUNNING, timeout);
    }

    /** Waits until a model of at least {@code version} serves. */
    public boolean awaitModelVersion(long version, Duration timeout) {
        return await(() -> currentModel().map(m -> m.version() >= version).orElse(false), timeout);
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public Optional<ModelManifest> currentModel() {
        return models.peek().map(OnnxModel::manifest);
    }

    public ServingStats stats() {
        return stats;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    @Override
    public void close() {
        // Leave the group so that a restarted or remaining instance takes the partitions at once, not after the
        // session timeout.
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        try {
            watcher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        models.close();
        log.info("streams app stopped: {}", stats.oneLine());
    }
}
