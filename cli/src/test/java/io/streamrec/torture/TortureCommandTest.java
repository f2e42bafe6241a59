package io.streamrec.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.cli.ConfigDefaults;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TortureCommandTest {

    private static TortureSettings settings(String... args) {
        return settings(Map.of(), args);
    }

    /** The run's settings from {@code args}, with the launcher's environment {@code env}. */
    private static TortureSettings settings(Map<String, String> env, String... args) {
        TortureCommand command = new TortureCommand();
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(new ConfigDefaults(env, new Properties()));
        cli.parseArgs(args);
        return command.resolved(command.settings());
    }

    @Test
    void aFullRunTakesTheFullSizes() {
        TortureSettings full = settings();

        assertThat(full.scenarios()).containsExactly("fuzz", "kill", "broker-restart", "bundles", "soak");
        assertThat(full.fuzzEvents()).isEqualTo(1_000_000);
        assertThat(full.hugeIds()).isEqualTo(8);
        assertThat(full.hugeIdMaxKb()).isEqualTo(1024);
        assertThat(full.kills()).isEqualTo(20);
        assertThat(full.sessions()).isEqualTo(100_000);
        assertThat(full.verdictWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(full.soak()).isEqualTo(Duration.ofMinutes(2));
        assertThat(full.soakWarmUp()).isNull();
        assertThat(full.rssEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(full.burstEvents()).isEqualTo(100_000);
        assertThat(full.appProperties()).isEmpty();
        assertThat(full.partitions()).isEqualTo(4);
    }

    @Test
    void quickTakesTheSmallSizesAndTheQuickAppPropertiesUnlessGivenOthers() {
        TortureSettings quick = settings("--quick");

        assertThat(quick.fuzzEvents()).isEqualTo(5_000);
        assertThat(quick.hugeIds()).isEqualTo(2);
        assertThat(quick.hugeIdMaxKb()).isEqualTo(100);
        assertThat(quick.kills()).isEqualTo(2);
        assertThat(quick.sessions()).isEqualTo(2_000);
        assertThat(quick.verdictWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(quick.soak()).isEqualTo(Duration.ofSeconds(30));
        assertThat(quick.soakWarmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(quick.rssEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.burstEvents()).isEqualTo(5_000);
        assertThat(quick.appProperties()).isEqualTo(TortureCommand.QUICK_PROPERTIES);

        TortureSettings given = settings("--quick", "--kills", "5", "--soak", "1m", "--app-property", "a=b");
        assertThat(given.kills()).isEqualTo(5);
        assertThat(given.soak()).isEqualTo(Duration.ofMinutes(1));
        assertThat(given.appProperties()).isEqualTo(Map.of("a", "b"));
        assertThat(given.fuzzEvents()).isEqualTo(5_000);
    }

    @Test
    void aValueGivenInTheEnvironmentWinsOverQuickLikeOneOnTheCommandLine() {
        TortureSettings quick = settings(Map.of("STREAMREC_TORTURE_KILLS", "7", "STREAMREC_SOAK", "45s"), "--quick");

        assertThat(quick.kills()).isEqualTo(7);
        assertThat(quick.soak()).isEqualTo(Duration.ofSeconds(45));
        assertThat(quick.sessions()).isEqualTo(2_000);
        assertThat(settings(Map.of("STREAMREC_TORTURE_QUICK", "true")).kills()).isEqualTo(2);
    }

    @Test
    void aFullDefaultGivenExplicitlyStillWinsOverQuick() {
        assertThat(settings("--quick", "--kills", "20").kills()).isEqualTo(20);
    }

    @Test
    void anUnknownScenarioOrFractionIsAUsageError() {
        assertThatThrownBy(() -> settings("--scenarios", "fuzz,melt")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--scenarios: must be one of fuzz, kill, broker-restart, bundles, soak, got melt");
        assertThatThrownBy(() -> settings("--mutated-fraction", "1.5"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--mutated-fraction");
    }
}
