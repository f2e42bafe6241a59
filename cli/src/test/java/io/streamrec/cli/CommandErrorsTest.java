package io.streamrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.trainer.ModelFamilies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a person commonly gets a command wrong, through the launcher as {@code main} runs it: one line on stderr
 * naming the command, what is wrong and what to do, no stack trace unless asked for, and exit code 2 for a wrong
 * command line, 1 for a run that failed.
 */
class CommandErrorsTest {
    private static final int USAGE = 2;
    private static final int FAILED = 1;

    @TempDir
    Path dir;

    /** What one run of the launcher left: its exit code and what it wrote to stderr. */
    record Run(int exit, String err, Duration took) {
        /** The single line on stderr; fails the test when there is none, or more. */
        String line() {
            List<String> lines = err.lines().toList();
            assertThat(lines).as("stderr of a failed command: one line, no stack trace").hasSize(1);
            return lines.get(0);
        }
    }

    private static Run run(Map<String, String> environment, String... args) {
        var cli = StreamrecCommand.commandLine(args, environment);
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        long started = System.nanoTime();
        int exit = cli.execute(args);
        return new Run(exit, err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static Run run(String... args) {
        // no STREAMREC_* variables of whoever runs the tests
        return run(Map.of(), args);
    }

    @Test
    void anUnknownCommandIsNamedWithTheNearestOne() {
        Run run = run("trian", "--data", "x.tsv");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).isEqualTo("streamrec: unknown command 'trian' (did you mean train? see "
                + "`streamrec --help`)");
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestOne() {
        Run run = run("train", "--dat", "x.tsv");
        Run farOff = run("train", "--qqq");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).isEqualTo("streamrec train: unknown option '--dat' (did you mean --data? see "
                + "`streamrec train --help`)");
        assertThat(farOff.exit()).isEqualTo(USAGE);
        assertThat(farOff.line()).isEqualTo("streamrec train: unknown option '--qqq' (see `streamrec train --help`)");
    }

    @Test
    void aValueThatDoesNotConvertNamesItsOption() {
        Run run = run("replay", "--data", "x.tsv", "--rate", "fast");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).isEqualTo("streamrec replay: --rate: 'fast' is not a number from 0 to 10000000 (see "
                + "`streamrec replay --help`)");
    }

    @Test
    void aMissingDataFileNamesTheFileAndTheOptionThatGaveIt() {
        Path missing = dir.resolve("data").resolve("x.tsv");

        Run run = run("train", "--data", missing.toString());

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).isEqualTo("streamrec train: no such file or directory: " + missing
                + " (give --data an existing file or directory)");
    }

    @Test
    void aMissingReplayFileIsOneLineToo() {
        Run run = run("replay", "--data", dir.resolve("none.tsv").toString(), "--bootstrap", closedPort());

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).startsWith("streamrec replay: no such file or directory: ")
                .endsWith("(give --data an existing file or directory)");
    }

    @Test
    void theDemoChecksItsDataBeforeStartingABroker() {
        Run run = run("demo", "--data", dir.resolve("sessions.tsv").toString(), "--work-dir", dir.toString());

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).startsWith("streamrec demo: no such file or directory: ")
                .endsWith("(give --data an existing file or directory)");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void benchAndTortureNameWhatTheyDoNotKnow() {
        Run row = run("bench-stream", "--rows", "ceiling,gru5rec-1k", "--json", dir.resolve("b.json").toString());
        Run scenario = run("torture", "--scenarios", "fuzz,melt", "--work-dir", dir.toString());

        assertThat(row.exit()).isEqualTo(USAGE);
        assertThat(row.line()).startsWith("streamrec bench-stream: unknown row 'gru5rec-1k'")
                .endsWith("(see `streamrec bench-stream --help`)");
        assertThat(scenario.exit()).isEqualTo(USAGE);
        assertThat(scenario.line()).isEqualTo("streamrec torture: --scenarios: must be one of fuzz, kill, "
                + "broker-restart, bundles, soak, got melt (see `streamrec torture --help`)");
    }

    @Test
    void aValueOutOfItsRangeNamesTheFlagBeforeAnyWork() {
        Map<String, List<String>> refusals = Map.of(
                "torture: --mutated-fraction: must be from 0 to 1, got 1.5",
                List.of("torture", "--mutated-fraction", "1.5", "--work-dir", dir.toString()),
                "bench-stream: --partitions: must be from 1 to 10000, got 0",
                List.of("bench-stream", "--partitions", "0", "--json", dir.resolve("b.json").toString()),
                "demo: --epochs: must be from 1 to 10000, got 0",
                List.of("demo", "--epochs", "0", "--work-dir", dir.toString()),
                "replay: --limit: must be at least 0, got -5", List.of("replay", "--data", "x.tsv", "--limit", "-5"));
        refusals.forEach((message, args) -> {
            Run run = run(args.toArray(String[]::new));
            String command = args.get(0);
            assertThat(run.exit()).as(command).isEqualTo(USAGE);
            assertThat(run.line()).isEqualTo("streamrec " + message + " (see `streamrec " + command + " --help`)");
        });
    }

    @Test
    void anUnknownDatasetFormatListsTheFormats() throws IOException {
        Path mystery = Files.writeString(dir.resolve("mystery.csv"), "a,b,c\n1,2,3\n");

        Run named = run("train", "--data", mystery.toString(), "--format", "parquet");
        Run undetectable = run("train", "--data", mystery.toString());

        assertThat(named.exit()).isEqualTo(USAGE);
        assertThat(named.line()).startsWith("streamrec train: --format: 'parquet' is not one of auto, gru-tsv,").endsWith("(see `streamrec train --help`)");
        assertThat(undetectable.exit()).isEqualTo(FAILED);
        assertThat(undetectable.line()).isEqualTo("streamrec train: cannot tell the format of " + mystery
                + " from its name or header (give --format: one of gru-tsv, yoochoose, diginetica, retailrocket,"
                + " sequences, movielens-csv, movielens-dat, movielens-udata, recbole-inter)");
    }

    @Test
    void anUnknownModelFamilyListsTheFamilies() {
        Run run = run("train", "--model", "lstm", "--items", "30", "--sessions", "30");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).startsWith("streamrec train: unknown model 'lstm'; one of [gru4rec")
                .endsWith("(see `streamrec train --help`)");
    }

    @Test
    void evaluateRatingsNamesAnUnknownModelAndAMissingFileInOneLine() {
        Path missing = dir.resolve("ratings.inter");

        Run unknown = run("evaluate-ratings", "--data", missing.toString(), "--model", "mf,svd");
        Run absent = run("evaluate-ratings", "--data", missing.toString(), "--model", "mf");
        Run noData = run("evaluate-ratings", "--model", "mf");

        assertThat(unknown.exit()).isEqualTo(USAGE);
        assertThat(unknown.line()).startsWith("streamrec evaluate-ratings: unknown rating model 'svd'; one of [mf,"
                + " svdpp").endsWith("(see `streamrec evaluate-ratings --help`)");
        assertThat(absent.exit()).isEqualTo(FAILED);
        assertThat(absent.line()).isEqualTo("streamrec evaluate-ratings: no such file or directory: " + missing
                + " (give --data an existing file or directory)");
        assertThat(noData.exit()).isEqualTo(USAGE);
        assertThat(noData.line()).startsWith("streamrec evaluate-ratings: Missing required option: '--data=");
    }

    @Test
    void anUnknownSettingIsNamed() {
        Run run = run("train", "--set", "hiden_size=64", "--items", "30", "--sessions", "30");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).startsWith("streamrec train: hiden_size: not a gru4rec setting; did you mean"
                + " hidden_size?")
                .endsWith("(see `streamrec train --help`)");
    }

    @Test
    void aSettingOutOfItsRangeIsRefusedBeforeTraining() {
        Run run = run("train", "--set", "dropout_hidden=1.5", "--items", "30", "--sessions", "30");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).startsWith("streamrec train: dropout_hidden: must be ").contains("got 1.5")
                .endsWith("(see `streamrec train --help`)");
    }

    @Test
    void aMissingParameterFileIsNamed() {
        Run run = run("train", "--params", "no-such-set", "--items", "30", "--sessions", "30");

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).isEqualTo("streamrec train: no parameter file no-such-set: neither a file nor a"
                + " built-in gru4rec parameter set (give --params a properties file or a built-in set's name)");
    }

    @Test
    void serveWithoutABrokerSaysSoWithinFifteenSeconds() {
        String bootstrap = closedPort();

        Run run = run("serve", "--bootstrap", bootstrap, "--http-port", "-1",
                "--state-dir", dir.resolve("state").toString(), "--allow-unsigned-models");

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).isEqualTo("streamrec serve: cannot reach Kafka at " + bootstrap
                + " within 10 s: is the broker running? (set --bootstrap)");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void publishingWithoutABrokerSaysSoBeforeTraining() {
        String bootstrap = closedPort();

        Run run = run("train", "--publish", "--unsigned", "--bootstrap", bootstrap, "--items", "30",
                "--sessions", "30");

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).isEqualTo("streamrec train: cannot reach Kafka at " + bootstrap
                + " within 10 s: is the broker running? (set --bootstrap)");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedAtOnce() {
        Run run = run("serve", "--bootstrap", "localhost", "--http-port", "-1",
                "--state-dir", dir.resolve("state").toString(), "--allow-unsigned-models");

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).startsWith("streamrec serve: cannot use Kafka address 'localhost': ")
                .endsWith("(set --bootstrap to HOST:PORT[,HOST:PORT...])");
    }

    @Test
    void aFileThatIsNoBundleIsCalledSo() throws IOException {
        Path notes = Files.writeString(dir.resolve("model.zip"), "these are notes, not a model");
        Path test = Files.writeString(dir.resolve("test.tsv"), "SessionId\tItemId\tTime\n1\ta\t1\n1\tb\t2\n");

        Run run = run("evaluate", "--bundle", notes.toString(), "--test-data", test.toString());

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).startsWith("streamrec evaluate: not a usable model bundle: ")
                .endsWith("(give a bundle file written by `streamrec train --output`)");
    }

    @Test
    void anHttpPortInUseIsNamedAndServeStops() throws IOException {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("serve", "--bootstrap", broker.bootstrapServers(), "--http-port",
                    Integer.toString(taken.getLocalPort()), "--state-dir", dir.resolve("state").toString(),
                    "--allow-unsigned-models");

            assertThat(run.exit()).isEqualTo(FAILED);
            assertThat(run.line()).startsWith("streamrec serve: cannot bind HTTP on 127.0.0.1:" + taken.getLocalPort()
                    + ": ").endsWith("(another process holds that port: stop it or choose another port)");
        }
    }

    @Test
    void aBrokerPortInUseIsNamedBeforeKafkaStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("broker", "--port", Integer.toString(taken.getLocalPort()),
                    "--log-dir", dir.resolve("kafka").toString());

            assertThat(run.exit()).isEqualTo(FAILED);
            assertThat(run.line()).startsWith("streamrec broker: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": ").endsWith("(another process holds that port, perhaps a broker already running: stop it or "
                    + "give --port another)");
            assertThat(run.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("streamrec.properties");

        Run run = run("--config", missing.toString(), "train");

        assertThat(run.exit()).isEqualTo(FAILED);
        assertThat(run.line()).isEqualTo("streamrec: cannot read config file " + missing
                + ": no such file or directory (give --config an existing file or directory)");
    }

    @Test
    void generatedSessionsAndADataFileAreNotAskedForTogether() {
        Run run = run("train", "--generate", "--data", dir.resolve("x.tsv").toString());

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.line()).isEqualTo("streamrec train: --generate trains on generated sessions: give it without"
                + " --data and --from-events (see `streamrec train --help`)");
    }

    @Test
    void aConfigKeyThatNamesNothingIsRefusedNamingTheKey() throws IOException {
        Path config = Files.writeString(dir.resolve("streamrec.properties"),
                "bootstrap=kafka:9092\nserve.top-k=10\ncaser.epochs=3\ncaser.epchs=3\n");
        Path typoInOption = Files.writeString(dir.resolve("other.properties"), "serve.top-kk=10\n");

        Run family = run("--config", config.toString(), "train");
        Run option = run("--config", typoInOption.toString(), "train");

        assertThat(family.exit()).isEqualTo(FAILED);
        assertThat(family.line()).isEqualTo("streamrec: config file " + config + ": key 'caser.epchs' names no"
                + " setting: epchs: not a caser setting; did you mean epochs? known: "
                + ModelFamilies.byKind("caser").settings().settings().stream().map(s -> s.key()).toList()
                + " (fix or remove that line)");
        assertThat(option.line()).isEqualTo("streamrec: config file " + typoInOption + ": key 'serve.top-kk' is no"
                + " option of serve (fix or remove that line)");
    }

    @Test
    void verboseAddsTheStackTraceWhereverItIsAskedFor() {
        String missing = dir.resolve("x.tsv").toString();

        for (Run run : List.of(run("--verbose", "train", "--data", missing),
                run("train", "--data", missing, "--verbose"),
                run(Map.of("STREAMREC_VERBOSE", "1"), "train", "--data", missing))) {
            assertThat(run.exit()).isEqualTo(FAILED);
            List<String> lines = run.err().lines().toList();
            assertThat(lines.get(0)).startsWith("streamrec train: no such file or directory: ");
            assertThat(lines).as("the trace follows the line").hasSizeGreaterThan(3)
                    .anyMatch(l -> l.contains("NoSuchFileException")).anyMatch(l -> l.startsWith("\tat "));
        }
        Run quiet = run(Map.of("STREAMREC_VERBOSE", "false"), "train", "--data", missing);
        assertThat(quiet.line()).startsWith("streamrec train: no such file or directory: ");
    }

    @Test
    void verboseShowsTheTraceOfAWrongCommandLineToo() {
        Run run = run("train", "--verbose", "--dtaa", "x");

        assertThat(run.exit()).isEqualTo(USAGE);
        assertThat(run.err().lines().toList()).hasSizeGreaterThan(1).anyMatch(l -> l.startsWith("\tat "));
    }

    /** A port on this machine nothing listens on. */
    private static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
