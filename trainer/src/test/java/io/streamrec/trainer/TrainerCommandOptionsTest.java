package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.TieBreak;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The trainer commands' options: their old names and defaults, and how an out-of-range value is refused. */
class TrainerCommandOptionsTest {

    /** The options {@code command} was given on {@code args}, as its {@code call} reads them. */
    private static Settings parse(Callable<Integer> command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        return TrainerSettings.values(cli.getCommandSpec());
    }

    @Test
    void trainKeepsItsDefaults() {
        Settings train = parse(new TrainCommand());

        assertThat(train.get(TrainerSettings.MODEL)).isEqualTo("gru4rec");
        assertThat(train.get(TrainerSettings.DATA)).isNull();
        assertThat(train.get(TrainerSettings.FORMAT)).isEqualTo(DatasetFormat.AUTO);
        assertThat(train.get(TrainerSettings.SESSION_GAP)).isEqualTo(Duration.ofMinutes(30));
        assertThat(train.get(TrainerSettings.ITEMS)).isEqualTo(1000);
        assertThat(train.get(TrainerSettings.SESSIONS)).isEqualTo(20_000);
        assertThat(train.get(TrainerSettings.SEED)).isNull();
        assertThat(train.get(TrainerSettings.TEST_FRACTION)).isEqualTo(0.1);
        assertThat(train.get(TrainerSettings.EPOCHS)).isNull();
        assertThat(train.get(TrainerSettings.PUBLISH)).isFalse();
        assertThat(train.get(TrainerSettings.PUBLISH_WAIT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(train.get(TrainerSettings.PUBLISH_INSTANCES)).isEqualTo(1);
        assertThat(train.get(TrainerSettings.BOOTSTRAP)).isEqualTo("127.0.0.1:9092");
        assertThat(train.get(TrainerSettings.TOPIC_PREFIX)).isEqualTo("streamrec-");
        assertThat(train.get(TrainerSettings.TIES)).isEqualTo(Ranks.TieMode.CONSERVATIVE);
        assertThat(train.get(TrainerSettings.JSON)).isFalse();
    }

    @Test
    void trainTakesItsOptionsByTheirOldNames() {
        Settings train = parse(new TrainCommand(), "--model", "caser", "--data", "a.tsv", "--test-data", "b.tsv",
                "--format", "gru-tsv", "--from-events", "--session-gap", "PT10M", "--generate-only", "g.tsv",
                "--items", "50", "--sessions", "60", "--seed", "7", "--test-fraction", "0.2", "--save-split", "s",
                "--epochs", "3", "--sequence-length", "5", "--top-k", "10", "--model-name", "line",
                "--model-version", "9", "--output", "o.zip", "--publish", "--signing-key", "k.pem", "--unsigned",
                "--publish-wait", "0", "--publish-instances", "2", "--bootstrap", "kafka:9092", "--topic-prefix", "t-",
                "--ties", "average", "--json");

        assertThat(train.get(TrainerSettings.MODEL)).isEqualTo("caser");
        assertThat(train.get(TrainerSettings.DATA)).isEqualTo(Path.of("a.tsv"));
        assertThat(train.get(TrainerSettings.TEST_DATA)).isEqualTo(Path.of("b.tsv"));
        assertThat(train.get(TrainerSettings.FORMAT)).isEqualTo(DatasetFormat.GRU_TSV);
        assertThat(train.get(TrainerSettings.FROM_EVENTS)).isTrue();
        assertThat(train.get(TrainerSettings.SESSION_GAP)).isEqualTo(Duration.ofMinutes(10));
        assertThat(train.get(TrainerSettings.GENERATE_ONLY)).isEqualTo(Path.of("g.tsv"));
        assertThat(train.get(TrainerSettings.ITEMS)).isEqualTo(50);
        assertThat(train.get(TrainerSettings.SESSIONS)).isEqualTo(60);
        assertThat(train.get(TrainerSettings.SEED)).isEqualTo(7L);
        assertThat(train.get(TrainerSettings.TEST_FRACTION)).isEqualTo(0.2);
        assertThat(train.get(TrainerSettings.SAVE_SPLIT)).isEqualTo(Path.of("s"));
        assertThat(train.get(TrainerSettings.EPOCHS)).isEqualTo(3);
        assertThat(train.get(TrainerSettings.SEQUENCE_LENGTH)).isEqualTo(5);
        assertThat(train.get(TrainerSettings.TOP_K)).isEqualTo(10);
        assertThat(train.get(TrainerSettings.MODEL_NAME)).isEqualTo("line");
        assertThat(train.get(TrainerSettings.MODEL_VERSION)).isEqualTo(9L);
        assertThat(train.get(TrainerSettings.OUTPUT)).isEqualTo(Path.of("o.zip"));
        assertThat(train.get(TrainerSettings.PUBLISH)).isTrue();
        assertThat(train.get(TrainerSettings.SIGNING_KEY)).isEqualTo(Path.of("k.pem"));
        assertThat(train.get(TrainerSettings.UNSIGNED)).isTrue();
        assertThat(train.get(TrainerSettings.PUBLISH_WAIT)).isEqualTo(Duration.ZERO);
        assertThat(train.get(TrainerSettings.PUBLISH_INSTANCES)).isEqualTo(2);
        assertThat(train.get(TrainerSettings.BOOTSTRAP)).isEqualTo("kafka:9092");
        assertThat(train.get(TrainerSettings.TOPIC_PREFIX)).isEqualTo("t-");
        assertThat(train.get(TrainerSettings.TIES)).isEqualTo(Ranks.TieMode.AVERAGE);
        assertThat(train.get(TrainerSettings.JSON)).isTrue();
    }

    @Test
    void preprocessTakesItsOptionsByTheirOldNamesAndDefaults() {
        Settings defaults = parse(new PreprocessCommand(), "--input", "in", "--output-dir", "out");
        Settings given = parse(new PreprocessCommand(), "--input", "in", "--output-dir", "out", "--format",
                "yoochoose", "--min-session-length", "3", "--min-item-support", "4", "--test-period", "3600",
                "--min-test-session-length", "5", "--json");

        assertThat(defaults.get(TrainerSettings.MIN_SESSION_LENGTH)).isEqualTo(2);
        assertThat(defaults.get(TrainerSettings.MIN_ITEM_SUPPORT)).isEqualTo(5);
        assertThat(defaults.get(TrainerSettings.TEST_PERIOD)).isEqualTo(86_400L);
        assertThat(defaults.get(TrainerSettings.MIN_TEST_SESSION_LENGTH)).isEqualTo(2);
        assertThat(given.get(TrainerSettings.FORMAT)).isEqualTo(DatasetFormat.YOOCHOOSE);
        assertThat(given.get(TrainerSettings.MIN_SESSION_LENGTH)).isEqualTo(3);
        assertThat(given.get(TrainerSettings.MIN_ITEM_SUPPORT)).isEqualTo(4);
        assertThat(given.get(TrainerSettings.TEST_PERIOD)).isEqualTo(3600L);
        assertThat(given.get(TrainerSettings.MIN_TEST_SESSION_LENGTH)).isEqualTo(5);
        assertThat(given.get(TrainerSettings.JSON)).isTrue();
    }

    @Test
    void baselinesTakeTheirOptionsByTheirOldNamesAndDefaults() {
        Settings defaults = parse(new BaselinesCommand(), "--data", "d");
        Settings given = parse(new BaselinesCommand(), "--data", "d", "--test-data", "t", "--baselines", "sr,sknn",
                "--ties", "optimistic", "--sr-window", "5", "--knn-k", "50", "--knn-sample", "0", "--tie-break",
                "none");

        assertThat(defaults.get(TrainerSettings.BASELINES)).isEqualTo("popularity,markov,sr,sknn");
        assertThat(defaults.get(TrainerSettings.TIES)).isEqualTo(Ranks.TieMode.CONSERVATIVE);
        assertThat(defaults.get(TrainerSettings.SR_WINDOW)).isEqualTo(10);
        assertThat(defaults.get(TrainerSettings.KNN_K)).isEqualTo(100);
        assertThat(defaults.get(TrainerSettings.KNN_SAMPLE)).isEqualTo(1000);
        assertThat(defaults.get(TrainerSettings.TIE_BREAK)).isEqualTo(TieBreak.POPULARITY);
        assertThat(given.get(TrainerSettings.TEST_DATA)).isEqualTo(Path.of("t"));
        assertThat(given.get(TrainerSettings.BASELINES)).isEqualTo("sr,sknn");
        assertThat(given.get(TrainerSettings.TIES)).isEqualTo(Ranks.TieMode.OPTIMISTIC);
        assertThat(given.get(TrainerSettings.SR_WINDOW)).isEqualTo(5);
        assertThat(given.get(TrainerSettings.KNN_K)).isEqualTo(50);
        assertThat(given.get(TrainerSettings.KNN_SAMPLE)).isZero();
        assertThat(given.get(TrainerSettings.TIE_BREAK)).isEqualTo(TieBreak.NONE);
    }

    @Test
    void evaluateTakesItsOptionsByTheirOldNamesAndDefaults() {
        Settings defaults = parse(new EvaluateCommand(), "--bundle", "b.zip", "--test-data", "t");
        Settings given = parse(new EvaluateCommand(), "--bundle", "b.zip", "--test-data", "t", "--device", "cuda",
                "--format", "sequences");

        assertThat(defaults.get(TrainerSettings.TEST_DATA)).isEqualTo(Path.of("t"));
        assertThat(defaults.get(TrainerSettings.DEVICE)).isEqualTo(ExecutionDevice.CPU);
        assertThat(given.get(TrainerSettings.DEVICE)).isEqualTo(ExecutionDevice.CUDA);
        assertThat(given.get(TrainerSettings.FORMAT)).isEqualTo(DatasetFormat.SEQUENCES);
    }

    @Test
    void evaluateHoldoutTakesItsOptionsByTheirOldNamesAndDefaults() {
        Settings defaults = parse(new HoldoutEvaluateCommand(), "--data", "u.data");
        Settings given = parse(new HoldoutEvaluateCommand(), "--data", "u.data", "--model", "popularity",
                "--min-interactions", "10", "--train-fraction", "0.7", "--validation", "--evaluate-every", "2");

        assertThat(defaults.get(TrainerSettings.HOLDOUT_MODEL)).isEqualTo("caser");
        assertThat(defaults.get(TrainerSettings.MIN_INTERACTIONS)).isEqualTo(5);
        assertThat(defaults.get(TrainerSettings.TRAIN_FRACTION)).isEqualTo(0.8);
        assertThat(defaults.get(TrainerSettings.VALIDATION)).isFalse();
        assertThat(defaults.get(TrainerSettings.EVALUATE_EVERY)).isZero();
        assertThat(given.get(TrainerSettings.HOLDOUT_MODEL)).isEqualTo("popularity");
        assertThat(given.get(TrainerSettings.MIN_INTERACTIONS)).isEqualTo(10);
        assertThat(given.get(TrainerSettings.TRAIN_FRACTION)).isEqualTo(0.7);
        assertThat(given.get(TrainerSettings.VALIDATION)).isTrue();
        assertThat(given.get(TrainerSettings.EVALUATE_EVERY)).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train      | --items           | 0    | --items: must be",
        "train      | --publish-wait    | -5s  | --publish-wait: ",
        "train      | --test-fraction   | 1.5  | --test-fraction: must be",
        "preprocess | --min-item-support | 0   | --min-item-support: must be",
        "baselines  | --knn-sample      | -1   | --knn-sample: must be",
        "baselines  | --tie-break       | best | --tie-break: 'best' is not one of none, popularity",
        "evaluate   | --format          | parquet | --format: 'parquet' is not one of auto, gru-tsv",
        "holdout    | --train-fraction  | 2    | --train-fraction: must be",
    })
    void anOutOfRangeValueIsAOneLineUsageErrorNamingTheOption(String command, String option, String value,
                                                             String message) {
        // each command with the options it cannot do without, then the refused one
        Callable<Integer> made = switch (command.trim()) {
            case "train" -> new TrainCommand();
            case "preprocess" -> new PreprocessCommand();
            case "baselines" -> new BaselinesCommand();
            case "evaluate" -> new EvaluateCommand();
            default -> new HoldoutEvaluateCommand();
        };
        String[] required = switch (command.trim()) {
            case "preprocess" -> new String[] {"--input", "in", "--output-dir", "out"};
            case "evaluate" -> new String[] {"--bundle", "b.zip"};
            default -> new String[0];
        };
        String[] needed = java.util.stream.Stream.concat(java.util.Arrays.stream(required),
                java.util.stream.Stream.of(option.trim(), value.trim())).toArray(String[]::new);

        assertThatThrownBy(() -> parse(made, needed))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith(message.trim())
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCommandThatNeedsItsDataSaysWhichOptionIsMissing() {
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new BaselinesCommand()).setErr(new PrintWriter(err)).execute();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--data=PATH'");
    }
}
