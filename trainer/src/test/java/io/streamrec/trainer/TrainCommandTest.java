package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void generateOnlyWritesTheSyntheticSessionsAsGru4RecTsv() throws Exception {
        Path file = dir.resolve("synthetic.tsv");

        int exit = new CommandLine(new TrainCommand())
                .execute("--generate-only", file.toString(), "--items", "100", "--sessions", "300", "--seed", "4");

        assertThat(exit).isZero();
        SessionDataset read = GruTsvReader.read(file);
        assertThat(read.sessions()).hasSize(300);
        assertThat(read.itemCounts().keySet()).allSatisfy(item -> assertThat(item).matches("i\\d+"));
    }

    @Test
    void trainsOnGeneratedDataAndWritesTheBundleUnderTheRequestedNameAndVersion() throws Exception {
        Path bundleFile = dir.resolve("model.bundle");

        int exit = new CommandLine(new TrainCommand()).execute("--items", "100", "--sessions", "600", "--epochs", "1",
                "--set", "hidden_size=16", "--set", "embedding=8", "--top-k", "10", "--sequence-length", "8",
                "--model-name", "tiny", "--model-version", "5", "--output", bundleFile.toString(), "--json");

        assertThat(exit).isZero();
        ModelBundle bundle = ModelBundleCodec.decode(Files.readAllBytes(bundleFile));
        assertThat(bundle.manifest().name()).isEqualTo("tiny");
        assertThat(bundle.manifest().version()).isEqualTo(5);
        assertThat(bundle.manifest().topK()).isEqualTo(10);
        assertThat(bundle.manifest().sequenceLength()).isEqualTo(8);
        assertThat(bundle.manifest().metrics()).containsKeys("recall@20", "mrr@20", "popularity.recall@20");
        assertThat(bundle.manifest().training()).containsEntry("hidden_size", "16");
        // without --report, the training report lies beside the bundle, named after it
        assertThat(dir.resolve("model-training.csv")).isNotEmptyFile();
        assertThat(dir.resolve("model-training.png")).isNotEmptyFile();
    }

    @Test
    void settingsLayerFamilyDefaultsThenConfigThenParameterFileThenOptionsThenSet() throws Exception {
        TrainCommand command = new TrainCommand();
        CommandLine cli = new CommandLine(command);
        // the environment and the config file reach a family's settings as KIND.KEY, as they reach every option
        cli.setDefaultValueProvider(option -> option instanceof CommandLine.Model.OptionSpec o
                ? Map.of("--gru4rec.top_k", "15", "--gru4rec.batch_size", "64", "--gru4rec.layers", "2")
                        .get(o.longestName()) : null);
        cli.parseArgs("--params", "rsc15", "--epochs", "3", "--set", "epochs=4", "--set", "n-sample=512",
                "--set", "layers=1");

        Gru4RecConfig config = command.config();

        assertThat(config.loss()).isEqualTo(Gru4RecConfig.Loss.CROSS_ENTROPY);
        assertThat(config.learningRate()).isEqualTo(0.2f);   // from the rsc15 file
        assertThat(config.momentum()).isEqualTo(0.2f);       // from the rsc15 file
        assertThat(config.topK()).isEqualTo(15);             // configured, and the file does not say
        assertThat(config.layers()).isEqualTo(1);            // --set over the configured 2
        assertThat(config.epochs()).isEqualTo(4);            // --set over --epochs
        assertThat(config.nSample()).isEqualTo(512);         // --set with a dashed key
        assertThat(config.batchSize()).isEqualTo(32);        // the file's over the configured 64
    }

    @Test
    void publishingAnyLineButTheDefaultOneSaysHowToServeIt() {
        assertThat(TrainCommand.servingHint("gru4rec")).isEmpty();
        assertThat(TrainCommand.servingHint("caser")).hasValueSatisfying(hint -> assertThat(hint)
                .contains("model line 'caser'").contains("serve --model-name caser").doesNotContain("\n"));
    }

    @Test
    void refusesASettingTheFamilyDoesNotHave() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--set", "hiden_size=64");

        assertThatThrownBy(command::config)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("hiden_size: not a gru4rec setting; did you mean hidden_size?");
        TrainCommand caser = new TrainCommand();
        new CommandLine(caser).parseArgs("--model", "caser", "--set", "dropout=1.5");
        assertThatThrownBy(() -> caser.settings(ModelFamilies.byKind("caser")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("dropout: must be from 0.0 up to, not including, 1.0, got 1.5");
    }

    @Test
    void helpListsTheSettingsOfTheFamilyChosenNotGru4RecsAlways() {
        StringWriter caser = new StringWriter();
        assertThat(new CommandLine(new TrainCommand()).setOut(new PrintWriter(caser))
                .execute("--model", "caser", "--help")).isZero();
        assertThat(caser.toString()).contains("Settings of caser").contains("vertical_filters")
                .containsPattern("horizontal_filters +n_h: .*\\(default 16; a whole number from 0 to 4096\\)")
                .doesNotContain("hidden_size").doesNotContain("--hidden ");
        StringWriter gru = new StringWriter();
        assertThat(new CommandLine(new TrainCommand()).setOut(new PrintWriter(gru)).execute("--help")).isZero();
        assertThat(gru.toString()).contains("Settings of gru4rec").contains("hidden_size")
                .doesNotContain("vertical_filters");
    }

    @Test
    void aReportDirectoryThatCannotBeMadeIsRefusedBeforeAnyTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err))
                .execute("--report", file.resolve("report").toString());

        assertThat(exit).as("a usage error, not a failed write after training (1)").isEqualTo(2);
        assertThat(err.toString()).contains("--report " + file.resolve("report") + ": cannot make that directory");
    }

    @Test
    void refusesAnUnknownModelFamily() {
        int exit = new CommandLine(new TrainCommand()).execute("--model", "lstm", "--items", "50", "--sessions", "50");
        assertThat(exit).isNotZero();
    }

    @Test
    void publishingNeedsASigningKeyOrExplicitlyNoneAndSaysSoBeforeAnyTraining() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainCommand()).setErr(new PrintWriter(err));

        int exit = cli.execute("--publish", "--items", "50", "--sessions", "50", "--bootstrap", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--publish needs --signing-key FILE");
        StringWriter both = new StringWriter();
        assertThat(new CommandLine(new TrainCommand()).setErr(new PrintWriter(both)).execute("--publish",
                "--unsigned", "--signing-key", dir.resolve("k").toString())).isEqualTo(2);
        assertThat(both.toString()).contains("--signing-key and --unsigned are alternatives");
        StringWriter missing = new StringWriter();
        assertThat(new CommandLine(new TrainCommand()).setErr(new PrintWriter(missing)).execute("--publish",
                "--signing-key", dir.resolve("missing.key").toString())).isEqualTo(2);
        assertThat(missing.toString()).contains("invalid --signing-key: cannot read key file");
    }

    @ParameterizedTest
    @CsvSource({"60s, PT60S", "2m, PT2M", "500ms, PT0.5S", "PT1M, PT1M", "0, PT0S"})
    void thePublishWaitTakesTheShortFormsAndZero(String text, Duration wait) {
        assertThat(TrainerSettings.PUBLISH_WAIT.parse(text)).isEqualTo(wait);
    }

    @Test
    void aPublishWaitThatIsNoDurationIsRefused() {
        assertThatThrownBy(() -> TrainerSettings.PUBLISH_WAIT.parse("soon"))
                .isInstanceOf(io.streamrec.schemas.settings.SettingException.class)
                .hasMessageStartingWith("publish_wait: 'soon' is not a duration");
    }
}
