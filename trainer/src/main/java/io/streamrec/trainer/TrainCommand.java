package io.streamrec.trainer;

import io.streamrec.schemas.bundle.BundleSigner;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.BrokerCheck;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.data.GruTsvWriter;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.pipeline.UserItemPipeline;
import io.streamrec.trainer.pipeline.UserItemRequest;
import io.streamrec.trainer.publish.BundlePublisher;
import io.streamrec.trainer.publish.PublishOutcome;
import io.streamrec.trainer.report.ReportFiles;
import io.streamrec.trainer.report.TrainingProgress;
import io.streamrec.trainer.report.TrainingReport;
import io.streamrec.trainer.useritem.HeldOutProtocol;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainerSettings.Options.class,
        description = {
            "Train a model (--model: GRU4Rec by default) on session data, evaluate it by the GRU4Rec protocol (the true",
            "next item ranked against all items; Recall/MRR/NDCG@1,5,10,20, conservative ties) next to popularity, export",
            "ONNX, check that ONNX Runtime reproduces the trained scores, and optionally write the bundle and publish it",
            "to the model topic. The family's settings (listed after the options: --model KIND --help) come from its",
            "defaults, then the environment or config file, then --params, then --epochs/--sequence-length/--top-k/",
            "--seed, then --set KEY=VALUE. A user–item family (mf, svdpp, ...) reads --data as user–item interactions,",
            "holds out and measures by its protocol (ratings: a random fifth, RMSE/MAE beside the global-mean and bias",
            "baselines) and is exported, parity-checked and published the same way."
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

    @CommandLine.Mixin
    FamilySettingsOptions familySettings = new FamilySettingsOptions();

    /** This run's options, read at the start of {@link #call}. */
    private Settings options;
    private ReportOutput reportOutput;

    @Override
    public Integer call() throws Exception {
        options = TrainerSettings.values(spec);
        reportOutput = new ReportOutput(options.get(TrainerSettings.JSON));
        boolean publish = options.get(TrainerSettings.PUBLISH);
        BundleSigner signer = publish ? signer() : null;
        UserItemFamily userItem = ModelFamilies.userItemByKind(options.get(TrainerSettings.MODEL)).orElse(null);
        if (userItem != null) {
            return trainUserItem(userItem, signer);
        }
        // refused before any data is read: an unknown family, key or value costs nothing
        ModelFamily family = family();
        Settings config = settings(family);
        requireReportDirectory();
        if (options.get(TrainerSettings.GENERATE) && (options.get(TrainerSettings.DATA) != null
                || options.get(TrainerSettings.FROM_EVENTS))) {
            // one source of sessions: --generate must not be silently outvoted by --data or --from-events
            throw new CommandLine.ParameterException(spec.commandLine(), "--generate trains on generated sessions:"
                    + " give it without --data and --from-events");
        }
        Path generateOnly = options.get(TrainerSettings.GENERATE_ONLY);
        if (generateOnly != null) {
            SessionDataset generated = generated();
            GruTsvWriter.write(generated, generateOnly);
            log(String.format("wrote %,d sessions, %,d clicks to %s", generated.sessions().size(),
                    generated.eventCount(), generateOnly));
            return 0;
        }
        if (publish || options.get(TrainerSettings.FROM_EVENTS)) {
            BrokerCheck.requireReachable(options.get(TrainerSettings.BOOTSTRAP));
        }
        SessionDataset.Split split = loadSplit();
        Path saveSplit = options.get(TrainerSettings.SAVE_SPLIT);
        if (saveSplit != null) {
            Files.createDirectories(saveSplit);
            GruTsvWriter.write(split.train(), saveSplit.resolve("train.tsv"));
            GruTsvWriter.write(split.test(), saveSplit.resolve("test.tsv"));
            log("wrote " + saveSplit.resolve("train.tsv") + " and " + saveSplit.resolve("test.tsv"));
        }
        TrainingResult result;
        try (TrainingProgress progress = reportOutput.trainingProgress("train", epochs(config))) {
            result = TrainingPipeline.run(family, new TrainingRequest(split.train(), split.test(),
                    config.asStrings(), line(family.kind()), version(), options.get(TrainerSettings.TIES)), this::log,
                    progress);
        }
        Map<String, Double> m = result.metrics();
        return finish(result, config, signer, String.format(
                "%s: Recall@20 %.4f  MRR@20 %.4f  NDCG@20 %.4f | popularity Recall@20 %.4f  MRR@20 %.4f",
                result.bundle().manifest().label(), m.getOrDefault("recall@20", Double.NaN),
                m.getOrDefault("mrr@20", Double.NaN), m.getOrDefault("ndcg@20", Double.NaN),
                m.getOrDefault("popularity.recall@20", Double.NaN), m.getOrDefault("popularity.mrr@20", Double.NaN)));
    }

    /**
     * A user–item family: its interactions from --data, held out and measured by the family's protocol, then the
     * same export, parity check, writing, publishing and report as a session family's.
     */
    private int trainUserItem(UserItemFamily family, BundleSigner signer) throws Exception {
        Settings config = familySettings.resolve(family, shortcuts());
        requireReportDirectory();
        if (options.get(TrainerSettings.GENERATE) || options.get(TrainerSettings.FROM_EVENTS)
                || options.get(TrainerSettings.GENERATE_ONLY) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), family.kind() + " trains on user–item"
                    + " interactions: give --data FILE (ratings, or sessions as implicit feedback)");
        }
        Path data = TrainerSettings.required(spec, options, TrainerSettings.DATA);
        if (options.get(TrainerSettings.PUBLISH)) {
            BrokerCheck.requireReachable(options.get(TrainerSettings.BOOTSTRAP));
        }
        log("reading " + data);
        Interactions interactions = DatasetReaders.readInteractions(data, options.get(TrainerSettings.FORMAT));
        TrainingResult result;
        try (TrainingProgress progress = reportOutput.trainingProgress("train", epochs(config))) {
            result = UserItemPipeline.run(family, new UserItemRequest(interactions, config.asStrings(),
                    line(family.kind()), version(), dataSeed()), this::log, progress);
        }
        return finish(result, config, signer, result.bundle().manifest().label() + ": "
                + HeldOutProtocol.of(family.protocol()).summary(result.metrics()));
    }

    /** Writes, publishes and reports a trained model, whichever kind of family; returns the exit code. */
    private int finish(TrainingResult result, Settings config, BundleSigner signer, String summary) throws Exception {
        boolean publish = options.get(TrainerSettings.PUBLISH);
        Path output = options.get(TrainerSettings.OUTPUT);
        if (output != null) {
            Files.write(output, ModelBundleCodec.encode(result.bundle()));
            log("bundle written to " + output);
        }
        writeReport(result, output);
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
            System.out.println(summary);
        }
        return exit;
    }

    /** The version to publish under: --model-version, else the current UTC time as yyyyMMddHHmmss. */
    private long version() {
        Long modelVersion = options.get(TrainerSettings.MODEL_VERSION);
        return modelVersion != null ? modelVersion
                : Long.parseLong(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
    }

    /** The model line: --model-name, else the family's kind. */
    private String line(String kind) {
        String modelName = options.get(TrainerSettings.MODEL_NAME);
        return modelName != null ? modelName : kind;
    }

    /**
     * The signer --publish uses, checked before training so that a missing key costs no training run; null with
     * --unsigned.
     */
    private BundleSigner signer() {
        // The running command line, so that the message goes where picocli reports errors.
        CommandLine cli = spec.commandLine();
        Path signingKey = options.get(TrainerSettings.SIGNING_KEY);
        boolean unsigned = options.get(TrainerSettings.UNSIGNED);
        if (signingKey != null && unsigned) {
            throw new CommandLine.ParameterException(cli, "--signing-key and --unsigned are alternatives");
        }
        if (signingKey == null && !unsigned) {
            throw new CommandLine.ParameterException(cli, "--publish needs --signing-key FILE (make a key pair"
                    + " with `streamrec keygen --out DIR`), or --unsigned for instances run with"
                    + " --allow-unsigned-models");
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
        TopicCatalogue topics = TopicCatalogue.withPrefix(options.get(TrainerSettings.TOPIC_PREFIX));
        Duration publishWait = options.get(TrainerSettings.PUBLISH_WAIT);
        String label = bundle.manifest().label();
        // said before publishing: a verdict for such a line only comes from instances told to serve it
        servingHint(bundle.manifest().name()).ifPresent(hint -> System.err.println("[train] " + hint));
        try (BundlePublisher publisher = new BundlePublisher(options.get(TrainerSettings.BOOTSTRAP), topics, signer,
                BundlePublisher.DEFAULT_CHUNK_BYTES)) {
            if (publishWait.isZero()) {
                RecordMetadata at = publisher.publish(bundle);
                log("published " + label + " to " + at.topic() + " at offset " + at.offset()
                        + (signer == null ? " (unsigned)" : "") + "; not waiting for a verdict");
                return 0;
            }
            BundlePublisher.Published published = publisher.publishAndAwaitVerdicts(bundle, publishWait,
                    options.get(TrainerSettings.PUBLISH_INSTANCES));
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

    /**
     * The family's settings: defaults, environment or config file, --params, the generic options above, then --set
     * (see {@link FamilySettingsOptions}). A key the family does not have, or a value out of range, is refused naming
     * the key, so a typo never trains silently with a default.
     */
    Settings settings(ModelFamily family) {
        return familySettings.resolve(family, shortcuts());
    }

    /** The generic options a family's settings take, where given, by key. */
    private Map<String, String> shortcuts() {
        Settings given = TrainerSettings.values(spec);
        Map<String, String> shortcuts = new LinkedHashMap<>();
        for (Setting<?> s : List.of(TrainerSettings.EPOCHS, TrainerSettings.SEED, TrainerSettings.SEQUENCE_LENGTH,
                TrainerSettings.TOP_K)) {
            String text = given.asStrings().get(s.key());
            if (!text.isEmpty()) {
                shortcuts.put(s.key(), text);
            }
        }
        return shortcuts;
    }

    /** GRU4Rec's settings as they would train, for tests and callers that want the typed record. */
    Gru4RecConfig config() {
        return Gru4RecConfig.from(settings(ModelFamilies.byKind("gru4rec")));
    }

    /** The family --model names, or a usage error listing them. */
    private ModelFamily family() {
        try {
            return ModelFamilies.byKind(TrainerSettings.values(spec).get(TrainerSettings.MODEL));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown model '"
                    + options.get(TrainerSettings.MODEL) + "'; one of " + ModelFamilies.kinds());
        }
    }

    /** The run's epochs, where the family has an {@code epochs} setting (every family so far). */
    private static OptionalInt epochs(Settings config) {
        String epochs = config.asStrings().get("epochs");
        return epochs == null || epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(epochs));
    }

    /** Makes the --report directory before training, so that one it cannot be costs no training run. */
    private void requireReportDirectory() {
        Path directory = options.get(TrainerSettings.REPORT);
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report " + directory
                    + ": cannot make that directory (" + e + "); give a directory you may write to");
        }
    }

    /** The training report into --report, else beside the bundle; none without either. */
    private void writeReport(TrainingResult result, Path bundle) throws IOException {
        Path directory = options.get(TrainerSettings.REPORT);
        if (directory == null && bundle == null) {
            return;
        }
        ReportFiles files = directory != null ? ReportFiles.in(directory) : ReportFiles.beside(bundle);
        List<Path> written = files.write(TrainingReport.of(result));
        log("report written to " + files.directory() + ": " + written.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
    }

    private SessionDataset.Split loadSplit() throws Exception {
        Path data = options.get(TrainerSettings.DATA);
        Path testData = options.get(TrainerSettings.TEST_DATA);
        DatasetFormat format = options.get(TrainerSettings.FORMAT);
        double testFraction = options.get(TrainerSettings.TEST_FRACTION);
        if (options.get(TrainerSettings.FROM_EVENTS)) {
            if (data != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--from-events and --data are alternatives");
            }
            String topic = TopicCatalogue.withPrefix(options.get(TrainerSettings.TOPIC_PREFIX)).eventTopic().name();
            return io.streamrec.trainer.data.EventsTopicReader.read(options.get(TrainerSettings.BOOTSTRAP), topic,
                    options.get(TrainerSettings.SESSION_GAP),
                    java.time.Duration.ofSeconds(1), this::log).sessions().split(testFraction);
        }
        if (data == null) {
            return generated().split(testFraction);
        }
        log("reading " + data);
        if (testData == null) {
            java.util.Optional<SessionDataset.Split> given = DatasetReaders.readSplit(data, format);
            if (given.isPresent()) {
                return given.get();
            }
            return DatasetReaders.read(data, format).split(testFraction);
        }
        SessionDataset train = DatasetReaders.read(data, format);
        log("reading " + testData);
        return new SessionDataset.Split(train, DatasetReaders.read(testData, format));
    }

    private SessionDataset generated() {
        int sessions = options.get(TrainerSettings.SESSIONS);
        int items = options.get(TrainerSettings.ITEMS);
        log(String.format("generating %,d sessions over %,d items (seed %d)", sessions, items, dataSeed()));
        return SyntheticSessions.generate(new SyntheticSessions.Config(items, sessions, dataSeed()));
    }

    private long dataSeed() {
        Long seed = options.get(TrainerSettings.SEED);
        return seed != null ? seed : 42L;
    }

    private void log(String line) {
        reportOutput.log("train", line);
    }
}
