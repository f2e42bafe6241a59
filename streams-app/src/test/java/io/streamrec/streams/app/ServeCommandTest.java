package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    /** The configuration {@code serve ARGS} would start with. */
    private static StreamsAppConfig config(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config();
    }

    @Test
    void withoutOptionsTheCommandStartsTheDeclaredDefaults() {
        assertThat(config()).isEqualTo(StreamsAppConfig.defaults("127.0.0.1:9092").withHttp("127.0.0.1", 8080));
        assertThat(StreamsAppConfig.defaults("k:9092").httpPort()).isZero();
        StreamsAppConfig c = config();
        assertThat(c.topics()).isEqualTo(TopicCatalogue.defaults());
        assertThat(c.sessionGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.scoring().device()).isEqualTo(ExecutionDevice.CPU);
        assertThat(c.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(c.batch()).isEqualTo(ScoringBatch.DEFAULT);
        assertThat(c.events()).isEqualTo(EventLimits.DEFAULT);
    }

    @Test
    void readsTheOptionsItIsGiven() {
        StreamsAppConfig c = config("--bootstrap", "kafka:9092", "--session-gap", "PT10M", "--device", "CUDA",
                "--top-k", "5", "--sequence-length", "8", "--http-port", "-1", "--rocksdb-memory-mb", "16",
                "--processing-guarantee", "at_least_once", "--stream-threads", "2", "--topic-prefix", "t-",
                "-K", "linger.ms=5");
        assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.sessionGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.scoring().device()).isEqualTo(ExecutionDevice.CUDA);
        assertThat(c.topK()).isEqualTo(5);
        assertThat(c.sequenceLength()).isEqualTo(8);
        assertThat(c.httpPort()).isEqualTo(-1);
        assertThat(c.rocksDbMemoryBytes()).isEqualTo(16L << 20);
        assertThat(c.processingGuarantee()).isEqualTo("at_least_once");
        assertThat(c.streamThreads()).isEqualTo(2);
        assertThat(c.topics().events()).isEqualTo("t-events");
        assertThat(c.extraStreams()).containsEntry("linger.ms", "5");
    }

    @Test
    void abAndShadowMakeTheServingPlanAndWithoutThemTheModelNameServesAlone() {
        assertThat(config("--model-name", "narm").serving().lines()).containsExactly("narm");
        assertThat(config("--model-name", "narm").serving().shadowLine()).isEmpty();

        StreamsAppConfig ab = config("--ab", "gru4rec=70,caser=30", "--shadow", "sasrec");
        assertThat(ab.serving().splitSpec()).isEqualTo("gru4rec=70,caser=30");
        assertThat(ab.serving().shadowLine()).contains("sasrec");

        assertThatThrownBy(() -> config("--ab", "gru4rec=70,caser=30", "--shadow", "caser"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("invalid --ab/--shadow");
    }

    @Test
    void aBatchWaitOrSizeOutOfRangeNamesTheOption() {
        assertThat(config("--batch-size", "1", "--batch-wait", "0ms").batch().enabled()).isFalse();
        assertThatThrownBy(() -> config("--batch-wait", "5s")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--batch-wait: must be from 0s to 1s, got 5s");
        assertThatThrownBy(() -> config("--batch-size", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--batch-size: must be from 1 to 65536, got 0");
        assertThatThrownBy(() -> config("--batch-size", "many")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("--batch-size: 'many' is not a whole number");
    }

    @Test
    void eventLimitsHaveSafeDefaultsAndABadCombinationNamesTheOptions() {
        assertThat(config("--max-event-bytes", "8KiB", "--max-id-bytes", "64", "--accept-numeric-ids",
                "--max-record-bytes", "524288").events()).isEqualTo(new EventLimits(8192, 64, true, 524_288));
        assertThatThrownBy(() -> config("--max-event-bytes", "1048576"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("invalid --max-event-bytes/--max-id-bytes/--max-record-bytes")
                .hasMessageContaining("must be at least");
        assertThatThrownBy(() -> config("--max-id-bytes", "100000"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("top-K");
    }

    /** Each text, and the duration it stands for; an empty duration marks a text that is refused. */
    @ParameterizedTest
    @CsvSource({"30m, PT30M", "250ms, PT0.25S", "pt1h, PT1H", "soon, ", "5, "})
    void durationsComeInIsoAndShortForms(String text, Duration expected) {
        ServeCommand.DurationConverter converter = new ServeCommand.DurationConverter();
        if (expected == null) {
            assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(CommandLine.TypeConversionException.class);
        } else {
            assertThat(converter.convert(text)).isEqualTo(expected);
        }
    }

    @Test
    void withoutAKeyOrLeaveForUnsignedBundlesEveryBundleIsRefusedAndTheChecksHaveTheirDefaults() {
        ModelAcceptance acceptance = config().models();
        assertThat(acceptance.trust()).isEqualTo(BundleTrust.nothing());
        assertThat(acceptance.maxVersionJump()).isEqualTo(100_000_000_000L);
        assertThat(acceptance.minCatalogueOverlap()).isEqualTo(0.5);
    }

    @Test
    void aPublicKeyFileMakesSignaturesRequiredAndUnsignedModeMustBeAskedFor(@TempDir Path dir) {
        KeyPair pair = BundleKeys.generate();
        Path key = dir.resolve("model-signing.pub");
        BundleKeys.writePublicKey(key, pair.getPublic());

        assertThat(config("--model-public-key", key.toString(), "--max-version-jump", "1000",
                "--min-catalogue-overlap", "0").models()).isEqualTo(new ModelAcceptance(
                BundleTrust.signedBy(pair.getPublic()), 1000, 0, ModelAcceptance.DEFAULT_MIN_OVERLAP_ITEMS));
        assertThat(config("--model-public-key", key.toString(), "--allow-unsigned-models").models().trust())
                .isEqualTo(BundleTrust.signedByOrUnsigned(pair.getPublic()));
        assertThat(config("--allow-unsigned-models").models().trust()).isEqualTo(BundleTrust.unsigned());
    }

    @Test
    void aMissingOrWrongKeyFileAndImpossibleLimitsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("notes.txt"), "hello");
        for (String[] args : new String[][] {
            {"--model-public-key", dir.resolve("missing.pub").toString()},
            {"--model-public-key", notAKey.toString()},
            {"--allow-unsigned-models", "--max-version-jump", "0"},
            {"--allow-unsigned-models", "--min-catalogue-overlap", "1.5"},
            {"--processing-guarantee", "exactly_once"},
            {"--instance-id", "has space"}}) {
            assertThatThrownBy(() -> config(args)).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageMatching("(invalid )?--[a-z].*").hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));
        }
    }

    @Test
    void theEnvironmentAndConfigFileReachTheGeneratedOptions() {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        Map<String, String> provided = Map.of("--top-k", "7", "--allow-unsigned-models", "true");
        cli.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o
                ? provided.get(o.longestName()) : null);
        cli.parseArgs("--sequence-length", "9");
        StreamsAppConfig c = serve.config();
        assertThat(c.topK()).isEqualTo(7);
        assertThat(c.sequenceLength()).isEqualTo(9);
        assertThat(c.models().trust()).isEqualTo(BundleTrust.unsigned());
    }

    @Test
    void helpListsEveryDeclaredSettingWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setUsageHelpWidth(200);
        cli.execute("--help");
        for (var setting : ServeSettings.GROUP.settings()) {
            assertThat(out.toString()).contains("--" + setting.flag());
        }
        assertThat(out.toString()).contains("(default: 30m;");
    }
}
