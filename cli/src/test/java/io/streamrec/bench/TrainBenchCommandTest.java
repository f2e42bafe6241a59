package io.streamrec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamrec.cli.StreamrecCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-train} through the launcher: streamrec's side trains for real on a tiny shape in a child JVM; the
 * reference's side runs a stand-in {@code run.py} that prints the reference's epoch lines, so that what is parsed
 * from them and the ratios drawn can be checked against known figures.
 */
class TrainBenchCommandTest {
    /** The stand-in's two epochs: 1,000 e/s for 2 s, then 2,000 e/s for 3 s. */
    private static final String STAND_IN = """
            import sys, time
            open(sys.argv[0] + '.args', 'w').write('\\n'.join(sys.argv[1:]))
            held = b'x' * 40_000_000
            print('Creating GRU4Rec model on device "cpu"')
            print('Epoch1 --> loss: 0.500000 \\t(2.00s) \\t[10.00 mb/s | 1000 e/s]')
            print('Epoch2 --> loss: 0.400000 \\t(3.00s) \\t[10.00 mb/s | 2000 e/s]')
            print('Total training time: 5.00s')
            time.sleep(0.5)
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String line() {
            List<String> lines = err.lines().toList();
            assertThat(lines).as("stderr of a failed command: one line").hasSize(1);
            return lines.get(0);
        }
    }

    private static Run run(String... args) {
        var cli = StreamrecCommand.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A tiny rsc15-shaped run; {@code more} adds options. */
    private Run tinyRun(Path json, String... more) {
        List<String> args = new ArrayList<>(List.of("bench-train", "--rows", "rsc15", "--items", "300",
                "--sessions", "400", "--json", json.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static JsonNode onlyRow(Path json) throws IOException {
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("rows");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private Path standInReference(String script) throws IOException {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Files.writeString(reference.resolve("run.py"), script);
        return reference;
    }

    @Test
    void streamrecTrainsEachRowInAChildAndReportsItsSpeedAndPeakMemory() throws IOException {
        Path json = dir.resolve("bench.json");

        Run run = tinyRun(json);

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode row = onlyRow(json);
        assertThat(row.path("row").asText()).isEqualTo("rsc15");
        assertThat(row.path("hidden").asInt()).isEqualTo(100);
        assertThat(row.path("batchSize").asInt()).isEqualTo(32);
        JsonNode streamrec = row.path("streamrec");
        assertThat(streamrec.path("status").asText()).as(streamrec.toString()).isEqualTo("ok");
        assertThat(streamrec.path("eventsPerSecond").asDouble()).isPositive();
        // the trainer's own count: session-parallel batches leave out the last sessions that cannot fill a batch
        assertThat(streamrec.path("events").asLong()).isPositive().isLessThanOrEqualTo(new ObjectMapper()
                .readTree(json.toFile()).path("setup").path("trainingEvents").asLong());
        assertThat(streamrec.path("peakBytes").asLong()).isGreaterThan(10_000_000L);
        assertThat(row.path("reference").isNull()).isTrue();
        assertThat(row.path("speedRatio").isNull()).isTrue();
        assertThat(run.out()).contains("rsc15").contains("CPU cores");
        assertThat(run.err()).contains("[bench-train] rsc15 (1/1").doesNotContain("reference training");
    }

    @Test
    void theReferenceSideIsReadFromItsEpochLinesAndComparedInTheSameRow() throws IOException {
        Path json = dir.resolve("bench.json");
        Path reference = standInReference(STAND_IN);

        Run run = tinyRun(json, "--reference", reference.toString(), "--python", "python3");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode row = onlyRow(json);
        JsonNode theirs = row.path("reference");
        assertThat(theirs.path("status").asText()).as(theirs.toString()).isEqualTo("ok");
        // the epochs weighted by their time: (1000 * 2 + 2000 * 3) / 5
        assertThat(theirs.path("eventsPerSecond").asDouble()).isCloseTo(1600.0, within(1e-9));
        assertThat(theirs.path("events").asLong()).isEqualTo(8000);
        assertThat(theirs.path("trainingSeconds").asDouble()).isCloseTo(5.0, within(1e-9));
        assertThat(theirs.path("peakBytes").asLong()).isGreaterThan(40_000_000L);
        JsonNode ours = row.path("streamrec");
        assertThat(row.path("speedRatio").asDouble())
                .isCloseTo(ours.path("eventsPerSecond").asDouble() / 1600.0, within(1e-9));
        assertThat(row.path("speedMet").asBoolean()).isEqualTo(row.path("speedRatio").asDouble() >= 1.5);
        assertThat(row.path("memoryRatio").asDouble()).isCloseTo(
                ours.path("peakBytes").asDouble() / theirs.path("peakBytes").asDouble(), within(1e-9));

        List<String> args = Files.readAllLines(reference.resolve("run.py.args"));
        assertThat(args.get(0)).endsWith("train.tsv");
        assertThat(args.subList(1, args.size())).containsExactly("-ps", row.path("referenceParameters").asText(),
                "-d", "cpu");
        assertThat(args.get(2)).startsWith("loss=cross-entropy,constrained_embedding=True,embedding=0,")
                .contains(",layers=100,n_epochs=1,batch_size=32,").contains(",dropout_p_hidden=0.4,")
                .contains(",logq=1");
        assertThat(run.out()).containsPattern("rsc15 .* ok .* ok .* \\d+\\.\\d\\d (ok|MISSED)");
    }

    @Test
    void aPythonWithoutTheReferencesModulesIsOneLineSayingWhatToInstall() throws IOException {
        Path reference = standInReference("""
                import sys
                sys.stderr.write('Traceback (most recent call last):\\n')
                sys.stderr.write("ModuleNotFoundError: No module named 'torch'\\n")
                sys.exit(1)
                """);

        Run run = tinyRun(dir.resolve("bench.json"), "--reference", reference.toString(), "--python", "python3");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> !l.startsWith("[bench-train]")).toList()).containsExactly(
                "streamrec bench-train: the reference needs the Python module 'torch', which python3 lacks (install"
                        + " torch, pandas and joblib for it (Debian: apt-get install python3-torch python3-pandas"
                        + " python3-joblib) or give --python one that has them)");
    }

    @Test
    void aReferenceWithoutRunPyIsOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Run run = tinyRun(dir.resolve("bench.json"), "--reference", empty.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line()).isEqualTo("streamrec bench-train: no run.py in " + empty.toAbsolutePath()
                + ": --reference must name a checkout of GRU4Rec's reference implementation (give --reference the"
                + " directory that holds run.py)");
    }

    @Test
    void helpNamesTheReferenceAndTheBars() {
        Run run = run("bench-train", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: streamrec bench-train").contains("--reference=PATH")
                .contains("--python").contains("at least 1.5").contains("at most 2.0");
    }

    @Test
    void anUnknownRowIsOneLineNamingTheNearest() {
        Run run = run("bench-train", "--rows", "rsc15,digenetica", "--json", dir.resolve("b.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.line()).isEqualTo("streamrec bench-train: --rows: no row 'digenetica'; did you mean"
                + " diginetica? rows: rsc15, yoochoose, rees46, retailrocket, diginetica, coveo (see `streamrec"
                + " bench-train --help`)");
    }
}
