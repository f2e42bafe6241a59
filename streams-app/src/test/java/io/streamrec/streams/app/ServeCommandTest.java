package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.bundle.BundleKeys;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void everyDefaultParsesWithoutTheLaunchersCaseInsensitiveEnums() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.bootstrap).isEqualTo("127.0.0.1:9092");
        assertThat(serve.topicPrefix).isEqualTo("streamrec-");
        assertThat(serve.sessionGap).isEqualTo(Duration.ofMinutes(30));
        assertThat(serve.device).isEqualTo(ExecutionDevice.CPU);
        assertThat(serve.httpPort).isEqualTo(8080);
        assertThat(serve.processingGuarantee).isEqualTo("exactly_once_v2");
    }

    @Test
    void readsTheOptionsItIsGiven() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap", "kafka:9092", "--session-gap", "PT10M", "--device", "CUDA",
                "--top-k", "5", "--sequence-length", "8", "--http-port", "-1", "--rocksdb-memory-mb", "16",
                "--processing-guarantee", "at_least_once", "--stream-threads", "2");
        assertThat(serve.bootstrap).isEqualTo("kafka:9092");
        assertThat(serve.sessionGap).isEqualTo(Duration.ofMinutes(10));
        assertThat(serve.device).isEqualTo(ExecutionDevice.CUDA);
        assertThat(serve.topK).isEqualTo(5);
        assertThat(serve.sequenceLength).isEqualTo(8);
        assertThat(serve.httpPort).isEqualTo(-1);
        assertThat(serve.rocksDbMemoryMb).isEqualTo(16);
        assertThat(serve.streamThreads).isEqualTo(2);
    }

    @Test
    void abAndShadowMakeTheServingPlanAndWithoutThemTheModelNameServesAlone() {
        ServeCommand plain = new ServeCommand();
        new CommandLine(plain).parseArgs("--model-name", "narm");
        assertThat(plain.servingPlan().lines()).containsExactly("narm");
        assertThat(plain.servingPlan().shadowLine()).isEmpty();

        ServeCommand ab = new ServeCommand();
        new CommandLine(ab).parseArgs("--ab", "gru4rec=70,caser=30", "--shadow", "sasrec");
        assertThat(ab.servingPlan().splitSpec()).isEqualTo("gru4rec=70,caser=30");
        assertThat(ab.servingPlan().shadowLine()).contains("sasrec");

        ServeCommand wrong = new ServeCommand();
        new CommandLine(wrong).parseArgs("--ab", "gru4rec=70,caser=30", "--shadow", "caser");
        assertThatThrownBy(wrong::servingPlan).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("invalid --ab/--shadow");
    }

    @Test
    void batchingIsOnByDefaultAndABadSizeOrWaitNamesTheOptions() {
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.scoringBatch()).isEqualTo(ScoringBatch.DEFAULT);

        ServeCommand alone = new ServeCommand();
        new CommandLine(alone).parseArgs("--batch-size", "1", "--batch-wait", "0ms");
        assertThat(alone.scoringBatch().enabled()).isFalse();

        ServeCommand tooLong = new ServeCommand();
        new CommandLine(tooLong).parseArgs("--batch-wait", "5s");
        assertThatThrownBy(tooLong::scoringBatch).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("invalid --batch-size/--batch-wait").hasMessageContaining("1 s");
        ServeCommand zero = new ServeCommand();
        new CommandLine(zero).parseArgs("--batch-size", "0");
        assertThatThrownBy(zero::scoringBatch).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void eventLimitsHaveSafeDefaultsAndABadCombinationNamesTheOptions() {
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.eventLimits()).isEqualTo(EventLimits.DEFAULT);

        ServeCommand given = new ServeCommand();
        new CommandLine(given).parseArgs("--max-event-bytes", "8192", "--max-id-bytes", "64", "--accept-numeric-ids",
                "--max-record-bytes", "524288");
        assertThat(given.eventLimits()).isEqualTo(new EventLimits(8192, 64, true, 524_288));

        ServeCommand noRoom = new ServeCommand();
        new CommandLine(noRoom).parseArgs("--max-event-bytes", "1048576");
        assertThatThrownBy(noRoom::eventLimits).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("invalid --max-event-bytes/--max-id-bytes/--max-record-bytes")
                .hasMessageContaining("must be at least");
        ServeCommand longIds = new ServeCommand();
        new CommandLine(longIds).parseArgs("--max-id-bytes", "100000");
        assertThatThrownBy(longIds::eventLimits).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("top-K");
    }

    @Test
    void durationsComeInIsoAndShortForms() {
        ServeCommand.DurationConverter converter = new ServeCommand.DurationConverter();
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("pt1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("5")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void withoutAKeyOrLeaveForUnsignedBundlesEveryBundleIsRefusedAndTheChecksHaveTheirDefaults() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();

        ModelAcceptance acceptance = serve.modelAcceptance();

        assertThat(acceptance.trust()).isEqualTo(BundleTrust.nothing());
        assertThat(acceptance.maxVersionJump()).isEqualTo(100_000_000_000L);
        assertThat(acceptance.minCatalogueOverlap()).isEqualTo(0.5);
    }

    @Test
    void aPublicKeyFileMakesSignaturesRequiredAndUnsignedModeMustBeAskedFor(@TempDir Path dir) {
        KeyPair pair = BundleKeys.generate();
        Path key = dir.resolve("model-signing.pub");
        BundleKeys.writePublicKey(key, pair.getPublic());

        ServeCommand signed = new ServeCommand();
        new CommandLine(signed).parseArgs("--model-public-key", key.toString(), "--max-version-jump", "1000",
                "--min-catalogue-overlap", "0");
        assertThat(signed.modelAcceptance()).isEqualTo(new ModelAcceptance(BundleTrust.signedBy(pair.getPublic()),
                1000, 0, ModelAcceptance.DEFAULT_MIN_OVERLAP_ITEMS));

        ServeCommand migrating = new ServeCommand();
        new CommandLine(migrating).parseArgs("--model-public-key", key.toString(), "--allow-unsigned-models");
        assertThat(migrating.modelAcceptance().trust()).isEqualTo(BundleTrust.signedByOrUnsigned(pair.getPublic()));

        ServeCommand unsigned = new ServeCommand();
        new CommandLine(unsigned).parseArgs("--allow-unsigned-models");
        assertThat(unsigned.modelAcceptance().trust()).isEqualTo(BundleTrust.unsigned());
    }

    @Test
    void aMissingOrWrongKeyFileAndImpossibleLimitsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("notes.txt"), "hello");
        for (String[] args : new String[][] {
            {"--model-public-key", dir.resolve("missing.pub").toString()},
            {"--model-public-key", notAKey.toString()},
            {"--allow-unsigned-models", "--max-version-jump", "0"},
            {"--allow-unsigned-models", "--min-catalogue-overlap", "1.5"}}) {
            ServeCommand serve = new ServeCommand();
            new CommandLine(serve).parseArgs(args);
            assertThatThrownBy(serve::modelAcceptance).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageStartingWith("invalid --");
        }
    }
}
