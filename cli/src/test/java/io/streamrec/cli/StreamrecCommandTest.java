package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamrecCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "serve", "train", "evaluate", "replay", "bench-scoring", "bench-stream", "torture"})
    void everySubcommandExplainsItselfWithHelp(String subcommand) {
        StringWriter out = new StringWriter();
        var cli = StreamrecCommand.commandLine(new String[0]);
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(subcommand, "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Usage: streamrec " + subcommand).contains("--help");
    }
}
