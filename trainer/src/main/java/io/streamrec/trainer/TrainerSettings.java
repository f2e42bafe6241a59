package io.streamrec.trainer;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.settings.Durations;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.SettingOptions;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.KafkaSettings;
import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.TieBreak;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The trainer commands' own options, declared once each: every command offers its group's settings as flags of the
 * same name with dashes ({@code test_data} is {@code --test-data}) through {@link
 * io.streamrec.schemas.settings.SettingOptions}, so a flag shared by several commands has one name, default, range
 * and help, and the launcher's environment and config file feed it like any other option. A model family's own
 * settings ({@code --set}, {@code --params}) are separate groups, one per family.
 */
final class TrainerSettings {
    private static final Path NONE = Path.of("none");
    private static final Duration YEAR = Duration.ofDays(365);

    // ---- shared by the commands that read data, report, or talk to Kafka ------------------------------------------

    static final Setting<Path> DATA = Setting.path("data", NONE, "Training data (or all data) in any layout --format"
            + " reads; data that comes split (a sequence-file directory) brings its own test set").optional();
    static final Setting<Path> TEST_DATA = Setting.path("test_data", NONE, "Held-out sessions, in any layout --format"
            + " reads (a sequence-file directory: its test set)").optional();
    static final Setting<DatasetFormat> FORMAT = new Setting<>("format", "Layout of the data files (auto: by file"
            + " name or header)", DatasetFormat.AUTO, new Setting.Type<>("one of " + Arrays.stream(
            DatasetFormat.values()).map(DatasetFormat::cliName).collect(Collectors.joining(", ")), "FORMAT",
            DatasetFormat::parse, DatasetFormat::cliName, v -> null, false), null);
    static final Setting<Ranks.TieMode> TIES = Setting.choice("ties", Ranks.TieMode.class,
            Ranks.TieMode.CONSERVATIVE, "How the evaluation counts items scored equal to the true one: conservative"
                    + " (against the model, the GRU4Rec protocol's default), optimistic, average");
    static final Setting<Boolean> JSON = Setting.flag("json", false,
            "Print the report as JSON on stdout (progress goes to stderr)");
    static final Setting<String> BOOTSTRAP = KafkaSettings.BOOTSTRAP;
    static final Setting<String> TOPIC_PREFIX = KafkaSettings.TOPIC_PREFIX;

    // ---- train ---------------------------------------------------------------------------------------------------

    static final Setting<String> MODEL = Setting.text("model", "gru4rec", "Model family: " + families());
    static final Setting<Boolean> FROM_EVENTS = Setting.flag("from_events", false, "Read the history from the"
            + " events topic (--bootstrap, --topic-prefix) instead of --data: every committed click up to now,"
            + " grouped into sessions as the streams app groups them (session key, then --session-gap); malformed"
            + " records are skipped and counted. The latest --test-fraction of sessions is held out");
    static final Setting<Duration> SESSION_GAP = Setting.duration("session_gap", Duration.ofMinutes(30),
            Duration.ofSeconds(1), YEAR, "With --from-events: the inactivity that starts a new session; keep it equal"
                    + " to the streams app's --session-gap");
    static final Setting<Boolean> GENERATE = Setting.flag("generate", false,
            "Train on generated sessions with sequential structure (the default without --data)");
    static final Setting<Path> GENERATE_ONLY = Setting.path("generate_only", NONE, "Only write the generated"
            + " sessions (--items, --sessions, --seed) to this file as GRU4Rec TSV; no training").optional();
    static final Setting<Integer> ITEMS = Setting.integer("items", 1000, 1, Integer.MAX_VALUE,
            "Generated catalogue size");
    static final Setting<Integer> SESSIONS = Setting.integer("sessions", 20_000, 1, Integer.MAX_VALUE,
            "Generated sessions");
    static final Setting<Long> SEED = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
            "Seed for data generation and training (unset: the parameter file's, else 42)").optional();
    static final Setting<Double> TEST_FRACTION = Setting.decimal("test_fraction", 0.1, 0, 1,
            "Share of sessions (latest first) held out");
    static final Setting<Path> SAVE_SPLIT = Setting.path("save_split", NONE, "Write the training and held-out"
            + " sessions to this directory as train.tsv and test.tsv (e.g. for replay)").optional();
    static final Setting<Integer> EPOCHS = shortcut("epochs", "The family's epochs setting (--set epochs=N)");
    static final Setting<Integer> SEQUENCE_LENGTH = shortcut("sequence_length", "The family's sequence_length"
            + " setting: items the exported graph reads (--set sequence_length=L)");
    static final Setting<Integer> TOP_K = shortcut("top_k",
            "The family's top_k setting: items the exported graph returns (--set top_k=K)");
    static final Setting<String> MODEL_NAME = Setting.text("model_name", "x",
            "Model line, the key on the model topic (unset: the --model kind)").optional();
    static final Setting<Long> MODEL_VERSION = Setting.longInteger("model_version", 1, Long.MIN_VALUE,
            Long.MAX_VALUE, "Version to publish under (unset: the current UTC time as yyyyMMddHHmmss)").optional();
    static final Setting<Path> OUTPUT = Setting.path("output", NONE,
            "Write the bundle (zip: manifest.json, model.onnx, items.txt) here").optional();
    static final Setting<Path> REPORT = Setting.path("report", NONE, "Write the training report to this directory:"
            + " training.csv (per epoch: loss, seconds, events/s; the metrics on the last), metrics.csv (the model"
            + " beside the baselines) and their charts, training.png and training.svg (unset: beside --output's"
            + " bundle, named after it)").optional();
    static final Setting<Boolean> PUBLISH = Setting.flag("publish", false, "Publish the bundle to the model topic");
    static final Setting<Path> SIGNING_KEY = Setting.path("signing_key", NONE, "Ed25519 private key (PKCS#8 PEM, as"
            + " `streamrec keygen` writes it) that signs the published bundle; serving instances load only bundles"
            + " signed by the key they are given").optional();
    static final Setting<Boolean> UNSIGNED = Setting.flag("unsigned", false,
            "Publish without a signature: only instances run with --allow-unsigned-models load it");
    static final Setting<Duration> PUBLISH_WAIT = zeroAllowed(Setting.duration("publish_wait",
            Duration.ofSeconds(60), Duration.ZERO, YEAR, "How long --publish waits for the serving instances'"
                    + " verdict on the bundle; 0 does not wait"));
    static final Setting<Integer> PUBLISH_INSTANCES = Setting.integer("publish_instances", 1, 1, 10_000,
            "How many serving instances must accept the bundle within --publish-wait");

    // ---- preprocess ----------------------------------------------------------------------------------------------

    static final Setting<Integer> MIN_SESSION_LENGTH = Setting.integer("min_session_length", 2, 1, Integer.MAX_VALUE,
            "Drop sessions shorter than this, before and after the item filter");
    static final Setting<Integer> MIN_ITEM_SUPPORT = Setting.integer("min_item_support", 5, 1, Integer.MAX_VALUE,
            "Drop the clicks on items with fewer clicks than this");
    static final Setting<Long> TEST_PERIOD = Setting.longInteger("test_period", 86_400, 1, Long.MAX_VALUE,
            "Sessions whose last click is within this many seconds of the data's last click are the test set"
                    + " (86400: one day)");
    static final Setting<Integer> MIN_TEST_SESSION_LENGTH = Setting.integer("min_test_session_length", 2, 1,
            Integer.MAX_VALUE, "After dropping unseen items, drop test sessions shorter than this");

    // ---- baselines -----------------------------------------------------------------------------------------------

    static final Setting<String> BASELINES = Setting.text("baselines", String.join(",", BaselinesCommand.ALL),
            "Which to run, comma-separated: " + String.join(", ", BaselinesCommand.ALL));
    static final Setting<Integer> SR_WINDOW = Setting.integer("sr_window", 10, 1, Integer.MAX_VALUE,
            "SR: largest distance between the two items of a rule");
    static final Setting<Integer> KNN_K = Setting.integer("knn_k", 100, 1, Integer.MAX_VALUE, "SKNN: neighbours");
    static final Setting<Integer> KNN_SAMPLE = Setting.integer("knn_sample", 1000, 0, Integer.MAX_VALUE,
            "SKNN: most recent candidate sessions considered; 0 = all");
    static final Setting<TieBreak> TIE_BREAK = Setting.choice("tie_break", TieBreak.class, TieBreak.POPULARITY,
            "How the sparse baselines order items of equal score: popularity (rules of equal weight by training"
                    + " clicks, and the items a baseline cannot score after the ones it can, by training clicks) or"
                    + " none (left tied at 0, which --ties then resolves)");

    // ---- evaluate ------------------------------------------------------------------------------------------------

    static final Setting<ExecutionDevice> DEVICE = Setting.choice("device", ExecutionDevice.class,
            ExecutionDevice.CPU, "ONNX Runtime device");

    // ---- evaluate-holdout ----------------------------------------------------------------------------------------

    static final Setting<String> HOLDOUT_MODEL = Setting.text("model", "caser",
            "A session model family (" + ModelFamilies.all().stream().map(ModelFamily::kind)
                    .collect(Collectors.joining(", ")) + ") or popularity alone");
    static final Setting<Integer> MIN_INTERACTIONS = Setting.integer("min_interactions", 5, 1, Integer.MAX_VALUE,
            "Drop users and items with fewer interactions, to a fixed point");
    static final Setting<Double> TRAIN_FRACTION = Setting.decimal("train_fraction", 0.8, 0, 1,
            "Share of each user's interactions, oldest first, for training");
    static final Setting<Boolean> VALIDATION = Setting.flag("validation", false,
            "Tune: test on the last eighth of each user's training part instead of the test part");
    static final Setting<Integer> EVALUATE_EVERY = Setting.integer("evaluate_every", 0, 0, Integer.MAX_VALUE,
            "Also evaluate after every this many epochs, where the family allows it (Caser); 0: only at the end");

    // ---- evaluate-ratings ----------------------------------------------------------------------------------------

    static final Setting<String> RATING_MODELS = Setting.text("model", String.join(",", ratingFamilies()),
            "Rating families to cross-validate, comma-separated: " + String.join(", ", ratingFamilies())
                    + "; the global-mean and bias baselines always run beside them");
    static final Setting<Integer> FOLDS = Setting.integer("folds", 5, 2, 100,
            "k: the ratings are cut into k random parts, each tested once (5: the 80/20 protocol)");
    static final Setting<Long> FOLD_SEED = Setting.longInteger("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
            "Seed of the random cut into folds (each family's own seed setting seeds its training)");
    static final Setting<Boolean> RATING_VALIDATION = Setting.flag("validation", false, "Tune: within every fold,"
            + " hold out a k-th of its training part and report on that instead of the test fold");
    static final Setting<Path> JSON_FILE = Setting.path("json", NONE,
            "Also write the results (every fold's figures and the settings) to this file as JSON").optional();

    // ---- one group per command, in the order its help lists them -------------------------------------------------

    static final SettingGroup TRAIN = SettingGroup.of("train", MODEL, DATA, FROM_EVENTS, SESSION_GAP, TEST_DATA,
            FORMAT, GENERATE, GENERATE_ONLY, ITEMS, SESSIONS, SEED, TEST_FRACTION, SAVE_SPLIT, EPOCHS, SEQUENCE_LENGTH,
            TOP_K, MODEL_NAME, MODEL_VERSION, OUTPUT, REPORT, PUBLISH, SIGNING_KEY, UNSIGNED, PUBLISH_WAIT, PUBLISH_INSTANCES,
            BOOTSTRAP, TOPIC_PREFIX, TIES, JSON);
    static final SettingGroup PREPROCESS = SettingGroup.of("preprocess", FORMAT, MIN_SESSION_LENGTH,
            MIN_ITEM_SUPPORT, TEST_PERIOD, MIN_TEST_SESSION_LENGTH, JSON);
    static final SettingGroup BASELINES_GROUP = SettingGroup.of("baselines", DATA, TEST_DATA, FORMAT, BASELINES,
            TIES, SR_WINDOW, KNN_K, KNN_SAMPLE, TIE_BREAK, JSON);
    static final SettingGroup EVALUATE = SettingGroup.of("evaluate", TEST_DATA, FORMAT, DEVICE, JSON);
    static final SettingGroup HOLDOUT = SettingGroup.of("evaluate-holdout", DATA, FORMAT, HOLDOUT_MODEL,
            MIN_INTERACTIONS, TRAIN_FRACTION, VALIDATION, EVALUATE_EVERY, JSON);

    static final SettingGroup RATINGS = SettingGroup.of("evaluate-ratings", DATA, FORMAT, RATING_MODELS, FOLDS,
            FOLD_SEED, RATING_VALIDATION, JSON_FILE);

    private static final List<SettingGroup> GROUPS = List.of(TRAIN, PREPROCESS, BASELINES_GROUP, EVALUATE, HOLDOUT,
            RATINGS);

    private TrainerSettings() {
    }

    /**
     * A trainer command's options from its group, the one named as the command is; a command that picks a model
     * family ({@code --model}) also lists that family's settings after its options ({@code train --model caser
     * --help} shows Caser's, the default family's without {@code --model}).
     */
    static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            SettingGroup group = group(spec);
            SettingOptions.addTo(spec, group);
            return group.find(MODEL.key()).map(model -> FamilySettingsOptions.withSettingsHelp(spec,
                    "--" + model.flag(), String.valueOf(model.defaultValue()))).orElse(spec);
        }
    }

    /** The command's options as this parse left them; a refused value is a usage error naming the option. */
    static Settings values(CommandSpec spec) {
        return SettingOptions.values(spec, group(spec));
    }

    /** {@code setting}'s value, or the usage error that a command cannot do without it. */
    static <T> T required(CommandSpec spec, Settings values, Setting<T> setting) {
        T value = values.get(setting);
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--" + setting.flag() + "="
                    + setting.type().label() + "'");
        }
        return value;
    }

    private static SettingGroup group(CommandSpec spec) {
        return GROUPS.stream().filter(g -> g.name().equals(spec.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no trainer settings for command " + spec.name()));
    }

    /** A family setting offered as a command option too; unset leaves the family's value, which checks the range. */
    private static Setting<Integer> shortcut(String key, String doc) {
        return Setting.integer(key, 1, 1, Integer.MAX_VALUE, doc).optional();
    }

    /** {@code wait} also taking a bare {@code 0}, as people type "do not wait". */
    private static Setting<Duration> zeroAllowed(Setting<Duration> wait) {
        Setting.Type<Duration> t = wait.type();
        return new Setting<>(wait.key(), wait.doc(), wait.defaultValue(), new Setting.Type<>(t.name(), t.label(),
                s -> s.trim().equals("0") ? Duration.ZERO : Durations.parse(s), t.writer(), t.allowed(),
                t.optional()), null);
    }

    private static String families() {
        return String.join(", ", ModelFamilies.kinds());
    }

    private static List<String> ratingFamilies() {
        return ModelFamilies.userItem().stream().filter(f -> f.protocol() == UserItemFamily.Protocol.RATINGS)
                .map(UserItemFamily::kind).toList();
    }
}
