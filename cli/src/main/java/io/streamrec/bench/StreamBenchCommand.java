package io.streamrec.bench;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.streams.app.ServeSettings;
import io.streamrec.streams.topology.ScoringBatch;
import io.streamrec.trainer.data.SyntheticSessions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Streams throughput against its limits, in one run on one embedded broker with the same partitions, guarantee and
 * Kafka Streams properties for every row: the ceiling (a bare topology of streamrec's shape: a RocksDB get and put of
 * a session-state-sized value and one output per event), streamrec with popularity only, and streamrec with each model
 * kind; for each model, raw ONNX Runtime scoring by batch size (the model's own limit). A row's ratio to
 * min(ceiling, model limit) says how much of what is possible the app reaches. {@code --latency} measures
 * event-to-recommendation latency at a fixed load instead.
 */
@Command(name = "bench-stream", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {
            "Measure the streams app's throughput on an embedded broker against its limits, all in one run with the",
            "same partitions, processing guarantee and Kafka Streams properties:",
            "  ceiling      a bare Kafka Streams topology of streamrec's shape (RocksDB get + put of a value the size",
            "               of streamrec's session state, one output per event), no JSON, no model;",
            "  popularity   streamrec answering from popularity only;",
            "  KIND-N       streamrec serving a model of that kind over N items, random weights (cost does not",
            "               depend on them): gru4rec (step graph), caser, ai2v (two-stage); and that model's limit:",
            "               raw ONNX Runtime scoring at each --limit-batch-sizes (one thread), best batch reported.",
            "Prints events/s per row, its ratio to the ceiling and, for models, to min(ceiling, model limit), and",
            "writes every figure to --json. A row that fails (e.g. a bundle too large to publish) is reported and the",
            "others still run; a row running past --row-timeout is cut off and reported with what it answered.",
            "--latency measures event -> recommendation latency instead (see its options)."
        })
public final class StreamBenchCommand extends SettingsCommand {
    /** The run's warm-up pass sends this many times a row's warm-up events. */
    static final int RUN_WARM_UP_FACTOR = 10;

    @Option(names = {"-K", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Extra Kafka Streams/consumer/producer property for every row, the ceiling included, "
                    + "applied last as the app applies them; repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    /** The options as this run reads them; set when it starts. */
    private Settings options;

    private final Map<Integer, List<ClickEvent>> clicksByCatalogue = new HashMap<>();
    /** Each model row's limit, measured once per run (the graph is the same in every round). */
    private final Map<String, ModelLimitResult> modelLimits = new HashMap<>();

    public StreamBenchCommand() {
        super(StreamBenchOptions.GROUP);
    }

    @Override
    protected int run(Settings given) throws Exception {
        options = given;
        PrintStream out = System.out;
        int eventCount = sized(options, StreamBenchOptions.EVENTS);
        int streamThreads = options.get(ServeSettings.STREAM_THREADS);
        int warmUp = sized(options, StreamBenchOptions.WARM_UP_EVENTS);
        double seconds = sized(options, StreamBenchOptions.LIMIT_SECONDS);
        List<RowSpec> specs = RowSpec.parseAll(sized(options, StreamBenchOptions.ROWS));
        RowSpec latencySpec = RowSpec.parse(options.get(StreamBenchOptions.LATENCY_ROW));
        boolean latency = options.get(StreamBenchOptions.LATENCY);
        if (latency && latencySpec.kind() == RowSpec.Kind.CEILING) {
            throw new IllegalArgumentException("--latency-row must be popularity or a model row");
        }
        int partitions = options.get(StreamBenchOptions.PARTITIONS);
        String guarantee = options.get(ServeSettings.PROCESSING_GUARANTEE);
        long rowTimeoutSeconds = options.get(StreamBenchOptions.ROW_TIMEOUT_SECONDS);
        int repeat = options.get(StreamBenchOptions.REPEAT);
        Path json = options.get(StreamBenchOptions.JSON);
        StreamRunner.Settings settings = new StreamRunner.Settings(partitions, streamThreads, guarantee,
                Duration.ofMillis(options.get(StreamBenchOptions.COMMIT_INTERVAL_MS)),
                new ScoringBatch(options.get(ServeSettings.BATCH_SIZE),
                        Duration.ofMillis(options.get(StreamBenchOptions.BATCH_WAIT_MS))),
                kafkaProperties, Duration.ofSeconds(rowTimeoutSeconds));
        Integer givenStateBytes = options.get(StreamBenchOptions.CEILING_STATE_BYTES);
        int stateBytes = givenStateBytes != null ? givenStateBytes : CeilingTopology.typicalStateBytes();
        int outputBytes = CeilingTopology.typicalOutputBytes();
        StreamBenchReport.Setup setup = new StreamBenchReport.Setup(eventCount, warmUp, partitions, streamThreads, guarantee,
                settings.effectiveCommitIntervalMs(), Map.copyOf(kafkaProperties), stateBytes, outputBytes,
                options.get(StreamBenchOptions.LIMIT_BATCH_SIZES), rowTimeoutSeconds,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%,d events per row after %,d warm-up events, %d partitions, %d stream thread(s), %s, commit interval %d ms%s;"
                        + " %d CPUs%n", eventCount, warmUp, partitions, streamThreads, guarantee,
                settings.effectiveCommitIntervalMs(), kafkaProperties.isEmpty() ? "" : ", " + kafkaProperties,
                setup.availableProcessors());
        String startedAt = Instant.now().toString();
        Path work = Files.createTempDirectory("streamrec-bench-");
        StreamBenchReport report;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            StreamRunner runner = new StreamRunner(broker, work);
            warmUpRun(runner, settings, warmUp, stateBytes, outputBytes, out);
            if (latency) {
                report = new StreamBenchReport("latency", startedAt, setup, List.of(),
                        latencyMode(runner, settings, latencySpec, warmUp, eventCount, out));
                out.println();
                out.print(BenchTables.latency(report.latency()));
            } else {
                out.printf(Locale.ROOT, "ceiling: stored value %d bytes per session, output %d bytes per event%n",
                        stateBytes, outputBytes);
                List<List<RowReport>> rounds = new ArrayList<>();
                int index = 0;
                for (int round = 1; round <= repeat; round++) {
                    if (repeat > 1) {
                        out.printf(Locale.ROOT, "-- round %d of %d%n", round, repeat);
                    }
                    List<RowReport> measured = new ArrayList<>();
                    for (RowSpec spec : specs) {
                        measured.add(row(runner, settings, spec, index++, warmUp, eventCount, seconds, stateBytes,
                                outputBytes, out));
                    }
                    rounds.add(withCeilingRatios(measured));
                }
                List<RowReport> rowsWithRatios = RowReport.medians(rounds);
                if (repeat > 1) {
                    out.printf(Locale.ROOT, "%nmedians over %d rounds; each ratio is taken within its round, then the "
                            + "median of those is shown%n", repeat);
                }
                report = new StreamBenchReport("throughput", startedAt, setup, rowsWithRatios, null);
                out.println();
                out.print(BenchTables.throughput(rowsWithRatios));
                out.println("model limit, raw ONNX Runtime events/s by batch size (one thread):");
                out.print(BenchTables.modelLimits(rowsWithRatios));
            }
        } finally {
            deleteRecursively(work);
        }
        report.write(json);
        out.println("figures written to " + json.toAbsolutePath());
        return 0;
    }

    /**
     * One untimed pass of the ceiling and one of the app before any row. The broker shares this JVM, and its own code paths (produce,
     * fetch, transactions) are compiled during the first run whatever that run is: without this pass the first row
     * measured came out at less than half of the same row run again later.
     */
    private void warmUpRun(StreamRunner runner, StreamRunner.Settings settings, int warmUp, int stateBytes,
                           int outputBytes, PrintStream out) {
        if (warmUp == 0) {
            return;
        }
        int events = RUN_WARM_UP_FACTOR * warmUp;
        try {
            StreamRunner.Measured m = runner.runCeiling("warm-up-", settings,
                    StreamRunner.Events.split(generate(RowSpec.DEFAULT_BASE_ITEMS, events), 0),
                    stateBytes, outputBytes);
            StreamRunner.Measured app = runner.runApp("warm-up-app-", settings,
                    StreamRunner.Events.split(generate(RowSpec.DEFAULT_BASE_ITEMS, events), 0), null, 0, false);
            out.printf(Locale.ROOT, "warm-up (untimed for the table): %,d events through the ceiling, %,.0f events/s;"
                    + " %,d through the app, %,.0f events/s%n", m.sent(), m.eventsPerSecond(), app.sent(),
                    app.eventsPerSecond());
        } catch (Exception e) {
            out.println("warm-up failed (the rows still run): " + reason(e));
        }
    }

    /** The rows with their ratios to the first ceiling row that measured a rate (none: ratios stay null). */
    static List<RowReport> withCeilingRatios(List<RowReport> rows) {
        Double ceiling = rows.stream()
                .filter(r -> RowSpec.Kind.CEILING.id().equals(r.kind()) && r.eventsPerSecond() != null)
                .map(RowReport::eventsPerSecond).findFirst().orElse(null);
        return rows.stream().map(r -> r.withCeiling(ceiling)).toList();
    }

    /** One row, never thrown out of: a failure becomes a failed row with its reason and whatever was measured. */
    private RowReport row(StreamRunner runner, StreamRunner.Settings settings, RowSpec spec, int index, int warmUp,
                          int eventCount, double limitSeconds, int stateBytes, int outputBytes, PrintStream out) {
        String prefix = "r" + index + "-" + spec.label() + "-";
        ModelLimitResult limit = null;
        List<String> problems = new ArrayList<>();
        StreamRunner.Measured m = null;
        long sent = 0;
        try {
            StreamRunner.Events clicks = clicks(spec.items(), warmUp,
                    spec.items() >= 50_000
                            ? Math.min(eventCount, options.get(StreamBenchOptions.LARGE_CATALOGUE_EVENTS))
                            : eventCount);
            sent = clicks.timed().size();
            ModelBundle bundle = null;
            if (spec.kind().hasModel()) {
                long started = System.nanoTime();
                bundle = BenchModels.build(spec);
                out.printf(Locale.ROOT, "%s: bundle %s built in %.1f s%n", spec.label(),
                        bundle.manifest().label(), (System.nanoTime() - started) / 1e9);
                try {
                    limit = modelLimits.containsKey(spec.label()) ? modelLimits.get(spec.label())
                            : ModelLimit.measure(bundle, options.get(StreamBenchOptions.LIMIT_BATCH_SIZES),
                            limitSeconds);
                    modelLimits.put(spec.label(), limit);
                    out.printf(Locale.ROOT, "%s: model limit %,.0f events/s at batch %d (%s graph)%n", spec.label(),
                            limit.bestEventsPerSecond(), limit.bestBatch(), limit.graph());
                } catch (Exception | OutOfMemoryError e) {
                    problems.add("model limit: " + reason(e));
                }
            }
            m = spec.kind() == RowSpec.Kind.CEILING
                    ? runner.runCeiling(prefix, settings, clicks, stateBytes, outputBytes)
                    : runner.runApp(prefix, settings, clicks, bundle, 0, false);
            out.printf(Locale.ROOT, "%s: %,.0f events/s (%,d of %,d answered in %.1f s)%s%n", spec.label(),
                    m.eventsPerSecond(), m.answered(), m.sent(), m.seconds(), m.cutOff() ? " CUT OFF" : "");
        } catch (Exception | OutOfMemoryError e) {
            problems.add(reason(e));
            out.printf(Locale.ROOT, "%s: failed: %s%n", spec.label(), reason(e));
        }
        String status = m == null ? RowReport.FAILED : m.cutOff() ? RowReport.CUT_OFF : RowReport.OK;
        if (m != null && m.cutOff()) {
            problems.add(0, "cut off at " + options.get(StreamBenchOptions.ROW_TIMEOUT_SECONDS) + " s with " + m.answered() + " of " + m.sent()
                    + " answered");
        }
        if (m != null && spec.kind().hasModel() && m.modelAnswers() != null && m.modelAnswers() < m.answered()) {
            problems.add((m.answered() - m.modelAnswers()) + " answers came from the popularity fallback");
        }
        return new RowReport(spec.label(), spec.kind().id(), spec.items(), status,
                problems.isEmpty() ? null : String.join("; ", problems), m == null ? sent : m.sent(),
                m == null ? 0 : m.answered(), m == null ? null : m.seconds(),
                m == null || m.answered() == 0 ? null : m.eventsPerSecond(), null, limit, null, null,
                m == null ? null : m.inAppP50Micros(), m == null ? null : m.inAppP99Micros(),
                m == null ? null : m.modelAnswers(), m == null ? null : m.meanBatch());
    }

    private StreamBenchReport.LatencyReport latencyMode(StreamRunner runner, StreamRunner.Settings settings,
                                                        RowSpec spec, int warmUp, int eventCount, PrintStream out)
            throws Exception {
        ModelBundle bundle = spec.kind().hasModel() ? BenchModels.build(spec) : null;
        return new LatencyBench(runner, out).run(spec, settings.withCommitInterval(Duration.ofMillis(
                        settings.effectiveCommitIntervalMs())), clicks(spec.items(), warmUp, eventCount), bundle,
                options.get(StreamBenchOptions.RATE), options.get(StreamBenchOptions.COMMIT_INTERVALS));
    }

    /**
     * Click events in time order over a catalogue of {@code items}, {@code warmUp} then {@code count} of them; the
     * same events for every row of that catalogue size.
     */
    private StreamRunner.Events clicks(int items, int warmUp, int count) {
        List<ClickEvent> events = clicksByCatalogue.computeIfAbsent(items, n -> generate(n, warmUp + count));
        return StreamRunner.Events.split(events, warmUp);
    }

    private List<ClickEvent> generate(int items, int total) {
        // Sessions average five clicks: a quarter as many sessions as events is a few too many; keep the first.
        List<ClickEvent> all = ReplayOrder.concurrently(SyntheticSessions.generate(
                new SyntheticSessions.Config(items, Math.max(1, total / 4), 5)).sessions(),
                options.get(StreamBenchOptions.CONCURRENT_SESSIONS));
        return List.copyOf(all.subList(0, Math.min(total, all.size())));
    }

    /** A one-line reason: the first message on the way from {@code e} to its causes, or the exception's type. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replaceAll("\\s+", " ");
            }
        }
        return e.getClass().getSimpleName();
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
