package io.streamrec.cli;

import io.streamrec.bench.Ai2vCostBenchCommand;
import io.streamrec.bench.ScoringBenchCommand;
import io.streamrec.bench.StreamBenchCommand;
import io.streamrec.bench.TrainBenchCommand;
import io.streamrec.broker.BrokerCommand;
import io.streamrec.demo.DemoCommand;
import io.streamrec.replay.ReplayCommand;
import io.streamrec.streams.app.ServeCommand;
import io.streamrec.torture.TortureCommand;
import io.streamrec.trainer.BaselinesCommand;
import io.streamrec.trainer.EvaluateCommand;
import io.streamrec.trainer.EvaluateRatingsCommand;
import io.streamrec.trainer.PreprocessCommand;
import io.streamrec.trainer.TrainCommand;
import io.streamrec.trainer.HoldoutEvaluateCommand;
import io.streamrec.trainer.publish.KeygenCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code streamrec} launcher: one entry point for every part, each a subcommand with its own {@code --help}. */
@Command(
        name = StreamrecCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = StreamrecCommand.Version.class,
        description = "Streaming session-based recommendations on Kafka Streams and ONNX Runtime.",
        footer = {
            "",
            "Every option can also be set in the environment (STREAMREC_<COMMAND>_<OPTION> or STREAMREC_<OPTION>,",
            "e.g. STREAMREC_BOOTSTRAP=kafka:9092) or in a properties file given by --config or STREAMREC_CONFIG",
            "(keys <command>.<option> or <option>, e.g. serve.http-port=8080). The command line wins.",
            "",
            "A failure prints one line saying what is wrong and what to do; --verbose",
            "(or STREAMREC_VERBOSE=true) adds the stack trace. Exit code 2: the command line",
            "was wrong; 1: the command failed."
        },
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            ServeCommand.class,
            PreprocessCommand.class,
            TrainCommand.class,
            KeygenCommand.class,
            EvaluateCommand.class,
            BaselinesCommand.class,
            HoldoutEvaluateCommand.class,
            EvaluateRatingsCommand.class,
            ReplayCommand.class,
            ScoringBenchCommand.class,
            StreamBenchCommand.class,
            TrainBenchCommand.class,
            Ai2vCostBenchCommand.class,
            TortureCommand.class,
            CommandLine.HelpCommand.class
        })
public final class StreamrecCommand implements Runnable {
    static final String NAME = "streamrec";

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with option defaults.")
    Path config;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, converter = Flag.class,
            description = "On a failure, print the stack trace after the one-line message (also STREAMREC_VERBOSE).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line; {@code args} are scanned for {@code --config} first so file defaults apply. */
    public static CommandLine commandLine(String[] args) {
        return commandLine(args, System.getenv());
    }

    static CommandLine commandLine(String[] args, Map<String, String> environment) {
        StreamrecCommand launcher = new StreamrecCommand();
        CommandLine cli = new CommandLine(launcher);
        Properties file = new Properties();
        Path config = configPath(args, environment);
        RuntimeException unreadable = null;
        if (config != null) {
            try {
                file = ConfigDefaults.load(config);
                ConfigKeys.check(config, file, cli);
            } catch (RuntimeException e) {
                unreadable = e;
            }
        }
        cli.setDefaultValueProvider(new ConfigDefaults(environment, file));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorReport report = new ErrorReport(cli, () -> launcher.verbose, environment);
        cli.setExecutionExceptionHandler(report);
        cli.setParameterExceptionHandler(report);
        if (unreadable != null) {
            // reported like any failure once the command runs, so that it reaches the same stderr in the same form
            RuntimeException failure = unreadable;
            cli.setExecutionStrategy(parsed -> {
                throw new CommandLine.ExecutionException(cli, failure.getMessage(), failure);
            });
        }
        return cli;
    }

    private static Path configPath(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = environment.get("STREAMREC_CONFIG");
        if (fromEnv != null) {
            return Path.of(fromEnv);
        }
        Path local = Path.of("streamrec.properties");
        return Files.isRegularFile(local) ? local : null;
    }

    /**
     * A flag whose default may come from the environment or the config file, where people write 1, yes or on as
     * often as true.
     */
    static final class Flag implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return ErrorReport.truthy(value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StreamrecCommand.class.getPackage().getImplementationVersion();
            return new String[] {"streamrec " + (version == null ? "(development build)" : version)};
        }
    }
}
