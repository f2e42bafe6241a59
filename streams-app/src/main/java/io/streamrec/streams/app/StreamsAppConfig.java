package io.streamrec.streams.app;

import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.health.HealthSettings;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import io.streamrec.streams.topology.TopologySettings;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.settings.SettingException;
import io.streamrec.schemas.settings.Settings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one streams-app instance is told. {@link #defaults(String)} gives the defaults (application id
 * {@code streamrec}, {@code streamrec-*} topics, L 20, session gap 30 min, top 20, exactly-once v2, one stream thread per core,
 * commit every 100 ms, model calls of up to 256 events waiting at most 1 ms, model line {@code gru4rec} alone on CPU
 * with 1/1 threads, 64 MB for RocksDB, HTTP on a free port of 127.0.0.1, and no key to check model bundles with,
 * so that every bundle is refused until {@link #withModelTrust} says whose to believe); the {@code with*} methods
 * change one setting each.
 *
 * @param serving      the model lines: a traffic split over one or more lines and an optional shadow line
 * @param models       what a model bundle must satisfy to serve: whose signature, how far its version may jump, how
 *                     much of the recently clicked catalogue it must know
 * @param commitInterval Kafka Streams commit interval; under exactly-once, answers become visible to
 *                       read-committed consumers only at commits, so this bounds their added latency
 * @param batch        how events are gathered into one model call (at most 256, waiting at most 1 ms by default)
 * @param rocksDbMemoryBytes block cache plus memtables shared by every RocksDB store of the process
 * @param httpHost     HTTP bind address; bound to every interface (0.0.0.0), the host name is advertised instead
 * @param httpPort     HTTP port; 0 picks a free one, -1 turns HTTP off
 * @param extraStreams further Kafka Streams properties, applied last
 * @param instanceId   static consumer-group identity ({@link StaticMembership}): null for the one kept in the state
 *                     directory, {@code none} for dynamic membership
 * @param health       when {@code /health} reports a problem
 * @param events       what an event may be (64 KiB, ids of 256 UTF-8 bytes, ids as JSON strings only) and the record
 *                     limit of the output topics (1 MiB) by default; see {@link EventLimits}
 */
public record StreamsAppConfig(
        String bootstrapServers,
        String applicationId,
        TopicCatalogue topics,
        Path stateDir,
        int sequenceLength,
        Duration sessionGap,
        int topK,
        String processingGuarantee,
        int streamThreads,
        Duration commitInterval,
        ScoringBatch batch,
        ServingPlan serving,
        ModelAcceptance models,
        ScoringOptions scoring,
        long rocksDbMemoryBytes,
        String httpHost,
        int httpPort,
        Map<String, String> extraStreams,
        String instanceId,
        HealthSettings health,
        EventLimits events) {

    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";
    /**
     * One stream thread per core: each scores its own tasks' batches, so model calls run in parallel and one thread's
     * commit (a wait on the broker under exactly-once) does not stop the others. Threads beyond the number of input
     * partitions get no task and idle.
     */
    /**
     * Session state survives restarts here: a restarted instance then restores only what changed since, where under
     * {@code /tmp} the OS may clear it (Kafka Streams warns at every start). The XDG location for a program's state.
     */
    public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("user.home"), ".local", "state",
            "streamrec");
    public static final int DEFAULT_STREAM_THREADS = Runtime.getRuntime().availableProcessors();

    public StreamsAppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(events, "events");
        // Fail at configuration time, with the setting's name, rather than deep inside Kafka Streams.
        topologySettings(topics, sequenceLength, sessionGap, topK, batch, events);
        if (!EXACTLY_ONCE_V2.equals(processingGuarantee) && !AT_LEAST_ONCE.equals(processingGuarantee)) {
            throw new IllegalArgumentException("processingGuarantee must be " + EXACTLY_ONCE_V2 + " or "
                    + AT_LEAST_ONCE + ", not " + processingGuarantee);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1");
        }
        if (commitInterval == null || commitInterval.isNegative()) {
            throw new IllegalArgumentException("commitInterval must be zero or positive");
        }
        if (rocksDbMemoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException("rocksDbMemoryBytes must be at least 1 MB");
        }
        if (httpPort < -1 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be -1 (off), 0 (any free port) or a port number");
        }
        extraStreams = Map.copyOf(extraStreams);
        StaticMembership.validate(instanceId);
        Objects.requireNonNull(health, "health");
    }

    /** What shapes the topology, taken from this configuration. */
    public TopologySettings topologySettings() {
        return topologySettings(topics, sequenceLength, sessionGap, topK, batch, events);
    }

    private static TopologySettings topologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap,
                                                     int topK, ScoringBatch batch, EventLimits events) {
        return new TopologySettings(topics, sequenceLength, sessionGap, topK, batch, events);
    }

    /**
     * Every setting at its declared default ({@link ServeSettings}), talking to {@code bootstrapServers}, except HTTP
     * on any free port: an app embedded in a program (the demo, a benchmark, a test) must not collide with another
     * on the same host, where {@code serve} is given a port people can find.
     */
    public static StreamsAppConfig defaults(String bootstrapServers) {
        return from(ServeSettings.GROUP.defaults().with(ServeSettings.BOOTSTRAP, bootstrapServers)
                .with(ServeSettings.HTTP_PORT, 0), Map.of());
    }

    /**
     * The configuration the resolved {@link ServeSettings} describe, plus Kafka properties passed through as they
     * are. The one place where settings become the app's parts; a value the parts refuse in combination (a limit
     * too small for L and K, an unreadable key file) is refused naming the settings involved.
     */
    public static StreamsAppConfig from(Settings s, Map<String, String> kafkaProperties) {
        String split = s.get(ServeSettings.AB) == null || s.get(ServeSettings.AB).isBlank()
                ? s.get(ServeSettings.MODEL_NAME) : s.get(ServeSettings.AB);
        ServingPlan serving = refusing("ab/shadow", () -> ServingPlan.parse(split, s.get(ServeSettings.SHADOW)));
        EventLimits events = refusing("max_event_bytes/max_id_bytes/max_record_bytes", () -> {
            EventLimits limits = new EventLimits(Math.toIntExact(s.get(ServeSettings.MAX_EVENT_BYTES)),
                    Math.toIntExact(s.get(ServeSettings.MAX_ID_BYTES)), s.get(ServeSettings.ACCEPT_NUMERIC_IDS),
                    Math.toIntExact(s.get(ServeSettings.MAX_RECORD_BYTES)));
            limits.checkFits(s.get(ServeSettings.TOP_K), s.get(ServeSettings.SEQUENCE_LENGTH));
            return limits;
        });
        HealthSettings health = HealthSettings.DEFAULT.withRequireModel(s.get(ServeSettings.REQUIRE_MODEL))
                .withStallAfter(s.get(ServeSettings.STALL_AFTER), HealthSettings.DEFAULT.checkEvery());
        ModelAcceptance models = ModelAcceptance.of(trust(s))
                .withMaxVersionJump(s.get(ServeSettings.MAX_VERSION_JUMP))
                .withMinCatalogueOverlap(s.get(ServeSettings.MIN_CATALOGUE_OVERLAP));
        String instanceId = s.get(ServeSettings.INSTANCE_ID);
        refusing("instance_id", () -> {
            StaticMembership.validate(instanceId);
            return instanceId;
        });
        return new StreamsAppConfig(s.get(ServeSettings.BOOTSTRAP), s.get(ServeSettings.APPLICATION_ID),
                TopicCatalogue.withPrefix(s.get(ServeSettings.TOPIC_PREFIX)), s.get(ServeSettings.STATE_DIR),
                s.get(ServeSettings.SEQUENCE_LENGTH), s.get(ServeSettings.SESSION_GAP), s.get(ServeSettings.TOP_K),
                s.get(ServeSettings.PROCESSING_GUARANTEE), s.get(ServeSettings.STREAM_THREADS),
                s.get(ServeSettings.COMMIT_INTERVAL),
                new ScoringBatch(s.get(ServeSettings.BATCH_SIZE), s.get(ServeSettings.BATCH_WAIT)), serving, models,
                new ScoringOptions(s.get(ServeSettings.DEVICE), s.get(ServeSettings.INTRA_OP_THREADS),
                        s.get(ServeSettings.INTER_OP_THREADS)),
                (long) s.get(ServeSettings.ROCKSDB_MEMORY_MB) << 20, s.get(ServeSettings.HTTP_HOST),
                s.get(ServeSettings.HTTP_PORT), kafkaProperties, instanceId, health, events);
    }

    /** Whose bundles to believe: the key file's signer, unsigned bundles too when allowed, or nobody. */
    private static BundleTrust trust(Settings s) {
        Path keyFile = s.get(ServeSettings.MODEL_PUBLIC_KEY);
        boolean unsigned = s.get(ServeSettings.ALLOW_UNSIGNED_MODELS);
        if (keyFile == null) {
            return unsigned ? BundleTrust.unsigned() : BundleTrust.nothing();
        }
        PublicKey key = refusing("model_public_key", () -> BundleKeys.readPublicKey(keyFile));
        return unsigned ? BundleTrust.signedByOrUnsigned(key) : BundleTrust.signedBy(key);
    }

    /** What {@code make} builds, or a {@link SettingException} naming {@code keys} with the reason it was refused. */
    private static <T> T refusing(String keys, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw e instanceof SettingException ? e : new SettingException(keys, e.getMessage());
        }
    }

    public StreamsAppConfig withApplicationId(String id) {
        return change(b -> b.applicationId = id);
    }

    public StreamsAppConfig withTopics(TopicCatalogue t) {
        return change(b -> b.topics = t);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return change(b -> b.stateDir = dir);
    }

    public StreamsAppConfig withSession(int length, Duration gap) {
        return change(b -> {
            b.sequenceLength = length;
            b.sessionGap = gap;
        });
    }

    public StreamsAppConfig withTopK(int k) {
        return change(b -> b.topK = k);
    }

    public StreamsAppConfig withProcessingGuarantee(String guarantee) {
        return change(b -> b.processingGuarantee = guarantee);
    }

    public StreamsAppConfig withStreamThreads(int threads, Duration commit) {
        return change(b -> {
            b.streamThreads = threads;
            b.commitInterval = commit;
        });
    }

    public StreamsAppConfig withStreamThreads(int threads) {
        return withStreamThreads(threads, commitInterval);
    }

    public StreamsAppConfig withCommitInterval(Duration commit) {
        return withStreamThreads(streamThreads, commit);
    }

    /** How events are gathered into one model call; {@link ScoringBatch#NONE} scores each on its own. */
    public StreamsAppConfig withBatch(ScoringBatch scoringBatch) {
        return change(b -> b.batch = scoringBatch);
    }

    /** One model line, {@code name}, answers every session (no split, no shadow). */
    public StreamsAppConfig withModel(String name, ScoringOptions options) {
        return withServing(ServingPlan.single(name)).withScoring(options);
    }

    /** The model lines: a traffic split, e.g. {@code ServingPlan.parse("gru4rec=50,caser=50", "sasrec")}. */
    public StreamsAppConfig withServing(ServingPlan plan) {
        return change(b -> b.serving = plan);
    }

    /** What a model bundle must satisfy to serve (see {@link ModelAcceptance}). */
    public StreamsAppConfig withModelAcceptance(ModelAcceptance acceptance) {
        return change(b -> b.models = acceptance);
    }

    /** Whose model bundles to believe, the other checks as they are. */
    public StreamsAppConfig withModelTrust(BundleTrust trust) {
        return withModelAcceptance(models.withTrust(trust));
    }

    public StreamsAppConfig withScoring(ScoringOptions options) {
        return change(b -> b.scoring = options);
    }

    /** The primary (first) model line's name; the only one without a split. */
    public String modelName() {
        return serving.primaryLine();
    }

    public StreamsAppConfig withRocksDbMemoryBytes(long bytes) {
        return change(b -> b.rocksDbMemoryBytes = bytes);
    }

    public StreamsAppConfig withHttp(String host, int port) {
        return change(b -> {
            b.httpHost = host;
            b.httpPort = port;
        });
    }

    public StreamsAppConfig withExtraStreams(Map<String, String> extra) {
        return change(b -> b.extraStreams = extra);
    }

    /** The static group member id, {@link StaticMembership#NONE} for none, null for the stored one. */
    public StreamsAppConfig withInstanceId(String id) {
        return change(b -> b.instanceId = id);
    }

    public StreamsAppConfig withHealth(HealthSettings settings) {
        return change(b -> b.health = settings);
    }

    /** What an event may be and the most the app writes in one record. */
    public StreamsAppConfig withEvents(EventLimits limits) {
        return change(b -> b.events = limits);
    }

    /** A copy with the fields {@code edit} sets changed, checked by the canonical constructor like any other. */
    private StreamsAppConfig change(Consumer<Fields> edit) {
        Fields f = new Fields(this);
        edit.accept(f);
        return new StreamsAppConfig(f.bootstrapServers, f.applicationId, f.topics, f.stateDir, f.sequenceLength,
                f.sessionGap, f.topK, f.processingGuarantee, f.streamThreads, f.commitInterval, f.batch, f.serving,
                f.models, f.scoring, f.rocksDbMemoryBytes, f.httpHost, f.httpPort, f.extraStreams, f.instanceId,
                f.health, f.events);
    }

    /** The record's components as mutable fields, only for {@link #change}. */
    private static final class Fields {
        String bootstrapServers;
        String applicationId;
        TopicCatalogue topics;
        Path stateDir;
        int sequenceLength;
        Duration sessionGap;
        int topK;
        String processingGuarantee;
        int streamThreads;
        Duration commitInterval;
        ScoringBatch batch;
        ServingPlan serving;
        ModelAcceptance models;
        ScoringOptions scoring;
        long rocksDbMemoryBytes;
        String httpHost;
        int httpPort;
        Map<String, String> extraStreams;
        String instanceId;
        HealthSettings health;
        EventLimits events;

        Fields(StreamsAppConfig c) {
            bootstrapServers = c.bootstrapServers;
            applicationId = c.applicationId;
            topics = c.topics;
            stateDir = c.stateDir;
            sequenceLength = c.sequenceLength;
            sessionGap = c.sessionGap;
            topK = c.topK;
            processingGuarantee = c.processingGuarantee;
            streamThreads = c.streamThreads;
            commitInterval = c.commitInterval;
            batch = c.batch;
            serving = c.serving;
            models = c.models;
            scoring = c.scoring;
            rocksDbMemoryBytes = c.rocksDbMemoryBytes;
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            extraStreams = c.extraStreams;
            instanceId = c.instanceId;
            health = c.health;
            events = c.events;
        }
    }
}
