package io.streamrec.streams.app;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.topic.KafkaSettings;
import io.streamrec.streams.health.HealthSettings;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import io.streamrec.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of the streams app, declared once: {@code serve} offers each as a flag of the same name with dashes
 * ({@code top_k} is {@code --top-k}), the launcher's environment and config file feed those flags, and
 * {@link StreamsAppConfig#from} builds the app's configuration from the resolved values, so the command line,
 * the defaults of {@link StreamsAppConfig#defaults} and the help text cannot drift apart.
 */
public final class ServeSettings {
    private static final Duration DAY = Duration.ofDays(1);

    public static final Setting<String> BOOTSTRAP = KafkaSettings.BOOTSTRAP;
    public static final Setting<String> APPLICATION_ID = Setting.text("application_id", "streamrec",
            "Kafka Streams application id; instances with the same id share the partitions");
    public static final Setting<String> TOPIC_PREFIX = KafkaSettings.TOPIC_PREFIX;
    public static final Setting<Path> STATE_DIR = Setting.path("state_dir", StreamsAppConfig.DEFAULT_STATE_DIR,
            "Where RocksDB keeps session state; keep it across restarts, so a restarted instance restores only what"
                    + " changed");
    public static final Setting<String> INSTANCE_ID = Setting.text("instance_id", "x",
            "Static consumer-group member id, so a restarted instance gets its partitions back without a rebalance;"
                    + " 'none' for dynamic membership; unset: an id kept in the state directory").optional();
    public static final Setting<Boolean> REQUIRE_MODEL = Setting.flag("require_model",
            HealthSettings.DEFAULT.requireModel(), "Report DOWN on /health and not ready on /ready while a"
                    + " model line answers from popularity");
    public static final Setting<Duration> STALL_AFTER = Setting.duration("stall_after",
            HealthSettings.DEFAULT.stallAfter(), Duration.ofSeconds(1), DAY, "Report DOWN on /health when an input"
                    + " partition has records waiting and its committed offset has not moved for this long");
    public static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length",
            TopologySettings.DEFAULT_SEQUENCE_LENGTH, 1, 1000, "Items kept per session, L");
    public static final Setting<Duration> SESSION_GAP = Setting.duration("session_gap",
            TopologySettings.DEFAULT_SESSION_GAP, Duration.ofSeconds(1), Duration.ofDays(365),
            "Inactivity that starts a new session");
    public static final Setting<Integer> TOP_K = Setting.integer("top_k", TopologySettings.DEFAULT_TOP_K, 1, 1000,
            "Items per recommendation");
    public static final Setting<String> MODEL_NAME = Setting.text("model_name", "gru4rec",
            "Model line to serve from the model topic when there is no --ab split");
    public static final Setting<String> AB = Setting.text("ab", "x", "A/B traffic split over model lines, e.g."
            + " gru4rec=50,caser=50: each session goes to one line by a stable hash of its key; replaces"
            + " --model-name").optional();
    public static final Setting<String> SHADOW = Setting.text("shadow", "x", "A model line scored on every event"
            + " beside the answering one: never sent, only measured (online HR/MRR on /stats)").optional();
    public static final Setting<Path> MODEL_PUBLIC_KEY = Setting.path("model_public_key", Path.of("x"),
            "Ed25519 public key (PEM, as `streamrec keygen` writes it) whose signature a model bundle must carry;"
                    + " without it and without --allow-unsigned-models every bundle is refused").optional();
    public static final Setting<Boolean> ALLOW_UNSIGNED_MODELS = Setting.flag("allow_unsigned_models", false,
            "Load model bundles without a signature: whoever can write to the model topic then decides what is"
                    + " served");
    public static final Setting<Long> MAX_VERSION_JUMP = Setting.longInteger("max_version_jump",
            ModelAcceptance.DEFAULT_MAX_VERSION_JUMP, 1, ModelAcceptance.MAX_VERSION,
            "How far above a line's serving version a new bundle's version may be");
    public static final Setting<Double> MIN_CATALOGUE_OVERLAP = Setting.decimal("min_catalogue_overlap",
            ModelAcceptance.DEFAULT_MIN_CATALOGUE_OVERLAP, 0, 1, "Least share of this instance's last "
                    + PopularityRanking.DEFAULT_RECENT_CLICKS + " clicks whose item a new bundle must know; 0 turns"
                    + " the check off");
    public static final Setting<ExecutionDevice> DEVICE = Setting.choice("device", ExecutionDevice.class,
            ExecutionDevice.CPU, "ONNX Runtime device (cuda falls back to cpu with a log line)");
    public static final Setting<Integer> INTRA_OP_THREADS = Setting.integer("intra_op_threads", 1, 1, 1024,
            "ONNX Runtime intra-op threads");
    public static final Setting<Integer> INTER_OP_THREADS = Setting.integer("inter_op_threads", 1, 1, 1024,
            "ONNX Runtime inter-op threads");
    public static final Setting<Integer> STREAM_THREADS = Setting.integer("stream_threads",
            StreamsAppConfig.DEFAULT_STREAM_THREADS, 1, 1024, "Kafka Streams threads, each scoring its own"
                    + " partitions' events; the default is this machine's core count");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commit_interval",
            Duration.ofMillis(100), Duration.ZERO, Duration.ofHours(1), "Kafka Streams commit interval; under"
                    + " exactly-once, answers become visible at commits");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch_size", ScoringBatch.DEFAULT.maxSize(),
            1, ScoringBatch.MAX_SIZE, "Most events scored in one model call; 1 scores each event on its own");
    public static final Setting<Duration> BATCH_WAIT = Setting.duration("batch_wait", ScoringBatch.DEFAULT.maxWait(),
            Duration.ZERO, ScoringBatch.MAX_WAIT, "Longest an event waits for others to share its model call;"
                    + " every batch is answered before a commit");
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.oneOf("processing_guarantee",
            StreamsAppConfig.EXACTLY_ONCE_V2, java.util.List.of(StreamsAppConfig.EXACTLY_ONCE_V2,
                    StreamsAppConfig.AT_LEAST_ONCE), "Kafka Streams processing guarantee");
    public static final Setting<Integer> ROCKSDB_MEMORY_MB = Setting.integer("rocksdb_memory_mb",
            (int) (BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES >> 20), 1, 1 << 20,
            "Memory shared by all RocksDB stores of this instance, MB");
    public static final Setting<String> HTTP_HOST = Setting.text("http_host", "127.0.0.1", "HTTP bind address;"
            + " other instances redirect to it, or to this host's name when it is 0.0.0.0");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http_port", 8080, -1, 65_535,
            "HTTP port; 0 for any free port, -1 for none");
    public static final Setting<Duration> STATS_EVERY = Setting.duration("stats_every", Duration.ofSeconds(30),
            Duration.ofSeconds(1), DAY, "How often to log a stats line");
    public static final Setting<Long> MAX_EVENT_BYTES = Setting.bytes("max_event_bytes",
            EventLimits.DEFAULT_MAX_EVENT_BYTES, EventLimits.MIN_EVENT_BYTES, Integer.MAX_VALUE,
            "Largest event record taken in (key, value and headers); larger ones are dead-lettered");
    public static final Setting<Long> MAX_ID_BYTES = Setting.bytes("max_id_bytes", EventLimits.DEFAULT_MAX_ID_BYTES,
            1, Integer.MAX_VALUE, "Longest sessionId, userId and itemId in UTF-8 bytes; longer ones are"
                    + " dead-lettered");
    public static final Setting<Boolean> ACCEPT_NUMERIC_IDS = Setting.flag("accept_numeric_ids", false,
            "Also take ids given as JSON whole numbers; by default ids must be JSON strings");
    public static final Setting<Long> MAX_RECORD_BYTES = Setting.bytes("max_record_bytes",
            EventLimits.DEFAULT_MAX_RECORD_BYTES, 64 * 1024, Integer.MAX_VALUE, "Record limit (max.message.bytes)"
                    + " of the output topics and the changelog; the app keeps its records "
                    + EventLimits.FRAMING_MARGIN + " bytes below it");

    /** In the order {@code serve --help} lists them. */
    public static final SettingGroup GROUP = SettingGroup.of("serve", BOOTSTRAP, APPLICATION_ID, TOPIC_PREFIX,
            STATE_DIR, INSTANCE_ID, REQUIRE_MODEL, STALL_AFTER, SEQUENCE_LENGTH, SESSION_GAP, TOP_K, MODEL_NAME, AB,
            SHADOW, MODEL_PUBLIC_KEY, ALLOW_UNSIGNED_MODELS, MAX_VERSION_JUMP, MIN_CATALOGUE_OVERLAP, DEVICE,
            INTRA_OP_THREADS, INTER_OP_THREADS, STREAM_THREADS, COMMIT_INTERVAL, BATCH_SIZE, BATCH_WAIT,
            PROCESSING_GUARANTEE, ROCKSDB_MEMORY_MB, HTTP_HOST, HTTP_PORT, STATS_EVERY, MAX_EVENT_BYTES,
            MAX_ID_BYTES, ACCEPT_NUMERIC_IDS, MAX_RECORD_BYTES);

    private ServeSettings() {
    }
}
