package io.streamrec.streams.app;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.topic.BrokerCheck;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.health.HealthSettings;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the streams app: answer every click event on the events topic with recommendations, "
                + "hot-swap models from the model topic, and serve the same answers over HTTP. Stops on SIGTERM/SIGINT.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--application-id", defaultValue = "streamrec",
            description = "Kafka Streams application id; instances with the same id share the partitions (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--topic-prefix", defaultValue = "streamrec-", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.local/state/streamrec",
            description = "Where RocksDB keeps session state; keep it across restarts, so a restarted instance "
                    + "restores only what changed (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Static consumer-group member id, so that a restarted instance gets its partitions back "
                    + "without waiting for a rebalance; 'none' for dynamic membership (default: an id created in the "
                    + "state directory on first start, so the same directory is the same member).")
    String instanceId;

    @Option(names = "--require-model", defaultValue = "false",
            description = "Report DEGRADED on /health and not ready on /ready while a model line answers from "
                    + "popularity (default: ${DEFAULT-VALUE}: popularity until the first model is by design).")
    boolean requireModel;

    @Option(names = "--stall-after", defaultValue = "60s", converter = DurationConverter.class,
            description = "Report DOWN on /health when an input partition of this instance has records waiting and "
                    + "its committed offset has not moved for this long, e.g. behind a transaction left open "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stallAfter;

    @Option(names = "--sequence-length", defaultValue = "20", description = "Items kept per session, L (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Option(names = "--session-gap", defaultValue = "30m", converter = DurationConverter.class,
            description = "Inactivity that starts a new session, e.g. 30m, 90s, PT1H (default: ${DEFAULT-VALUE}).")
    Duration sessionGap;

    @Option(names = "--top-k", defaultValue = "20", description = "Items per recommendation (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--model-name", defaultValue = "gru4rec",
            description = "Model line to serve from the model topic when there is no --ab split (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--ab", paramLabel = "LINE=WEIGHT,...",
            description = "A/B traffic split over model lines, e.g. gru4rec=50,caser=50: each session goes to one line "
                    + "by a stable hash of its key (the same line on every instance and after restarts); replaces "
                    + "--model-name. Weights are relative; a line without a model yet answers from popularity.")
    String ab;

    @Option(names = "--shadow", paramLabel = "LINE",
            description = "A model line scored on every event in the shadow of the answering line: its list is never "
                    + "sent, only measured (online HR/MRR per model version on /stats).")
    String shadow;

    @Option(names = "--model-public-key", paramLabel = "FILE",
            description = "Ed25519 public key (X.509 PEM, as `streamrec keygen` writes it) whose signature a model "
                    + "bundle must carry to serve. Without it and without --allow-unsigned-models, every bundle is "
                    + "refused and answers come from popularity.")
    Path modelPublicKey;

    @Option(names = "--allow-unsigned-models",
            description = "Load model bundles without a signature (logged as a warning at start-up): whoever can write "
                    + "to the model topic then decides what is served. With --model-public-key, signatures are still "
                    + "checked where present, for moving a deployment to signed bundles.")
    boolean allowUnsignedModels;

    @Option(names = "--max-version-jump", defaultValue = "" + ModelAcceptance.DEFAULT_MAX_VERSION_JUMP,
            paramLabel = "N",
            description = "How far above a line's serving version a new bundle's version may be; versions are also "
                    + "refused outside 1.." + ModelAcceptance.MAX_VERSION + " (default: ${DEFAULT-VALUE}, ten years of "
                    + "the trainer's yyyyMMddHHmmss versions).")
    long maxVersionJump;

    @Option(names = "--min-catalogue-overlap", defaultValue = "" + ModelAcceptance.DEFAULT_MIN_CATALOGUE_OVERLAP,
            paramLabel = "SHARE",
            description = "Least share (0..1) of this instance's last " + PopularityRanking.DEFAULT_RECENT_CLICKS
                    + " clicks whose item a new bundle must know, judged once they span "
                    + ModelAcceptance.DEFAULT_MIN_OVERLAP_ITEMS + " distinct items; 0 turns the check off "
                    + "(default: ${DEFAULT-VALUE}).")
    double minCatalogueOverlap;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class,
            description = "ONNX Runtime device: cpu or cuda (cuda falls back to cpu with a log line) (default: ${DEFAULT-VALUE}).")
    ExecutionDevice device;

    @Option(names = "--intra-op-threads", defaultValue = "1", description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
    int intraOpThreads;

    @Option(names = "--inter-op-threads", defaultValue = "1", description = "ONNX Runtime inter-op threads (default: ${DEFAULT-VALUE}).")
    int interOpThreads;

    @Option(names = "--stream-threads", paramLabel = "N",
            description = "Kafka Streams threads; each scores its own partitions' events (default: one per core).")
    Integer streamThreads;

    @Option(names = "--commit-interval", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Kafka Streams commit interval; under exactly-once, answers become visible at commits (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Most events scored in one model call; 1 scores each event on its own (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-wait", defaultValue = "1ms", converter = DurationConverter.class,
            description = "Longest an event waits for others to share its model call; an event after a quiet spell "
                    + "is answered at once, and every batch is answered before a commit (default: ${DEFAULT-VALUE}).")
    Duration batchWait;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--rocksdb-memory-mb", defaultValue = "64",
            description = "Memory shared by all RocksDB stores of this instance, MB (default: ${DEFAULT-VALUE}).")
    long rocksDbMemoryMb;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "HTTP bind address; other instances redirect to it, or to this host's name when it is 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port; 0 for any free port, -1 for none (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--stats-every", defaultValue = "30s", converter = DurationConverter.class,
            description = "How often to log a stats line (default: ${DEFAULT-VALUE}).")
    Duration statsEvery;

    @Option(names = {"-K", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Any Kafka Streams, consumer or producer property, e.g. security.protocol=SSL or "
                    + "consumer.session.timeout.ms=10000; repeatable; applied last.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--max-event-bytes", defaultValue = "" + EventLimits.DEFAULT_MAX_EVENT_BYTES, paramLabel = "BYTES",
            description = "Largest event record taken in (key, value and headers); larger ones are dead-lettered "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(names = "--max-id-bytes", defaultValue = "" + EventLimits.DEFAULT_MAX_ID_BYTES, paramLabel = "BYTES",
            description = "Longest sessionId, userId and itemId in UTF-8 bytes; longer ones are dead-lettered "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxIdBytes;

    @Option(names = "--accept-numeric-ids",
            description = "Also take ids given as JSON whole numbers (their digits are the id); by default ids must be "
                    + "JSON strings and other events are dead-lettered.")
    boolean acceptNumericIds;

    @Option(names = "--max-record-bytes", defaultValue = "" + EventLimits.DEFAULT_MAX_RECORD_BYTES,
            paramLabel = "BYTES",
            description = "Record limit (max.message.bytes) of the output topics and the changelog: the app creates "
                    + "them with it, keeps its records " + EventLimits.FRAMING_MARGIN + " bytes below it, and lowers "
                    + "it, with a warning, to fit output topics that already exist with less (default: "
                    + "${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Override
    public Integer call() throws InterruptedException {
        fromOptions("--instance-id", () -> {
            StaticMembership.validate(instanceId);
            return instanceId;
        });
        BrokerCheck.requireReachable(bootstrap, kafkaProperties);
        StreamsAppConfig config = StreamsAppConfig.defaults(bootstrap)
                .withApplicationId(applicationId)
                .withTopics(TopicCatalogue.withPrefix(topicPrefix))
                .withStateDir(stateDir)
                .withSession(sequenceLength, sessionGap)
                .withTopK(topK)
                .withServing(servingPlan())
                .withModelAcceptance(modelAcceptance())
                .withScoring(new ScoringOptions(device, intraOpThreads, interOpThreads))
                .withStreamThreads(streamThreads != null ? streamThreads : StreamsAppConfig.DEFAULT_STREAM_THREADS,
                        commitInterval)
                .withBatch(scoringBatch())
                .withProcessingGuarantee(processingGuarantee)
                .withRocksDbMemoryBytes(rocksDbMemoryMb * 1024 * 1024)
                .withHttp(httpHost, httpPort)
                .withExtraStreams(kafkaProperties)
                .withInstanceId(instanceId)
                .withHealth(health())
                .withEvents(eventLimits());
        StreamsApp app = StreamsApp.start(config);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            // Set first, so the loop below does not mistake the closing client's NOT_RUNNING for a failure.
            stopRequested.set(true);
            log.info("shutting down");
            app.close();
            closed.countDown();
        }, "streamrec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long nextStats = System.nanoTime() + statsEvery.toNanos();
        while (!closed.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = app.state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING;
            if (failed && !stopRequested.get()) {
                // Nothing left to serve with: exit non-zero so that a supervisor restarts the instance.
                log.error("Kafka Streams is {}; stopping with exit code 1", state);
                app.close();
                removeHook(hook);
                return 1;
            }
            if (System.nanoTime() - nextStats >= 0) {
                log.info("{} [{}]", app.stats().oneLine(), state);
                nextStats += statsEvery.toNanos();
            }
        }
        return 0;
    }

    /**
     * What {@code make} builds from options, or the one-line usage error naming {@code options} when the values are
     * refused: a user's mistake on the command line, not a stack trace.
     */
    private <T> T fromOptions(String options, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(new CommandLine(this), "invalid " + options + ": " + e.getMessage());
        }
    }

    HealthSettings health() {
        return fromOptions("--stall-after", () -> HealthSettings.DEFAULT.withRequireModel(requireModel)
                .withStallAfter(stallAfter, HealthSettings.DEFAULT.checkEvery()));
    }

    ScoringBatch scoringBatch() {
        return fromOptions("--batch-size/--batch-wait", () -> new ScoringBatch(batchSize, batchWait));
    }

    /** Whose bundles to believe and how far to trust their versions and catalogues, from the options. */
    ModelAcceptance modelAcceptance() {
        BundleTrust trust;
        if (modelPublicKey != null) {
            PublicKey key = fromOptions("--model-public-key", () -> BundleKeys.readPublicKey(modelPublicKey));
            trust = allowUnsignedModels ? BundleTrust.signedByOrUnsigned(key) : BundleTrust.signedBy(key);
        } else {
            trust = allowUnsignedModels ? BundleTrust.unsigned() : BundleTrust.nothing();
        }
        BundleTrust believed = trust;
        return fromOptions("--max-version-jump/--min-catalogue-overlap", () -> ModelAcceptance.of(believed)
                .withMaxVersionJump(maxVersionJump).withMinCatalogueOverlap(minCatalogueOverlap));
    }

    EventLimits eventLimits() {
        return fromOptions("--max-event-bytes/--max-id-bytes/--max-record-bytes", () -> {
            EventLimits limits = new EventLimits(maxEventBytes, maxIdBytes, acceptNumericIds, maxRecordBytes);
            limits.checkFits(topK, sequenceLength);
            return limits;
        });
    }

    /** The lines to serve: the --ab split, or --model-name alone; with the --shadow line if any. */
    ServingPlan servingPlan() {
        String split = ab == null || ab.isBlank() ? modelName : ab;
        return fromOptions("--ab/--shadow", () -> ServingPlan.parse(split, shadow));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook's close is a no-op after ours.
        }
    }

    /** cpu or cuda, in any case, whether or not the enclosing command line allows case-insensitive enums. */
    public static final class DeviceConverter implements ITypeConverter<ExecutionDevice> {
        @Override
        public ExecutionDevice convert(String value) {
            try {
                return ExecutionDevice.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a device (use cpu or cuda)");
            }
        }
    }

    /** Accepts ISO-8601 (PT30M) and the short forms people type (30m, 90s, 1h, 2d, 250ms). */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(v.toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.length() < 2) {
                    throw new TypeConversionException(invalid(value));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new TypeConversionException(invalid(value));
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new TypeConversionException(invalid(value));
            }
        }

        private static String invalid(String value) {
            return "'" + value + "' is not a duration (use e.g. 30m, 90s, 250ms, PT1H)";
        }
    }
}
