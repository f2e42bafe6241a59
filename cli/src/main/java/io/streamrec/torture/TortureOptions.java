package io.streamrec.torture;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.cli.options.Quick;
import io.streamrec.cli.options.Quick.Sized;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of {@code torture}, declared once: {@link TortureCommand} offers each as a flag (the key with dashes)
 * and resolves them, with {@code --quick}'s sizes, into {@link TortureSettings}.
 */
final class TortureOptions {
    private static final int MANY = Integer.MAX_VALUE;
    private static final double MAX_RATE = 1_000_000;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WEEK = Duration.ofDays(7);

    static final Setting<List<String>> SCENARIOS = Setting.oneOf("scenarios", FuzzScenario.NAME,
            List.copyOf(TortureRun.SCENARIOS.keySet()), "Scenarios to run, in order (soak short unless --soak says"
                    + " otherwise)").asList(List.copyOf(TortureRun.SCENARIOS.keySet()));
    static final Sized<Integer> FUZZ_EVENTS = Sized.of(Setting.integer("fuzz_events", 1_000_000, 1, MANY,
            "Events the fuzz scenario sends"), 5_000);
    static final Setting<Double> MUTATED_FRACTION = Setting.decimal("mutated_fraction", 0.25, 0, 1,
            "Share of fuzz events spoilt by a random mutation");
    static final Sized<Integer> HUGE_IDS = Sized.of(Setting.integer("huge_ids", 8, 0, MANY, "Events with a 60 KB"
            + " to --huge-id-max-kb session or item id, sent after the other fuzz events"), 2);
    static final Sized<Integer> HUGE_ID_MAX_KB = Sized.of(Setting.integer("huge_id_max_kb", 1024, 60, 1 << 20,
            "Largest huge id, KB"), 100);
    static final Sized<Integer> KILLS = Sized.of(Setting.integer("kills", 20, 0, MANY,
            "SIGKILLs of the app in the kill scenario"), 2);
    static final Sized<Integer> SESSIONS = Sized.of(Setting.integer("sessions", 100_000, 1, MANY,
            "Sessions whose state is built before the kills"), 2_000);
    static final Setting<Double> LOAD_RATE = Setting.decimal("load_rate", 500, 1, MAX_RATE,
            "Steady load under kills, broker restart and forged bundles, events/s");
    static final Setting<Duration> RESTART_BAR = Setting.duration("restart_bar", Duration.ofSeconds(10),
            Duration.ofMillis(1), HOUR, "Longest acceptable time from a restart (of the app, or the broker) to the"
                    + " first answer to a new event");
    static final Setting<Duration> ANSWER_WAIT = Setting.duration("answer_wait", Duration.ofSeconds(120),
            Duration.ofSeconds(1), HOUR, "Longest wait for that first answer");
    static final Setting<Duration> BROKER_DOWN = Setting.duration("broker_down", Duration.ofSeconds(3),
            Duration.ZERO, HOUR, "How long the broker stays stopped");
    static final Setting<Integer> FLIP_VARIANTS = Setting.integer("flip_variants", 8, 0, 1000,
            "Byte-flipped graph forgeries");
    static final Setting<Long> ZIP_BOMB_MB = Setting.longInteger("zip_bomb_mb", 2200, 1, 1 << 20,
            "What the zip bomb inflates to, MB; its record is about a thousandth of that");
    static final Sized<Duration> VERDICT_WAIT = Sized.of(Setting.duration("verdict_wait", Duration.ofSeconds(60),
            Duration.ofSeconds(1), HOUR, "Longest wait for the app to load or refuse one bundle"),
            Duration.ofSeconds(10));
    static final Setting<Duration> ANSWER_GAP_BAR = Setting.duration("answer_gap_bar", Duration.ofSeconds(2),
            Duration.ofMillis(1), HOUR, "Longest acceptable gap between answers while bad bundles arrive");
    static final Sized<Duration> SOAK = Sized.of(Setting.duration("soak", Duration.ofMinutes(2),
            Duration.ofSeconds(1), WEEK, "Soak duration, e.g. 30m"), Duration.ofSeconds(30));
    static final Setting<Double> SOAK_RATE = Setting.decimal("soak_rate", 1, 1, MAX_RATE, "Soak load, events/s;"
            + " unset: half the maximum, measured first with a burst").optional();
    static final Sized<Duration> SOAK_WARMUP = Sized.of(Setting.duration("soak_warmup", Duration.ZERO,
            Duration.ZERO, WEEK, "Start of the soak left out of the RSS bar; unset: a sixth of the soak, at most"
                    + " 5m").optional(), Duration.ofSeconds(10));
    static final Sized<Duration> RSS_EVERY = Sized.of(Setting.duration("rss_every", Duration.ofSeconds(10),
            Duration.ofMillis(100), HOUR, "RSS sampling interval"), Duration.ofSeconds(2));
    static final Sized<Integer> BURST_EVENTS = Sized.of(Setting.integer("burst_events", 100_000, 1, MANY,
            "Events of the burst that measures the maximum load"), 5_000);
    static final Setting<Integer> ITEMS = Setting.integer("items", 1000, 1, MANY,
            "Catalogue size of the events and models");
    static final Setting<Integer> PARTITIONS = CommonSettings.partitions(4, "Partitions of each scenario's topics");
    static final Setting<Integer> TOP_K = Setting.integer("top_k", 5, 1, 1000,
            "Items per answer; small, so that reading a million answers back is cheap");
    static final Setting<String> APP_HEAP = Setting.text("app_heap", "1g", "Heap (-Xmx) of each app process");
    static final Setting<String> BROKER_HEAP = Setting.text("broker_heap", "1g", "Heap (-Xmx) of the broker process");
    static final Setting<Integer> MAX_APP_RESTARTS = Setting.integer("max_app_restarts", 3, 0, 1000,
            "Restarts after unplanned app exits, per scenario, before going on without an app");
    static final Setting<Duration> OUTCOME_WAIT = Setting.duration("outcome_wait", Duration.ofMinutes(2),
            Duration.ofSeconds(1), WEEK, "Longest wait for every event's outcome; unset: 2 minutes plus 1 ms per"
                    + " event").optional();
    static final Setting<Integer> BROKER_PORT = Setting.integer("broker_port", 0, 0, 65_535,
            "Broker port; 0 for a free one");
    static final Setting<Path> WORK_DIR = Setting.path("work_dir", Path.of("x"), "Where logs, broker data and app"
            + " state go, kept afterwards; unset: a new streamrec-torture-<time> folder in the temporary"
            + " directory").optional();
    static final Setting<Long> SEED = CommonSettings.seed(20_240_601, "Random seed of events, mutations and models");
    static final Setting<Path> JSON = Setting.path("json", Path.of("x"), "Also write the figures as JSON to this"
            + " file").optional();

    /** In the order {@code torture --help} lists them. */
    static final SettingGroup GROUP = SettingGroup.of("torture", SCENARIOS, Quick.QUICK, FUZZ_EVENTS.setting(),
            MUTATED_FRACTION, HUGE_IDS.setting(), HUGE_ID_MAX_KB.setting(), KILLS.setting(), SESSIONS.setting(),
            LOAD_RATE, RESTART_BAR, ANSWER_WAIT, BROKER_DOWN, FLIP_VARIANTS, ZIP_BOMB_MB, VERDICT_WAIT.setting(),
            ANSWER_GAP_BAR, SOAK.setting(), SOAK_RATE, SOAK_WARMUP.setting(), RSS_EVERY.setting(),
            BURST_EVENTS.setting(), ITEMS, PARTITIONS, TOP_K, APP_HEAP, BROKER_HEAP, MAX_APP_RESTARTS, OUTCOME_WAIT,
            BROKER_PORT, WORK_DIR, SEED, JSON);

    private TortureOptions() {
    }
}
