package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands whose options are generated from their settings offer the flags they offered when each was a
 * hand-written picocli field, with the same defaults: scripts, the compose file, the docs and the environment
 * variables named after them keep working.
 */
class SettingsCommandsTest {
    /** Each command's flags as they were, with the default each had (null: none, or one computed at run time). */
    private static final Map<String, Map<String, String>> OLD_FLAGS = oldFlags();
    /** Options that take a map or repeat, or must be given: hand-written still. */
    private static final Map<String, List<String>> HAND_WRITTEN = Map.of(
            "torture", List.of("--app-property", "--serve-arg"),
            "bench-stream", List.of("--kafka-property"),
            "bench-ai2v", List.of("--set"),
            "replay", List.of("--data"));
    private static final Set<String> STANDARD = Set.of("--help", "--version", "--verbose");
    /** Where the next option's entry begins in help output. */
    private static final Pattern NEXT_OPTION = Pattern.compile("\n\\s+--?[A-Za-z]");

    private static Map<String, Map<String, String>> oldFlags() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("torture", flags("--scenarios", "fuzz,kill,broker-restart,bundles,soak", "--quick", "false",
                "--fuzz-events", "1000000", "--mutated-fraction", "0.25", "--huge-ids", "8", "--huge-id-max-kb",
                "1024", "--kills", "20", "--sessions", "100000", "--load-rate", "500", "--restart-bar", "10s",
                "--answer-wait", "120s", "--broker-down", "3s", "--flip-variants", "8", "--zip-bomb-mb", "2200",
                "--verdict-wait", "60s", "--answer-gap-bar", "2s", "--soak", "2m", "--soak-rate", null,
                "--soak-warmup", null, "--rss-every", "10s", "--burst-events", "100000", "--items", "1000",
                "--partitions", "4", "--top-k", "5", "--app-heap", "1g", "--broker-heap", "1g",
                "--max-app-restarts", "3", "--outcome-wait", null, "--broker-port", "0", "--work-dir", null,
                "--seed", "20240601", "--json", null));
        all.put("bench-stream", flags("--rows", "ceiling,popularity,gru4rec-1k,gru4rec-60k,gru4rec-300k,caser-60k,"
                + "ai2v-60k", "--quick", "false", "--events", "100000", "--large-catalogue-events", "20000",
                "--warm-up-events", "5000", "--batch-size", "256", "--batch-wait", "1", "--concurrent-sessions",
                "2000", "--partitions", "2", "--stream-threads", Integer.toString(Runtime.getRuntime()
                        .availableProcessors()), "--processing-guarantee", "exactly_once_v2", "--commit-interval",
                "100", "--limit-batch-sizes", "1,2,4,8,16,32,64,128,256", "--limit-seconds", "0.5",
                "--row-timeout", "180", "--ceiling-state-bytes", null, "--json", "target/bench-stream.json",
                "--latency", "false", "--latency-row", "gru4rec-1k", "--rate", "0", "--commit-intervals",
                "20,100,1000", "--repeat", "1"));
        all.put("demo", flags("--data", null, "--items", "1000", "--sessions", "20000", "--seed", "42",
                "--test-fraction", "0.1", "--max-live-events", "8000", "--rate", "200", "--epochs", "2",
                "--second-model-at", "0.25", "--malformed-every", "500", "--live-sessions", "4", "--live-every", "5",
                "--partitions", "4", "--processing-guarantee", "exactly_once_v2", "--summary-json", null,
                "--work-dir", "streamrec-demo"));
        all.put("bench-ai2v", flags("--items", "2933,60417", "--candidates", "200", "--sequence-length", "10",
                "--events", "300", "--intra-op-threads", "1"));
        all.put("bench-scoring", flags("--items", "1000,60000", "--hidden", "100", "--sequence-length", "20",
                "--events", "3000", "--intra-op-threads", "1"));
        all.put("broker", flags("--port", "9092", "--log-dir", Path.of(System.getProperty("java.io.tmpdir"),
                "streamrec-broker").toString(), "--partitions", "4", "--topic-prefix", "streamrec-"));
        all.put("replay", flags("--rate", "200", "--limit", "0", "--bootstrap", "127.0.0.1:9092",
                "--topic-prefix", "streamrec-"));
        return all;
    }

    private static Map<String, String> flags(String... pairs) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            flags.put(pairs[i], pairs[i + 1]);
        }
        return flags;
    }

    /** The command line {@code streamrec COMMAND args} parsed as the launcher parses it, without the environment. */
    private static CommandSpec parsed(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        if (command.equals("replay")) {
            all.addAll(List.of("--data", "sessions.tsv"));
        }
        all.addAll(args);
        String[] argv = all.toArray(String[]::new);
        return StreamrecCommand.commandLine(argv, Map.of()).parseArgs(argv).subcommand().commandSpec();
    }

    private static Settings settings(String command, List<String> args) {
        return ((SettingsCommand) parsed(command, args).userObject()).settings();
    }

    @Test
    void everyCommandOffersItsOldFlagsAndNoOthers() {
        OLD_FLAGS.forEach((command, flags) -> {
            Set<String> offered = parsed(command, List.of()).options().stream().map(OptionSpec::longestName)
                    .filter(name -> !STANDARD.contains(name)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(flags.keySet());
            expected.addAll(HAND_WRITTEN.getOrDefault(command, List.of()));
            assertThat(offered).as(command).isEqualTo(expected);
        });
    }

    @Test
    void everyOldDefaultGivenAsTheOldTextIsTheDefaultStill() {
        OLD_FLAGS.forEach((command, flags) -> {
            List<String> oldDefaults = new ArrayList<>();
            flags.forEach((flag, text) -> {
                if (text != null) {
                    oldDefaults.add(flag + "=" + text);
                }
            });
            assertThat(settings(command, oldDefaults)).as(command).isEqualTo(settings(command, List.of()));
        });
    }

    @Test
    void helpListsEveryFlagWithItsDefaultInDeclarationOrder() {
        OLD_FLAGS.forEach((command, flags) -> {
            StringWriter out = new StringWriter();
            CommandLine cli = StreamrecCommand.commandLine(new String[] {command}, Map.of());
            cli.setOut(new PrintWriter(out));
            cli.setUsageHelpWidth(200);
            cli.execute(command, "--help");
            String help = out.toString();
            int previous = -1;
            for (String flag : flags.keySet()) {
                int at = help.indexOf("  " + flag + "=");
                if (at < 0) {
                    at = help.indexOf("  " + flag + "[=");
                }
                assertThat(at).as(command + " " + flag + " in help").isGreaterThan(previous);
                Matcher next = NEXT_OPTION.matcher(help);
                String entry = help.substring(at, next.find(at + 1) ? next.start() : help.length());
                assertThat(entry).as(command + " " + flag).contains("(default: ");
                previous = at;
            }
        });
    }

    @Test
    void aValueOutOfRangeIsAUsageErrorNamingTheFlag() {
        Map<List<String>, String> refused = Map.of(
                List.of("torture", "--kills", "-1"), "--kills: must be at least 0, got -1",
                List.of("bench-stream", "--limit-batch-sizes", "1,0,4"),
                "--limit-batch-sizes: must be from 1 to 65536, got 0",
                List.of("demo", "--test-fraction", "1.5"), "--test-fraction: must be from 0 to 1, got 1.5",
                List.of("broker", "--port", "70000"), "--port: must be from 0 to 65535, got 70000");
        refused.forEach((args, message) -> assertThatThrownBy(() -> settings(args.get(0), args.subList(1,
                args.size()))).isInstanceOf(CommandLine.ParameterException.class).hasMessage(message));
    }

    @Test
    void sharedSettingsReadTheEnvironmentOfEachCommand() {
        Map<String, String> env = Map.of("STREAMREC_BENCH_SCORING_INTRA_OP_THREADS", "3",
                "STREAMREC_INTRA_OP_THREADS", "2");
        String[] scoring = {"bench-scoring"};
        String[] ai2v = {"bench-ai2v"};

        CommandSpec scored = StreamrecCommand.commandLine(scoring, env).parseArgs(scoring).subcommand().commandSpec();
        CommandSpec ai2ved = StreamrecCommand.commandLine(ai2v, env).parseArgs(ai2v).subcommand().commandSpec();

        assertThat(((SettingsCommand) scored.userObject()).settings().asStrings()).containsEntry("intra_op_threads",
                "3");
        assertThat(((SettingsCommand) ai2ved.userObject()).settings().asStrings()).containsEntry("intra_op_threads",
                "2");
    }
}
