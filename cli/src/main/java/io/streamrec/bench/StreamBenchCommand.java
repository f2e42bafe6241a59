package io.streamrec.bench;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.cli.options.QuickOption;
import io.streamrec.replay.ReplayOrder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.streams.app.StreamsAppConfig;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Streams throughput against its limits, in one run on one embedded broker with the same partitions, guarantee and
 * Kafka Streams properties for every row: the ceiling (a bare topology of streamrec's shape: a RocksDB get and put of
 * a session-state-sized value and one output per event), streamrec with popularity only, and streamrec with each model
 * kind; for each model, raw ONNX Runtime scoring by batch size (the model's own limit). A row's ratio to
 * min(ceiling, model limit) says how much of what is possible the app reaches. {@code --latency} measures
 * event-to-recommendation latency at a fixed load instead.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true, sortOptions = false,
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
public final class StreamBenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_ROWS = List.of("ceiling", "popularity", "gru4rec-1k", "gru4rec-60k",
            "gru4rec-300k", "caser-60k", "ai2v-60k");
    static final List<String> QUICK_ROWS = List.of("ceiling", "popularity", "gru4rec-1k");
    static final int QUICK_EVENTS = 10_000;
    /** The run's warm-up pass sends this many times a row's warm-up events. */
    static final int RUN_WARM_UP_FACTOR = 10;

    @Option(names = "--rows", split = ",", paramLabel = "ROW",
            description = {"Rows to run, in order: ceiling, popularity, gru4rec-N, caser-N, ai2v-N (N items, 60k or",
                "60000; ceiling and popularity use 1k unless given one). Default: "
                        + "ceiling,popularity,gru4rec-1k,gru4rec-60k,gru4rec-300k,caser-60k,ai2v-60k; with --quick: "
                        + "ceiling,popularity,gru4rec-1k."})
    List<String> rows;

    @Mixin
    QuickOption quick;

    @Option(names = "--events", paramLabel = "N", description = "Events per row (default: 100000; 10000 with --quick).")
    Integer events;

    @Option(names = "--large-catalogue-events", paramLabel = "N", defaultValue = "20000",
            description = "Events per row for catalogues of 50,000 items or more, whose rows run ten times slower "
                    + "(default: ${DEFAULT-VALUE}; at most --events).")
    int largeCatalogueEvents;

    @Option(names = "--warm-up-events", paramLabel = "N",
            description = "Events sent and answered before each row's clock starts, not timed: JIT, first "
                    + "transactions, first touches of state and model (default: 5000; 1000 with --quick). Before "
                    + "the first row, four times as many go through an untimed ceiling to warm the broker; 0 skips "
                    + "all warm-up.")
    Integer warmUpEvents;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "The app's most events per model call; 1 scores each event alone (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-wait", defaultValue = "1", paramLabel = "MS",
            description = "The app's longest wait for company in a model call, ms (default: ${DEFAULT-VALUE}).")
    long batchWaitMs;

    @Option(names = "--concurrent-sessions", defaultValue = "2000", paramLabel = "N",
            description = "Sessions open at once in the generated stream: each open session clicks in turn and a new "
                    + "one opens when one ends, as on a busy site (default: ${DEFAULT-VALUE}).")
    int concurrentSessions;

    @Option(names = "--partitions", defaultValue = "2", description = "Event topic partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-threads", paramLabel = "N",
            description = "Kafka Streams threads, for the ceiling and the app alike (default: the app's, one per core).")
    Integer streamThreadsOption;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once, for every throughput row (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--commit-interval", defaultValue = "100", paramLabel = "MS",
            description = "Kafka Streams commit interval in ms, the app's default unless changed (default: "
                    + "${DEFAULT-VALUE}); a -K commit.interval.ms wins over it, as in the app.")
    long commitIntervalMs;

    @Option(names = {"-K", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Extra Kafka Streams/consumer/producer property for every row, the ceiling included, "
                    + "applied last as the app applies them; repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--limit-batch-sizes", split = ",", defaultValue = "1,2,4,8,16,32,64,128,256", paramLabel = "B",
            description = "Batch sizes of the raw ONNX Runtime model limit (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--limit-seconds", paramLabel = "S",
            description = "Least time spent timing each batch size (default: 0.5; 0.2 with --quick).")
    Double limitSeconds;

    @Option(names = "--row-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "Cut a row off after this long from its first send; it is reported with the answers "
                    + "counted by then (default: ${DEFAULT-VALUE}).")
    long rowTimeoutSeconds;

    @Option(names = "--ceiling-state-bytes", paramLabel = "BYTES",
            description = "The ceiling's stored value per session (default: streamrec's session state serde on a "
                    + "typical state: 20 items, a 100-float GRU state, a served list of 20).")
    Integer ceilingStateBytes;

    @Option(names = "--json", defaultValue = "target/bench-stream.json", paramLabel = "PATH",
            description = "Where to write every figure as JSON (default: ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--latency",
            description = {"Measure event -> recommendation latency instead of throughput: the --latency-row model",
                "first runs flat out under exactly-once to find its maximum (unless --rate), then is offered half",
                "of it under exactly-once at each --commit-intervals and under at-least-once; a read_committed",
                "consumer outside the app times each answer (receive wall clock - the send time the producer",
                "stamped on the event, which the answer carries). Prints p50/p99/p99.9 per cell; the warm-up",
                "events are sent flat out and answered before a cell's paced, timed events begin."})
    boolean latency;

    @Option(names = "--latency-row", defaultValue = "gru4rec-1k", paramLabel = "ROW",
            description = "The row whose latency is measured: popularity or KIND-N (default: ${DEFAULT-VALUE}).")
    String latencyRow;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
            description = "Offered load of the latency cells; 0 measures the maximum first and offers half of it "
                    + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--commit-intervals", split = ",", defaultValue = "20,100,1000", paramLabel = "MS",
            description = "Exactly-once commit intervals of the latency cells; at-least-once runs once at "
                    + "--commit-interval (default: ${DEFAULT-VALUE}).")
    List<Long> commitIntervals;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run the rows N times, in turn, and report each figure's median; ratios are taken within a "
                    + "round, where ceiling and rows ran minutes apart rather than a whole run apart. The machine's "
                    + "speed drifts between runs; use 3 or more for figures to quote (default: ${DEFAULT-VALUE}).")
    int repeat;

    private final Map<Integer, List<ClickEvent>> clicksByCatalogue = new HashMap<>();
    /** Each model row's limit, measured once per run (the graph is the same in every round). */
    private final Map<String, ModelLimitResult> modelLimits = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        int eventCount = quick.or(events, QUICK_EVENTS, 100_000);
        int streamThreads = streamThreadsOption != null ? streamThreadsOption : StreamsAppConfig.DEFAULT_STREAM_THREADS;
        int warmUp = quick.or(warmUpEvents, 1_000, 5_000);
        double seconds = quick.or(limitSeconds, 0.2, 0.5);
        List<RowSpec> specs = RowSpec.parseAll(quick.or(rows, QUICK_ROWS, DEFAULT_ROWS));
        RowSpec latencySpec = RowSpec.parse(latencyRow);
        if (latency && latencySpec.kind() == RowSpec.Kind.CEILING) {
            throw new IllegalArgumentException("--latency-row must be popularity or a model row");
        }
        StreamRunner.Settings settings = new StreamRunner.Settings(partitions, streamThreads, guarantee,
                Duration.ofMillis(commitIntervalMs), new ScoringBatch(batchSize, Duration.ofMillis(batchWaitMs)),
                kafkaProperties, Duration.ofSeconds(rowTimeoutSeconds));
        int stateBytes = ceilingStateBytes != null ? ceilingStateBytes : CeilingTopology.typicalStateBytes();
        int outputBytes = CeilingTopology.typicalOutputBytes();
        StreamBenchReport.Setup setup = new StreamBenchReport.Setup(eventCount, warmUp, partitions, streamThreads, guarantee,
                settings.effectiveCommitIntervalMs(), Map.copyOf(kafkaProperties), stateBytes, outputBytes,
                List.copyOf(batchSizes), rowTimeoutSeconds, Runtime.getRuntime().availableProcessors());
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
                    spec.items() >= 50_000 ? Math.min(eventCount, largeCatalogueEvents) : eventCount);
            sent = clicks.timed().size();
            ModelBundle bundle = null;
            if (spec.kind().hasModel()) {
                long started = System.nanoTime();
                bundle = BenchModels.build(spec);
                out.printf(Locale.ROOT, "%s: bundle %s built in %.1f s%n", spec.label(),
                        bundle.manifest().label(), (System.nanoTime() - started) / 1e9);
                try {
                    limit = modelLimits.containsKey(spec.label()) ? modelLimits.get(spec.label())
                            : ModelLimit.measure(bundle, batchSizes, limitSeconds);
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
            problems.add(0, "cut off at " + rowTimeoutSeconds + " s with " + m.answered() + " of " + m.sent()
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
                        settings.effectiveCommitIntervalMs())), clicks(spec.items(), warmUp, eventCount), bundle, rate,
                commitIntervals);
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
                new SyntheticSessions.Config(items, Math.max(1, total / 4), 5)).sessions(), concurrentSessions);
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

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
