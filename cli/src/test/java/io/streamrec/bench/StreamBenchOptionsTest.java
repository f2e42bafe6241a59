package io.streamrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.cli.options.Quick;
import io.streamrec.schemas.settings.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamBenchOptionsTest {
    /** The command after parsing {@code args}; read its sized settings with {@link #sized}. */
    private static StreamBenchCommand parsed(String... args) {
        StreamBenchCommand command = new StreamBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static <T> T sized(StreamBenchCommand command, Quick.Sized<T> setting) {
        Settings settings = command.settings();
        return command.sized(settings, setting);
    }

    @Test
    void aFullRunTakesTheFullSizesAndQuickTheSmallOnes() {
        StreamBenchCommand full = parsed();
        StreamBenchCommand quick = parsed("--quick");

        assertThat(sized(full, StreamBenchOptions.ROWS)).isEqualTo(StreamBenchOptions.DEFAULT_ROWS);
        assertThat(sized(full, StreamBenchOptions.EVENTS)).isEqualTo(100_000);
        assertThat(sized(full, StreamBenchOptions.WARM_UP_EVENTS)).isEqualTo(5_000);
        assertThat(sized(full, StreamBenchOptions.LIMIT_SECONDS)).isEqualTo(0.5);
        assertThat(sized(quick, StreamBenchOptions.ROWS)).isEqualTo(List.of("ceiling", "popularity", "gru4rec-1k"));
        assertThat(sized(quick, StreamBenchOptions.EVENTS)).isEqualTo(10_000);
        assertThat(sized(quick, StreamBenchOptions.WARM_UP_EVENTS)).isEqualTo(1_000);
        assertThat(sized(quick, StreamBenchOptions.LIMIT_SECONDS)).isEqualTo(0.2);
    }

    @Test
    void anOptionGivenWinsOverQuick() {
        StreamBenchCommand given = parsed("--quick", "--rows", "popularity", "--events", "100000",
                "--warm-up-events", "0");

        assertThat(sized(given, StreamBenchOptions.ROWS)).containsExactly("popularity");
        assertThat(sized(given, StreamBenchOptions.EVENTS)).isEqualTo(100_000);
        assertThat(sized(given, StreamBenchOptions.WARM_UP_EVENTS)).isZero();
        assertThat(sized(given, StreamBenchOptions.LIMIT_SECONDS)).isEqualTo(0.2);
    }
}
