package io.streamrec.torture;

import io.streamrec.cli.options.QuickOption;
import io.streamrec.schemas.json.Json;
import io.streamrec.streams.app.ServeCommand.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "torture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the broker and the streams app as separate processes and put them through hostile "
                + "conditions, each bounded in time and size, then print a table of measures against their bars.",
                "Scenarios: fuzz (malformed and hostile events), kill (SIGKILLs of the app under load), "
                        + "broker-restart (the broker stopped and started under load), bundles (forged and broken "
                        + "model bundles), soak (half the maximum load, the app's RSS sampled).",
                "Exit code 0 only when every bar passes."})
public final class TortureCommand implements Callable<Integer> {
    /** What the app runs with under --quick: the end-to-end tests' settings for replacing a killed instance. */
    static final Map<String, String> QUICK_PROPERTIES = quickProperties();
    static final String QUICK_PROPERTIES_TEXT = "consumer.session.timeout.ms=6000, consumer.heartbeat.interval.ms=1000";

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Scenarios to run, in order (default: fuzz,kill,broker-restart,bundles,soak; soak short "
                    + "unless --soak says otherwise).")
    List<String> scenarios = new ArrayList<>(TortureRun.SCENARIOS.keySet());

    @Mixin
    QuickOption quick;

    @Option(names = "--fuzz-events", paramLabel = "N", description = "Events the fuzz scenario sends "
            + "(default: 1000000; 5000 with --quick).")
    Integer fuzzEvents;

    @Option(names = "--mutated-fraction", paramLabel = "F", defaultValue = "0.25",
            description = "Share of fuzz events spoilt by a random mutation (default: ${DEFAULT-VALUE}).")
    double mutatedFraction;

    @Option(names = "--huge-ids", paramLabel = "N", description = "Events with a 60 KB to --huge-id-max-kb session "
            + "or item id, sent after the other fuzz events (default: 8; 2 with --quick).")
    Integer hugeIds;

    @Option(names = "--huge-id-max-kb", paramLabel = "KB", description = "Largest huge id, KB "
            + "(default: 1024; 100 with --quick).")
    Integer hugeIdMaxKb;

    @Option(names = "--kills", paramLabel = "N", description = "SIGKILLs of the app in the kill scenario "
            + "(default: 20; 2 with --quick).")
    Integer kills;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions whose state is built before the kills "
            + "(default: 100000; 2000 with --quick).")
    Integer sessions;

    @Option(names = "--load-rate", paramLabel = "EVENTS_PER_S", defaultValue = "500",
            description = "Steady load under kills, broker restart and forged bundles (default: ${DEFAULT-VALUE}).")
    double loadRate;

    @Option(names = "--restart-bar", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Longest acceptable time from a restart (of the app, or the broker) to the first answer "
                    + "to a new event (default: ${DEFAULT-VALUE}).")
    Duration restartBar;

    @Option(names = "--answer-wait", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class,
            description = "Longest wait for that first answer (default: ${DEFAULT-VALUE}).")
    Duration answerWait;

    @Option(names = "--broker-down", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "How long the broker stays stopped (default: ${DEFAULT-VALUE}).")
    Duration brokerDown;

    @Option(names = "--flip-variants", paramLabel = "N", defaultValue = "8",
            description = "Byte-flipped graph forgeries (default: ${DEFAULT-VALUE}).")
    int flipVariants;

    @Option(names = "--zip-bomb-mb", paramLabel = "MB", defaultValue = "2200",
            description = "What the zip bomb inflates to, MB; its record is about a thousandth of that "
                    + "(default: ${DEFAULT-VALUE}).")
    long zipBombMb;

    @Option(names = "--verdict-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for the app to load or refuse one bundle (default: 60s; 10s with --quick).")
    Duration verdictWait;

    @Option(names = "--answer-gap-bar", paramLabel = "DURATION", defaultValue = "2s",
            converter = DurationConverter.class,
            description = "Longest acceptable gap between answers while bad bundles arrive (default: ${DEFAULT-VALUE}).")
    Duration answerGapBar;

    @Option(names = "--soak", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Soak duration, e.g. 30m (default: 2m; 30s with --quick).")
    Duration soak;

    @Option(names = "--soak-rate", paramLabel = "EVENTS_PER_S",
            description = "Soak load (default: half the maximum, measured first with a burst).")
    Double soakRate;

    @Option(names = "--soak-warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Start of the soak left out of the RSS bar (default: a sixth of the soak, at most 5m; "
                    + "10s with --quick).")
    Duration soakWarmUp;

    @Option(names = "--rss-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "RSS sampling interval (default: 10s; 2s with --quick).")
    Duration rssEvery;

    @Option(names = "--burst-events", paramLabel = "N", description = "Events of the burst that measures the "
            + "maximum load (default: 100000; 5000 with --quick).")
    Integer burstEvents;

    @Option(names = "--items", paramLabel = "N", defaultValue = "1000",
            description = "Catalogue size of the events and models (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of each scenario's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "5",
            description = "Items per answer; small, so that reading a million answers back is cheap "
                    + "(default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--app-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Heap (-Xmx) of each app process (default: ${DEFAULT-VALUE}).")
    String appHeap;

    @Option(names = "--broker-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Heap (-Xmx) of the broker process (default: ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--app-property", paramLabel = "KEY=VALUE",
            description = "Kafka property for every app process (serve --kafka-property); repeatable. None by "
                    + "default: the app is tested as it ships. With --quick and none given: "
                    + QUICK_PROPERTIES_TEXT + ", so that a killed instance's partitions move in seconds, not after "
                    + "the 45 s default session timeout.")
    Map<String, String> appProperties = new LinkedHashMap<>();

    @Option(names = "--serve-arg", paramLabel = "ARG",
            description = "Further argument for every serve process, as it is, e.g. --serve-arg=--batch-size=64; "
                    + "repeatable.")
    List<String> serveArgs = new ArrayList<>();

    @Option(names = "--max-app-restarts", paramLabel = "N", defaultValue = "3",
            description = "Restarts after unplanned app exits, per scenario, before going on without an app "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxAppRestarts;

    @Option(names = "--outcome-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for every event's outcome (default: 2 minutes plus 1 ms per event).")
    Duration outcomeWait;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "0",
            description = "Broker port; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where logs, broker data and app state go (default: a new streamrec-torture-<time> folder "
                    + "in the temporary directory); kept afterwards.")
    Path workDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20240601",
            description = "Random seed of events, mutations and models (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TortureSettings settings = settings();
        quietKafkaClients();
        PrintStream out = System.out;
        Progress progress = new Progress(out);
        Files.createDirectories(settings.workDir());
        progress.line("work dir " + settings.workDir() + "; scenarios " + settings.scenarios() + "; app properties "
                + (settings.appProperties().isEmpty() ? "none (as shipped)" : settings.appProperties()));
        List<ScenarioResult> results;
        try (ChildProcesses children = ChildProcesses.sameClasspath(settings.workDir());
             BrokerProcess broker = new BrokerProcess(children, settings.workDir(), settings.brokerPort(),
                     settings.partitions(), settings.brokerHeap())) {
            progress.line("starting the broker");
            broker.start();
            progress.line("broker ready on " + broker.bootstrapServers());
            // signed bundles and an app that checks them, as deployed
            TrustedPublisher publisher = TrustedPublisher.signing(settings.workDir().resolve("keys"));
            results = TortureRun.run(settings, broker, children, publisher, progress);
        }
        out.println();
        ResultTable.print(results, out);
        boolean passed = results.stream().allMatch(ScenarioResult::passed);
        out.println();
        out.println(passed ? "Every bar passed." : "Some bars FAILED. Logs: " + settings.workDir());
        if (json != null) {
            writeJson(json, settings, results, passed);
            out.println("Figures written to " + json);
        }
        return passed ? 0 : 1;
    }

    /**
     * The harness's own Kafka clients warn on every retry while the broker is down, which is the point of one
     * scenario: errors only, so that progress lines stay readable. The children log to their own files.
     */
    private static void quietKafkaClients() {
        if (LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafka) {
            kafka.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    TortureSettings settings() {
        for (String name : scenarios) {
            if (!TortureRun.SCENARIOS.containsKey(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + name
                        + "'; choose from " + String.join(",", TortureRun.SCENARIOS.keySet()));
            }
        }
        if (mutatedFraction < 0 || mutatedFraction > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mutated-fraction must be within 0..1");
        }
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "streamrec-torture-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new TortureSettings(scenarios, dir.toAbsolutePath(), partitions, brokerPort, items, topK, seed,
                quick.or(fuzzEvents, 5_000, 1_000_000), mutatedFraction, quick.or(hugeIds, 2, 8),
                quick.or(hugeIdMaxKb, 100, 1024), quick.or(kills, 2, 20), quick.or(sessions, 2_000, 100_000),
                loadRate, restartBar, answerWait, brokerDown, flipVariants, zipBombMb,
                quick.or(verdictWait, Duration.ofSeconds(10), Duration.ofSeconds(60)), answerGapBar,
                quick.or(soak, Duration.ofSeconds(30), Duration.ofMinutes(2)), soakRate,
                quick.or(soakWarmUp, Duration.ofSeconds(10), null),
                quick.or(rssEvery, Duration.ofSeconds(2), Duration.ofSeconds(10)),
                quick.or(burstEvents, 5_000, 100_000), appHeap, brokerHeap,
                quick.on() && appProperties.isEmpty() ? QUICK_PROPERTIES : appProperties, serveArgs,
                maxAppRestarts, outcomeWait);
    }

    private static Map<String, String> quickProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("consumer.session.timeout.ms", "6000");
        properties.put("consumer.heartbeat.interval.ms", "1000");
        return properties;
    }

    static void writeJson(Path file, TortureSettings settings, List<ScenarioResult> results, boolean passed) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("passed", passed);
        report.put("settings", describe(settings));
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult result : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("scenario", result.scenario());
            s.put("passed", result.passed());
            s.put("seconds", result.seconds());
            s.put("measures", result.measures());
            s.put("figures", result.figures());
            scenarios.add(s);
        }
        report.put("scenarios", scenarios);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The settings as plain JSON values (durations as text: the shared mapper has no java.time module). */
    static Map<String, Object> describe(TortureSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenarios", s.scenarios());
        m.put("workDir", s.workDir().toString());
        m.put("partitions", s.partitions());
        m.put("items", s.items());
        m.put("topK", s.topK());
        m.put("seed", s.seed());
        m.put("fuzzEvents", s.fuzzEvents());
        m.put("mutatedFraction", s.mutatedFraction());
        m.put("hugeIds", s.hugeIds());
        m.put("hugeIdMaxKb", s.hugeIdMaxKb());
        m.put("kills", s.kills());
        m.put("sessions", s.sessions());
        m.put("loadRate", s.loadRate());
        m.put("restartBar", Durations.text(s.restartBar()));
        m.put("brokerDown", Durations.text(s.brokerDown()));
        m.put("flipVariants", s.flipVariants());
        m.put("zipBombMb", s.zipBombMb());
        m.put("answerGapBar", Durations.text(s.answerGapBar()));
        m.put("soak", Durations.text(s.soak()));
        m.put("soakRate", s.soakRate());
        m.put("soakWarmUp", s.soakWarmUp() == null ? "default" : Durations.text(s.soakWarmUp()));
        m.put("appHeap", s.appHeap());
        m.put("appProperties", s.appProperties());
        m.put("serveArgs", s.serveArgs());
        return m;
    }
}
