package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

    @Command(name = "serve")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092")
        String bootstrap;

        @Option(names = "--http-port", defaultValue = "8080")
        int httpPort;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static Probe parse(Map<String, String> env, Properties file, String... args) {
        Probe probe = new Probe();
        CommandLine cli = new CommandLine(probe);
        cli.setDefaultValueProvider(new ConfigDefaults(env, file));
        cli.parseArgs(args);
        return probe;
    }

    @Test
    void builtInDefaultsApplyWhenNothingElseIsSet() {
        Probe probe = parse(Map.of(), new Properties());
        assertThat(probe.bootstrap).isEqualTo("127.0.0.1:9092");
        assertThat(probe.httpPort).isEqualTo(8080);
    }

    @Test
    void commandSpecificSettingsBeatGeneralOnesAndTheEnvironmentBeatsTheFile() {
        Properties file = new Properties();
        file.setProperty("bootstrap", "file-general:9092");
        file.setProperty("serve.bootstrap", "file-serve:9092");
        file.setProperty("http-port", "9000");
        assertThat(parse(Map.of(), file).bootstrap).isEqualTo("file-serve:9092");
        assertThat(parse(Map.of(), file).httpPort).isEqualTo(9000);
        assertThat(parse(Map.of("STREAMREC_BOOTSTRAP", "env-general:9092"), file).bootstrap).isEqualTo("env-general:9092");
        assertThat(parse(Map.of("STREAMREC_BOOTSTRAP", "env-general:9092", "STREAMREC_SERVE_BOOTSTRAP", "env-serve:9092"),
                file).bootstrap).isEqualTo("env-serve:9092");
        assertThat(parse(Map.of("STREAMREC_HTTP_PORT", "7070"), file).httpPort).isEqualTo(7070);
    }

    @Test
    void optionsSharedByCommandsTakeEachCommandsSettings() {
        Map<String, String> env = Map.of("STREAMREC_REPLAY_BOOTSTRAP", "replay-only:9092",
                "STREAMREC_TOPIC_PREFIX", "shared-", "STREAMREC_BROKER_TOPIC_PREFIX", "broker-only-");
        String[] replay = {"replay", "--data", "x.tsv"};
        String[] broker = {"broker"};

        CommandLine.ParseResult replayed = StreamrecCommand.commandLine(replay, env).parseArgs(replay);
        CommandLine.ParseResult brokered = StreamrecCommand.commandLine(broker, env).parseArgs(broker);

        assertThat(replayed.subcommand().commandSpec().findOption("--bootstrap").<String>getValue())
                .isEqualTo("replay-only:9092");
        assertThat(replayed.subcommand().commandSpec().findOption("--topic-prefix").<String>getValue())
                .isEqualTo("shared-");
        assertThat(brokered.subcommand().commandSpec().findOption("--topic-prefix").<String>getValue())
                .isEqualTo("broker-only-");
    }

    @Test
    void theCommandLineBeatsEverything() {
        Probe probe = parse(Map.of("STREAMREC_BOOTSTRAP", "env:9092"), new Properties(), "--bootstrap", "cli:9092");
        assertThat(probe.bootstrap).isEqualTo("cli:9092");
    }
}
