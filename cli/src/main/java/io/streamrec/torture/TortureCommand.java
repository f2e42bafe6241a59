package io.streamrec.torture;

import io.streamrec.cli.options.Quick;
import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "torture", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {"Run the broker and the streams app as separate processes and put them through hostile "
                + "conditions, each bounded in time and size, then print a table of measures against their bars.",
                "Scenarios: fuzz (malformed and hostile events), kill (SIGKILLs of the app under load), "
                        + "broker-restart (the broker stopped and started under load), bundles (forged and broken "
                        + "model bundles), soak (half the maximum load, the app's RSS sampled).",
                "Exit code 0 only when every bar passes."})
public final class TortureCommand extends SettingsCommand {
    /** What the app runs with under --quick: the end-to-end tests' settings for replacing a killed instance. */
    static final Map<String, String> QUICK_PROPERTIES = quickProperties();
    static final String QUICK_PROPERTIES_TEXT = "consumer.session.timeout.ms=6000, consumer.heartbeat.interval.ms=1000";

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

    public TortureCommand() {
        super(TortureOptions.GROUP);
    }

    @Override
    protected int run(Settings options) throws IOException {
        TortureSettings settings = resolved(options);
        Path json = options.get(TortureOptions.JSON);
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

    /** The run's sizes, rates and limits: the options as given, else their defaults with or without --quick. */
    TortureSettings resolved(Settings s) {
        Path workDir = s.get(TortureOptions.WORK_DIR);
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "streamrec-torture-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean quick = s.get(Quick.QUICK);
        return new TortureSettings(s.get(TortureOptions.SCENARIOS), dir.toAbsolutePath(),
                s.get(TortureOptions.PARTITIONS), s.get(TortureOptions.BROKER_PORT), s.get(TortureOptions.ITEMS),
                s.get(TortureOptions.TOP_K), s.get(TortureOptions.SEED), sized(s, TortureOptions.FUZZ_EVENTS),
                s.get(TortureOptions.MUTATED_FRACTION), sized(s, TortureOptions.HUGE_IDS),
                sized(s, TortureOptions.HUGE_ID_MAX_KB), sized(s, TortureOptions.KILLS),
                sized(s, TortureOptions.SESSIONS), s.get(TortureOptions.LOAD_RATE), s.get(TortureOptions.RESTART_BAR),
                s.get(TortureOptions.ANSWER_WAIT), s.get(TortureOptions.BROKER_DOWN),
                s.get(TortureOptions.FLIP_VARIANTS), s.get(TortureOptions.ZIP_BOMB_MB),
                sized(s, TortureOptions.VERDICT_WAIT), s.get(TortureOptions.ANSWER_GAP_BAR),
                sized(s, TortureOptions.SOAK), s.get(TortureOptions.SOAK_RATE), sized(s, TortureOptions.SOAK_WARMUP),
                sized(s, TortureOptions.RSS_EVERY), sized(s, TortureOptions.BURST_EVENTS),
                s.get(TortureOptions.APP_HEAP), s.get(TortureOptions.BROKER_HEAP),
                quick && appProperties.isEmpty() ? QUICK_PROPERTIES : appProperties, serveArgs,
                s.get(TortureOptions.MAX_APP_RESTARTS), s.get(TortureOptions.OUTCOME_WAIT));
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
