package io.streamrec.bench;

import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.settings.Settings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * GRU4Rec training speed and memory at the shapes of the settings published with the reference implementation:
 * streamrec's {@code train} at each built-in parameter set, in a child JVM of its own, and with {@code --reference}
 * the reference implementation on the same generated data and setting in the same sitting, the two alternating row
 * by row so that neither gets the machine's quiet minutes alone.
 */
@Command(name = "bench-train", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {
            "Measure GRU4Rec training at the shapes of the six settings published with",
            "GRU4Rec's reference implementation, which streamrec ships as built-in parameter",
            "sets (rsc15, yoochoose, rees46, retailrocket, diginetica, coveo: hidden 100-512,",
            "batch 32-240, cross-entropy and BPR-max), on generated sessions written once as",
            "GRU4Rec TSV. Each row runs `streamrec train --params NAME` in a child JVM and",
            "prints its training events/s (train's own epoch figures) and its peak resident",
            "memory (VmHWM, polled while it runs).",
            "With --reference DIR (a checkout of the reference implementation, with run.py),",
            "each row also runs the reference with --python on the same file and setting on",
            "the CPU, the two alternating, and prints the ratios streamrec/reference of",
            "events/s (bar: at least " + TrainBenchReport.SPEED_BAR + ") and of peak memory (bar: at most "
                    + TrainBenchReport.MEMORY_BAR + "). Bars are",
            "shown, not enforced: exit code 0 unless a run failed. Every figure also goes to",
            "--json."
        })
public final class TrainBenchCommand extends SettingsCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    public TrainBenchCommand() {
        super(TrainBenchOptions.GROUP);
    }

    @Override
    protected int run(Settings options) throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter progress = command.commandLine().getErr();
        Integer sessions = options.get(TrainBenchOptions.SESSIONS);
        Integer events = options.get(TrainBenchOptions.EVENTS);
        if (sessions != null && events != null) {
            throw new IllegalArgumentException("--events and --sessions are alternatives: give one");
        }
        int epochs = options.get(TrainBenchOptions.EPOCHS);
        long seed = options.get(TrainBenchOptions.SEED);
        // refused before anything runs: a misspelt row or a wrong --reference costs nothing
        List<TrainRow> rows = TrainRow.resolve(options.get(TrainBenchOptions.ROWS), epochs, seed);
        Path referenceDir = options.get(TrainBenchOptions.REFERENCE);
        ReferenceSide reference = referenceDir == null ? null
                : ReferenceSide.at(referenceDir, options.get(TrainBenchOptions.PYTHON));
        Duration timeout = Duration.ofSeconds(options.get(TrainBenchOptions.ROW_TIMEOUT_SECONDS));
        int cores = Runtime.getRuntime().availableProcessors();
        String startedAt = Instant.now().toString();

        Path work = Files.createTempDirectory("streamrec-bench-train-");
        List<TrainBenchReport.Row> measured = new ArrayList<>();
        TrainBenchData data;
        try {
            StreamrecSide streamrec = StreamrecSide.likeThisJvm(rootCommandClass(), epochs, seed, work);
            data = TrainBenchData.write(work, options.get(TrainBenchOptions.ITEMS), sessions,
                    events != null ? events : TrainBenchOptions.DEFAULT_EVENTS, seed);
            say(progress, String.format(Locale.ROOT, "%,d sessions, %,d clicks, %,d training events per epoch over"
                            + " a catalogue of %,d items; %d epoch(s); %d CPU cores", data.sessions(), data.clicks(),
                    data.trainingEvents(), options.get(TrainBenchOptions.ITEMS), epochs, cores));
            for (int i = 0; i < rows.size(); i++) {
                TrainRow row = rows.get(i);
                String at = String.format(Locale.ROOT, "%s (%d/%d, hidden %d, batch %d, %s)", row.name(), i + 1,
                        rows.size(), row.hidden(), row.batch(), row.loss());
                SideFigures theirs = null;
                // the reference first on every other row, from the first: drift in the machine's speed then favours
                // neither side, and a Python that cannot run the reference is found before any training
                boolean referenceFirst = reference != null && i % 2 == 0;
                if (referenceFirst) {
                    theirs = measure(reference, row, data, work, timeout, at, progress);
                }
                SideFigures ours = measure(streamrec, row, data, work, timeout, at, progress);
                if (reference != null && !referenceFirst) {
                    theirs = measure(reference, row, data, work, timeout, at, progress);
                }
                measured.add(TrainBenchReport.Row.of(row, ours, theirs));
            }
        } finally {
            StreamBenchCommand.deleteRecursively(work);
        }

        TrainBenchReport report = new TrainBenchReport(startedAt, new TrainBenchReport.Setup(
                options.get(TrainBenchOptions.ITEMS), data.sessions(), data.clicks(), data.trainingEvents(), epochs,
                seed, cores, reference == null ? null : reference.directory().toString(),
                reference == null ? null : reference.python(), TrainBenchReport.SPEED_BAR,
                TrainBenchReport.MEMORY_BAR), List.copyOf(measured));
        Path json = options.get(TrainBenchOptions.JSON);
        report.write(json);
        out.println();
        out.printf(Locale.ROOT, "GRU4Rec training, %,d events per epoch, %d epoch(s), %,d items; %d CPU cores%n",
                data.trainingEvents(), epochs, options.get(TrainBenchOptions.ITEMS), cores);
        out.print(report.table());
        out.println("figures written to " + json.toAbsolutePath());
        out.flush();
        return report.anyFailed() ? 1 : 0;
    }

    private static SideFigures measure(TrainSide side, TrainRow row, TrainBenchData data, Path work,
                                       Duration timeout, String at, PrintWriter progress) throws InterruptedException {
        say(progress, at + ": " + side.name() + " training...");
        SideFigures figures = TrainSide.measure(side, row, data, work, timeout);
        say(progress, at + ": " + side.name() + " " + (figures.ok()
                ? String.format(Locale.ROOT, "%,.0f events/s, peak %,.0f MiB, %.1f s in all",
                figures.eventsPerSecond(), figures.peakBytes() == null ? Double.NaN
                        : figures.peakBytes() / (1024.0 * 1024.0), figures.wallSeconds())
                : "failed: " + figures.reason()));
        return figures;
    }

    private static void say(PrintWriter progress, String line) {
        progress.println("[bench-train] " + line);
        progress.flush();
    }
}
