package io.streamrec.streams.app;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.streams.health.HealthCheck;
import io.streamrec.streams.health.HealthReport;
import io.streamrec.streams.health.InputProgressMonitor;
import io.streamrec.streams.deadletter.DeadLetterProductionHandler;
import io.streamrec.streams.http.RecommendationHttpServer;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.BundleGate;
import io.streamrec.streams.serving.KafkaVerdictSink;
import io.streamrec.streams.serving.ModelWatcher;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.serving.VerdictSink;
import io.streamrec.streams.serving.WatcherHealth;
import io.streamrec.streams.topology.RecommendationTopology;
import io.streamrec.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running streams-app instance: the Kafka Streams client with the recommendation topology, the model watcher,
 * and the HTTP endpoint. Instances with the same application id share the work by partition; each reads every
 * model itself.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final ModelWatcher watcher;
    private final ModelLines lines;
    private final RecommendationHttpServer http;
    private final ServingStats stats;
    private final InputProgressMonitor inputs;
    private final HealthCheck health;
    private final AppMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamsApp(KafkaStreams streams, ModelWatcher watcher, ModelLines lines, RecommendationHttpServer http,
                       ServingStats stats, InputProgressMonitor inputs, HealthCheck health, AppMetrics metrics) {
        this.streams = streams;
        this.watcher = watcher;
        this.lines = lines;
        this.http = http;
        this.stats = stats;
        this.inputs = inputs;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Starts the model watcher, the HTTP endpoint and Kafka Streams, and returns at once: it does not wait for a
     * model (answers come from popularity until one arrives) nor for the streams client to reach RUNNING. The record
     * limit is first fitted to the output topics that exist (see {@link OutputTopicLimits}).
     */
    public static StreamsApp start(StreamsAppConfig given) {
        StreamsAppConfig config = OutputTopicLimits.fit(given, Duration.ofSeconds(5));
        TopologySettings settings = config.topologySettings();
        AppMetrics metrics = new AppMetrics(config.applicationId());
        ServingStats stats = new ServingStats(settings.topK(), metrics.registry());
        ModelLines lines = new ModelLines(config.serving());
        PopularityRanking popularity = new PopularityRanking();
        Topology topology = RecommendationTopology.build(settings, lines, popularity, stats);

        RecommendationHttpServer http = null;
        ModelWatcher watcher = null;
        KafkaStreams streams = null;
        InputProgressMonitor inputs = null;
        HealthCheck health;
        try {
            if (config.httpPort() >= 0) {
                // Bound before Kafka Streams is created: a free port picked here is the address it advertises.
                http = RecommendationHttpServer.bind(config.httpHost(), config.httpPort());
            }
            streams = new KafkaStreams(topology, StreamsDefaults.fillIn(streamsProperties(config, http)));
            streams.setUncaughtExceptionHandler(e -> {
                log.error("stream thread failed; shutting this instance down so a healthy one takes its partitions",
                        e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            logModelTrust(config);
            watcher = watcher(config, lines, stats, popularity, instanceName(config, http));
            watcher.start();
            KafkaStreams client = streams;
            ModelWatcher modelWatcher = watcher;
            inputs = new InputProgressMonitor(config.bootstrapServers(), config.applicationId(),
                    config.extraStreams(), () -> ownedInputs(client, config), config.health());
            inputs.start();
            health = new HealthCheck(client::state, modelWatcher::health, stats::watcherFailures, lines,
                    config.health(), inputs::verdict, configurationProblems(config));
            metrics.bind(streams, lines, stats, health);
            if (http != null) {
                // The HTTP endpoint answers exactly as the topology does: same model lines, popularity and top-K.
                http.start(streams, new SessionRecommender(lines, popularity, stats, settings.topK()), lines, stats,
                        health);
            }
            RekeyedEventsTopic.ensure(config, Duration.ofSeconds(5));
            streams.start();
        } catch (IOException e) {
            closeQuietly(streams, watcher, http, lines, inputs, metrics);
            throw new UncheckedIOException("cannot bind HTTP on " + config.httpHost() + ":" + config.httpPort(), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(streams, watcher, http, lines, inputs, metrics);
            throw e;
        }
        log.info("streams app '{}' started: {} -> {} (dead letters {}), model lines {}{} from {}, {}, HTTP {}; {}",
                config.applicationId(), config.topics().events(), config.topics().recommendations(),
                config.topics().deadLetters(), config.serving().splitSpec(),
                config.serving().shadowLine().map(s -> " (shadow " + s + ")").orElse(""), config.topics().models(),
                config.processingGuarantee(), http == null ? "off" : http.hostInfo(), config.events());
        return new StreamsApp(streams, watcher, lines, http, stats, inputs, health, metrics);
    }

    /** What this configuration itself gets wrong, for {@code /health} as long as the instance runs. */
    private static List<String> configurationProblems(StreamsAppConfig config) {
        BundleTrust trust = config.models().trust();
        if (trust.publicKey() == null && !trust.trustsUnsignedBundles()) {
            return List.of("every model bundle is refused: " + BundleTrust.NO_KEY);
        }
        return List.of();
    }

    /** The input partitions (events and rekeyed events) this instance's active tasks read now. */
    private static Set<TopicPartition> ownedInputs(KafkaStreams streams, StreamsAppConfig config) {
        Set<String> inputTopics = Set.of(config.topics().events(), config.topics().rekeyedEvents());
        Set<TopicPartition> owned = new HashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(p -> inputTopics.contains(p.topic())).forEach(owned::add);
            }
        }
        return owned;
    }

    /** The model watcher, which owns the verdict sink made for it here. */
    private static ModelWatcher watcher(StreamsAppConfig config, ModelLines lines, ServingStats stats,
                                        PopularityRanking popularity, String instance) {
        BundleGate gate = new BundleGate(new HashSet<>(config.serving().lines()), config.scoring(), config.models(),
                popularity::recentClicks);
        VerdictSink verdicts = new KafkaVerdictSink(config.bootstrapServers(),
                config.applicationId() + "-model-verdicts", config.topics().modelVerdictTopic(), config.extraStreams());
        try {
            return new ModelWatcher(config.bootstrapServers(), config.applicationId() + "-model-watcher",
                    config.topics().models(), config.extraStreams(), gate, lines, stats, verdicts, instance);
        } catch (RuntimeException | Error e) {
            verdicts.close();
            throw e;
        }
    }

    /**
     * Says at start-up whose bundles this instance will load: loudly when that is anyone's, or no one's, since either
     * would otherwise show only as a model that changes, or never arrives.
     */
    private static void logModelTrust(StreamsAppConfig config) {
        BundleTrust trust = config.models().trust();
        if (trust.publicKey() == null && !trust.acceptUnsigned()) {
            log.error("{}: every model bundle will be refused and answers come from popularity", BundleTrust.NO_KEY);
        } else if (trust.acceptUnsigned()) {
            log.warn("loading unsigned model bundles (--allow-unsigned-models): whoever can write to {} decides what"
                    + " this app serves; loading {}", config.topics().models(), trust.describe());
        } else {
            log.info("loading {}", trust.describe());
        }
    }

    /** Names this instance in its model verdicts: the application, the host and the HTTP port or process id. */
    private static String instanceName(StreamsAppConfig config, RecommendationHttpServer http) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return config.applicationId() + "@" + host
                + (http != null ? ":" + http.port() : "/" + ProcessHandle.current().pid());
    }

    /**
     * The Kafka Streams properties an instance with {@code config} runs under (HTTP aside): what a benchmark's
     * reference topology must run under too, so that a comparison measures the topology, not the settings.
     */
    public static Properties kafkaStreamsProperties(StreamsAppConfig config) {
        return StreamsDefaults.fillIn(streamsProperties(config, null));
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
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Fills producer batches for a few milliseconds. 1 ms under at-least-once was tried: one sitting's half-load
        // p99 fell (57 -> 35 ms), but throughput fell by a sixth, and in a slower sitting the app could no longer
        // keep up with the same half load, which cost far more latency than the linger saves.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        // Recommendations and session states are repetitive JSON and ids: lz4 cuts the bytes the broker must write
        // and replicate several times over for little CPU; under exactly-once the commit waits for those writes.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Each new producer batch sets up a compressor; the default 16 KB batch fills every fraction of a
        // millisecond at tens of thousands of answers a second. Larger batches (the linger still closes them after
        // 5 ms, and a commit flushes them) cost no latency.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                Integer.toString(Math.min(256 * 1024, config.events().maxWriteBytes())));
        // The producer refuses what the topics would (the processor keeps every record within this), and a batch of
        // many records stays within the topics' limit too (batch size above).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(config.events().maxWriteBytes()));
        // A record the producer or broker refuses all the same becomes a dead letter, not a failed stream thread.
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(DeadLetterProductionHandler.DEAD_LETTER_TOPIC_CONFIG, config.topics().deadLetters());
        // The task reads two topics (events and rekeyed events) whose records need no ordering between them; without
        // this, the task checks before every record whether the other input may still have older data to fetch.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        if (config.batch().enabled() && StreamsAppConfig.AT_LEAST_ONCE.equals(config.processingGuarantee())) {
            // Under at-least-once a timer answers a batch that no further event closes (under exactly-once the next
            // commit does, which is when its answers become visible anyway). A stream thread with nothing to poll
            // blocks in poll() and runs no timer meanwhile: polling no longer than the batch wait bounds that.
            p.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(Math.max(1, config.batch().maxWait().toMillis())));
        }
        if (http != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.hostInfo().host() + ":" + http.hostInfo().port());
        }
        p.putAll(config.extraStreams());
        StaticMembership.apply(p, config, config.instanceId());
        return p;
    }

    /** Waits until the streams client is RUNNING (it has partitions and has restored their state). */
    public boolean awaitRunning(Duration timeout) {
        return await(() -> streams.state() == KafkaStreams.State.RUNNING, timeout);
    }

    /** Waits until a model of at least {@code version} serves on the primary (first) line. */
    public boolean awaitModelVersion(long version, Duration timeout) {
        return awaitModelVersion(lines.primaryLine(), version, timeout);
    }

    /** Waits until a model of at least {@code version} serves on {@code line}. */
    public boolean awaitModelVersion(String line, long version, Duration timeout) {
        return await(() -> currentModel(line).map(m -> m.version() >= version).orElse(false), timeout);
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
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

    /** The primary (first) line's model manifest, empty before its first model arrives. */
    public Optional<ModelManifest> currentModel() {
        return currentModel(lines.primaryLine());
    }

    /** {@code line}'s model manifest, empty before its first model arrives. */
    public Optional<ModelManifest> currentModel(String line) {
        return lines.slot(line).peek().map(OnnxModel::manifest);
    }

    /** The model line a session is routed to (the same on every instance of the application). */
    public String lineFor(String sessionKey) {
        return lines.lineFor(sessionKey);
    }

    /** What {@code /health} says now. */
    public HealthReport health() {
        return health.report();
    }

    public ServingStats stats() {
        return stats;
    }

    /** Whether the model watcher runs and keeps up with the model topic. */
    public WatcherHealth modelWatcherHealth() {
        return watcher.health();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Stops everything; safe to call more than once (a shutdown hook and a try-with-resources may both call it). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Streams first, so no stream thread scores while the model closes; leaving the group lets the remaining
        // instances take the partitions at once rather than after the session timeout.
        boolean clean = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT));
        if (!clean) {
            log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
        if (http != null) {
            http.close();
        }
        inputs.close();
        // Closes the watcher's consumer and every line's model (leases still held by HTTP requests keep it open
        // until they end).
        watcher.close();
        log.info("streams app stopped: {}", stats.oneLine());
        metrics.close();
    }

    private static void closeQuietly(KafkaStreams streams, ModelWatcher watcher, RecommendationHttpServer http,
                                     ModelLines lines, InputProgressMonitor inputs, AppMetrics metrics) {
        try {
            if (inputs != null) {
                inputs.close();
            }
            if (streams != null) {
                streams.close(Duration.ofSeconds(5));
            }
            if (http != null) {
                http.close();
            }
            if (watcher != null) {
                watcher.close();
            }
            lines.close();
            metrics.close();
        } catch (RuntimeException e) {
            log.warn("cleaning up after a failed start failed too", e);
        }
    }
}
