package io.streamrec.trainer;

import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.BrokerCheck;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.data.GruTsvWriter;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.publish.BundlePublisher;
import io.streamrec.trainer.publish.PublishOutcome;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = TrainCommand.SettingsHelp.class,
        description = {
            "Train a model (--model: GRU4Rec by default) on session data, evaluate it by the GRU4Rec protocol (the true",
            "next item ranked against all items; Recall/MRR/NDCG@1,5,10,20, conservative ties) next to popularity, export",
            "ONNX, check that ONNX Runtime reproduces the trained scores, and optionally write the bundle and publish it",
            "to the model topic. The family's settings (listed after the options: --model KIND --help) come from its",
            "defaults, then the environment or config file, then --params, then --epochs/--sequence-length/--top-k/",
            "--seed, then --set KEY=VALUE."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; with --publish, the bundle was accepted (or --publish-wait is 0)",
            "1:failed (training, writing or sending the bundle)",
            "2:invalid options",
            "3:published, but no verdict from the serving instances within --publish-wait",
            "4:published, and a serving instance refused it (the reason is printed)"
        })
public final class TrainCommand implements Callable<Integer> {
    /** Exit code: published, but the serving instances gave no (or too few) verdicts in time. */
    public static final int EXIT_NO_VERDICT = 3;
    /** Exit code: published, and a serving instance refused the bundle. */
    public static final int EXIT_REFUSED = 4;
    /** The model line a serving instance serves unless told otherwise ({@code serve --model-name}). */
    static final String DEFAULT_SERVED_LINE = "gru4rec";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "gru4rec", paramLabel = "KIND",
            description = "Model family: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = FamilyNames.class)
    String model;

    @Option(names = "--data", paramLabel = "FILE|DIR",
            description = {"Training data in any layout --format reads (GRU4Rec TSV by default detection). Data that",
                "comes split (a sequence-file directory) brings its own test set. Without it, --generate is used."})
    Path data;

    @Option(names = "--from-events",
            description = {"Read the history from the events topic (--bootstrap, --topic-prefix) instead of --data: every",
                "committed click up to now, grouped into sessions as the streams app groups them (session key, then",
                "--session-gap); malformed records are skipped and counted. The latest --test-fraction of sessions",
                "is held out."})
    boolean fromEvents;

    @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "PT30M",
            description = {"With --from-events: the inactivity that starts a new session, ISO-8601; keep it equal to the",
                "streams app's --session-gap (default: ${DEFAULT-VALUE}, the app's default)."})
    java.time.Duration sessionGap;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "Held-out sessions. Without it, the latest --test-fraction of sessions is held out.")
    Path testData;

    @CommandLine.Mixin
    DataFormatOption format = new DataFormatOption();

    @Option(names = "--generate", description = "Train on generated sessions with sequential structure (the default without --data).")
    boolean generate;

    @Option(names = "--generate-only", paramLabel = "FILE",
            description = "Only write the generated sessions (--items, --sessions, --seed) to FILE as GRU4Rec TSV; no training.")
    Path generateOnly;

    @Option(names = "--items", defaultValue = "1000", description = "Generated catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--sessions", defaultValue = "20000", description = "Generated sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", description = "Seed for data generation and training (default: the parameter file's, else 42).")
    Long seed;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of sessions (latest first) held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--save-split", paramLabel = "DIR",
            description = "Write the training and held-out sessions as DIR/train.tsv and DIR/test.tsv (e.g. for replay).")
    Path saveSplit;

    @CommandLine.Mixin
    FamilySettingsOptions familySettings = new FamilySettingsOptions();

    @Option(names = "--epochs", paramLabel = "N", description = "The family's epochs setting (--set epochs=N).")
    Integer epochs;

    @Option(names = "--sequence-length", paramLabel = "L",
            description = "The family's sequence_length setting: items the exported graph reads (--set sequence_length=L).")
    Integer sequenceLength;

    @Option(names = "--top-k", paramLabel = "K",
            description = "The family's top_k setting: items the exported graph returns (--set top_k=K).")
    Integer topK;

    @Option(names = "--model-name", description = "Model line, the key on the model topic (default: the --model kind).")
    String modelName;

    @Option(names = "--model-version", description = "Version to publish under (default: the current UTC time as yyyyMMddHHmmss).")
    Long modelVersion;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the bundle (zip: manifest.json, model.onnx, items.txt) here.")
    Path output;

    @Option(names = "--publish", description = "Publish the bundle to the model topic.")
    boolean publish;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "Ed25519 private key (PKCS#8 PEM, as `streamrec keygen` writes it) that signs the published"
                    + " bundle; serving instances load only bundles signed by the key they are given.")
    Path signingKey;

    @Option(names = "--unsigned",
            description = "Publish without a signature: only instances run with --allow-unsigned-models load it.")
    boolean unsigned;

    @Option(names = "--publish-wait", defaultValue = "60s", paramLabel = "DURATION", converter = WaitConverter.class,
            description = {"How long --publish waits for the serving instances' verdict on the bundle (60s, 2m, PT1M);",
                "0 does not wait (default: ${DEFAULT-VALUE})."})
    Duration publishWait;

    @Option(names = "--publish-instances", defaultValue = "1", paramLabel = "N",
            description = "How many serving instances must accept the bundle within --publish-wait"
                    + " (default: ${DEFAULT-VALUE}).")
    int publishInstances;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "streamrec-", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--ties", defaultValue = "conservative", converter = BaselinesCommand.TieModeConverter.class,
            description = "How the offline evaluation counts items scored equal to the true one: conservative (against"
                    + " the model, the GRU4Rec protocol's default), optimistic, average (default: ${DEFAULT-VALUE}).")
    io.streamrec.trainer.eval.Ranks.TieMode ties;

    @CommandLine.Mixin
    ReportOutput reportOutput = new ReportOutput();

    @Override
    public Integer call() throws Exception {
        BundleSigner signer = publish ? signer() : null;
        // refused before any data is read: an unknown family, key or value costs nothing
        ModelFamily family = family();
        Settings config = settings(family);
        if (generateOnly != null) {
            SessionDataset generated = generated();
            GruTsvWriter.write(generated, generateOnly);
            log(String.format("wrote %,d sessions, %,d clicks to %s", generated.sessions().size(),
                    generated.eventCount(), generateOnly));
            return 0;
        }
        if (publish || fromEvents) {
            BrokerCheck.requireReachable(bootstrap);
        }
        SessionDataset.Split split = loadSplit();
        if (saveSplit != null) {
            Files.createDirectories(saveSplit);
            GruTsvWriter.write(split.train(), saveSplit.resolve("train.tsv"));
            GruTsvWriter.write(split.test(), saveSplit.resolve("test.tsv"));
            log("wrote " + saveSplit.resolve("train.tsv") + " and " + saveSplit.resolve("test.tsv"));
        }
        long version = modelVersion != null ? modelVersion
                : Long.parseLong(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        String line = modelName != null ? modelName : family.kind();
        TrainingResult result = TrainingPipeline.run(family, new TrainingRequest(split.train(), split.test(),
                config.asStrings(), line, version, ties), this::log, progressBar());
        if (output != null) {
            Files.write(output, ModelBundleCodec.encode(result.bundle()));
            log("bundle written to " + output);
        }
        int exit = publish ? publish(result.bundle(), signer) : 0;
        if (reportOutput.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", result.bundle().manifest().label());
            report.put("metrics", result.metrics());
            report.put("parityMaxAbsDifference", result.parity().maxAbsDifference());
            report.put("trainingSeconds", result.trainingTime().toMillis() / 1000.0);
            report.put("epochs", result.epochs());
            report.put("training", config.asStrings());
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            Map<String, Double> m = result.metrics();
            System.out.printf("%s: Recall@20 %.4f  MRR@20 %.4f  NDCG@20 %.4f | popularity Recall@20 %.4f  MRR@20 %.4f%n",
                    result.bundle().manifest().label(), m.getOrDefault("recall@20", Double.NaN),
                    m.getOrDefault("mrr@20", Double.NaN), m.getOrDefault("ndcg@20", Double.NaN),
                    m.getOrDefault("popularity.recall@20", Double.NaN), m.getOrDefault("popularity.mrr@20", Double.NaN));
        }
        return exit;
    }

    /**
     * The signer --publish uses, checked before training so that a missing key costs no training run; null with
     * --unsigned.
     */
    private BundleSigner signer() {
        // The running command line, so that the message goes where picocli reports errors.
        CommandLine cli = spec != null ? spec.commandLine() : new CommandLine(this);
        if (signingKey != null && unsigned) {
            throw new CommandLine.ParameterException(cli, "--signing-key and --unsigned are alternatives");
        }
        if (signingKey == null && !unsigned) {
            throw new CommandLine.ParameterException(cli, "--publish needs --signing-key FILE (make a key pair"
                    + " with `streamrec keygen --out DIR`), or --unsigned for instances run with"
                    + " --allow-unsigned-models");
        }
        if (publishWait.isNegative() || publishInstances < 1) {
            throw new CommandLine.ParameterException(cli,
                    "--publish-wait must not be negative and --publish-instances must be at least 1");
        }
        if (unsigned) {
            return null;
        }
        try {
            return BundleSigner.load(signingKey);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CommandLine.ParameterException(cli, "invalid --signing-key: " + e.getMessage());
        }
    }

    /** Publishes and, unless --publish-wait is 0, waits for the verdict; returns the exit code. */
    private int publish(ModelBundle bundle, BundleSigner signer) {
        TopicCatalogue topics = TopicCatalogue.withPrefix(topicPrefix);
        String label = bundle.manifest().label();
        // said before publishing: a verdict for such a line only comes from instances told to serve it
        servingHint(bundle.manifest().name()).ifPresent(hint -> System.err.println("[train] " + hint));
        try (BundlePublisher publisher = new BundlePublisher(bootstrap, topics, signer,
                BundlePublisher.DEFAULT_CHUNK_BYTES)) {
            if (publishWait.isZero()) {
                RecordMetadata at = publisher.publish(bundle);
                log("published " + label + " to " + at.topic() + " at offset " + at.offset()
                        + (signer == null ? " (unsigned)" : "") + "; not waiting for a verdict");
                return 0;
            }
            BundlePublisher.Published published = publisher.publishAndAwaitVerdicts(bundle, publishWait,
                    publishInstances);
            log("published " + label + " to " + published.at().topic() + " at offset " + published.at().offset()
                    + (signer == null ? " (unsigned)" : ""));
            PublishOutcome outcome = published.outcome();
            return switch (outcome.status()) {
                case ACCEPTED -> {
                    log(label + " " + outcome.summary());
                    yield 0;
                }
                case REFUSED -> {
                    System.err.println("[train] " + label + " " + outcome.summary());
                    yield EXIT_REFUSED;
                }
                case NO_VERDICT -> {
                    System.err.println("[train] warning: " + outcome.summary());
                    yield EXIT_NO_VERDICT;
                }
            };
        }
    }

    /** What to run to serve {@code line}, for any line but the one a default serve runs. */
    static java.util.Optional<String> servingHint(String line) {
        if (line.equals(DEFAULT_SERVED_LINE)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("publishing model line '" + line + "', which a default serve (line '"
                + DEFAULT_SERVED_LINE + "') does not serve: run serve --model-name " + line + " (or --ab "
                + DEFAULT_SERVED_LINE + "=50," + line + "=50 beside it)");
    }

    /** Accepts ISO-8601 (PT1M) and the short forms people type (60s, 2m, 500ms, 0). */
    static final class WaitConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(v.toUpperCase(Locale.ROOT));
                }
                if (v.equals("0")) {
                    return Duration.ZERO;
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration (use e.g. 60s, 2m, 500ms, PT1M, or 0)");
            }
        }
    }

    /**
     * The family's settings: defaults, environment or config file, --params, the generic options above, then --set
     * (see {@link FamilySettingsOptions}). A key the family does not have, or a value out of range, is refused naming
     * the key, so a typo never trains silently with a default.
     */
    Settings settings(ModelFamily family) {
        Map<String, String> options = new LinkedHashMap<>();
        put(options, "epochs", epochs);
        put(options, "seed", seed);
        put(options, "sequence_length", sequenceLength);
        put(options, "top_k", topK);
        return familySettings.resolve(family, options);
    }

    /** GRU4Rec's settings as they would train, for tests and callers that want the typed record. */
    Gru4RecConfig config() {
        return Gru4RecConfig.from(settings(ModelFamilies.byKind("gru4rec")));
    }

    /** The family --model names, or a usage error listing them. */
    private ModelFamily family() {
        try {
            return ModelFamilies.byKind(model);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Adds the chosen family's settings table to the help, after the options. */
    public static final class SettingsHelp implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec commandSpec) {
            return FamilySettingsOptions.withSettingsHelp(commandSpec, "--model", "gru4rec");
        }
    }

    /** The registered families' kinds, for help and completion. */
    static final class FamilyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelFamilies.all().stream().map(ModelFamily::kind).iterator();
        }
    }

    private static void put(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    /** A one-line bar on an interactive terminal; nothing otherwise (the per-epoch lines remain). */
    private ProgressListener progressBar() {
        if (System.console() == null) {
            return (epoch, fraction) -> { };
        }
        return (epoch, fraction) -> {
            int width = 40;
            int done = (int) Math.round(fraction * width);
            System.err.print(String.format("\r[train] epoch %d [%s%s] %3.0f%%", epoch, "#".repeat(done),
                    " ".repeat(width - done), fraction * 100) + (fraction >= 1.0 ? "\r" + " ".repeat(70) + "\r" : ""));
            System.err.flush();
        };
    }

    private SessionDataset.Split loadSplit() throws Exception {
        if (fromEvents) {
            if (data != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--from-events and --data are alternatives");
            }
            String topic = TopicCatalogue.withPrefix(topicPrefix).eventTopic().name();
            return io.streamrec.trainer.data.EventsTopicReader.read(bootstrap, topic, sessionGap,
                    java.time.Duration.ofSeconds(1), this::log).sessions().split(testFraction);
        }
        if (data == null) {
            return generated().split(testFraction);
        }
        log("reading " + data);
        if (testData == null) {
            java.util.Optional<SessionDataset.Split> given = DatasetReaders.readSplit(data, format.value());
            if (given.isPresent()) {
                return given.get();
            }
            return DatasetReaders.read(data, format.value()).split(testFraction);
        }
        SessionDataset train = DatasetReaders.read(data, format.value());
        log("reading " + testData);
        return new SessionDataset.Split(train, DatasetReaders.read(testData, format.value()));
    }

    private SessionDataset generated() {
        log(String.format("generating %,d sessions over %,d items (seed %d)", sessions, items, dataSeed()));
        return SyntheticSessions.generate(new SyntheticSessions.Config(items, sessions, dataSeed()));
    }

    private long dataSeed() {
        return seed != null ? seed : 42L;
    }

    private void log(String line) {
        reportOutput.log("train", line);
    }
}
