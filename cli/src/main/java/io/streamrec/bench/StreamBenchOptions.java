package io.streamrec.bench;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.cli.options.Quick;
import io.streamrec.cli.options.Quick.Sized;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.streams.app.ServeSettings;
import io.streamrec.streams.topology.ScoringBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of {@code bench-stream}, declared once; the app's own ones (batch size, stream threads, processing
 * guarantee) are serve's, so a bench row runs the app as {@code serve} would with the same values.
 */
final class StreamBenchOptions {
    static final List<String> DEFAULT_ROWS = List.of("ceiling", "popularity", "gru4rec-1k", "gru4rec-60k",
            "gru4rec-300k", "caser-60k", "ai2v-60k");
    static final List<String> QUICK_ROWS = List.of("ceiling", "popularity", "gru4rec-1k");

    private static final int MANY = Integer.MAX_VALUE;
    private static final long HOUR_MS = 3_600_000;

    static final Sized<List<String>> ROWS = Sized.of(Setting.text("rows", "ceiling", "Rows to run, in order:"
            + " ceiling, popularity, gru4rec-N, caser-N, ai2v-N (N items, 60k or 60000; ceiling and popularity use 1k"
            + " unless given one)").asList(DEFAULT_ROWS), QUICK_ROWS);
    static final Sized<Integer> EVENTS = Sized.of(Setting.integer("events", 100_000, 1, MANY, "Events per row"),
            10_000);
    static final Setting<Integer> LARGE_CATALOGUE_EVENTS = Setting.integer("large_catalogue_events", 20_000, 1,
            MANY, "Events per row for catalogues of 50,000 items or more, whose rows run ten times slower; at most"
                    + " --events");
    static final Sized<Integer> WARM_UP_EVENTS = Sized.of(Setting.integer("warm_up_events", 5_000, 0, MANY,
            "Events sent and answered before each row's clock starts, not timed: JIT, first transactions, first"
                    + " touches of state and model. Before the first row, four times as many go through an untimed"
                    + " ceiling to warm the broker; 0 skips all warm-up"), 1_000);
    static final Setting<Long> BATCH_WAIT_MS = Setting.longInteger("batch_wait", 1, 0,
            ScoringBatch.MAX_WAIT.toMillis(), "The app's longest wait for company in a model call, ms");
    static final Setting<Integer> CONCURRENT_SESSIONS = Setting.integer("concurrent_sessions", 2000, 1, MANY,
            "Sessions open at once in the generated stream: each open session clicks in turn and a new one opens"
                    + " when one ends, as on a busy site");
    static final Setting<Integer> PARTITIONS = CommonSettings.partitions(2, "Event topic partitions");
    static final Setting<Long> COMMIT_INTERVAL_MS = Setting.longInteger("commit_interval", 100, 0, HOUR_MS,
            "Kafka Streams commit interval in ms, the app's default unless changed; a -K commit.interval.ms wins"
                    + " over it, as in the app");
    static final Setting<List<Integer>> LIMIT_BATCH_SIZES = Setting.integer("limit_batch_sizes", 1, 1,
            ScoringBatch.MAX_SIZE, "Batch sizes of the raw ONNX Runtime model limit")
            .asList(List.of(1, 2, 4, 8, 16, 32, 64, 128, 256));
    static final Sized<Double> LIMIT_SECONDS = Sized.of(Setting.decimal("limit_seconds", 0.5, 0.01, 3600,
            "Least time spent timing each batch size"), 0.2);
    static final Setting<Long> ROW_TIMEOUT_SECONDS = Setting.longInteger("row_timeout", 180, 1, 86_400,
            "Cut a row off after this many seconds from its first send; it is reported with the answers counted by"
                    + " then");
    static final Setting<Integer> CEILING_STATE_BYTES = Setting.integer("ceiling_state_bytes", 1, 1, MANY,
            "The ceiling's stored value per session; unset: streamrec's session state serde on a typical state:"
                    + " 20 items, a 100-float GRU state, a served list of 20").optional();
    static final Setting<Path> JSON = Setting.path("json", Path.of("target", "bench-stream.json"),
            "Where to write every figure as JSON");
    static final Setting<Boolean> LATENCY = Setting.flag("latency", false, "Measure event -> recommendation"
            + " latency instead of throughput: the --latency-row model first runs flat out under exactly-once to"
            + " find its maximum (unless --rate), then is offered half of it under exactly-once at each"
            + " --commit-intervals and under at-least-once; a read_committed consumer outside the app times each"
            + " answer (receive wall clock - the send time the producer stamped on the event, which the answer"
            + " carries). Prints p50/p99/p99.9 per cell; the warm-up events are sent flat out and answered before a"
            + " cell's paced, timed events begin");
    static final Setting<String> LATENCY_ROW = Setting.text("latency_row", "gru4rec-1k",
            "The row whose latency is measured: popularity or KIND-N");
    static final Setting<Double> RATE = CommonSettings.rate(0, "Offered load of the latency cells, events/s; 0"
            + " measures the maximum first and offers half of it");
    static final Setting<List<Long>> COMMIT_INTERVALS = Setting.longInteger("commit_intervals", 100, 0, HOUR_MS,
            "Exactly-once commit intervals of the latency cells, ms; at-least-once runs once at --commit-interval")
            .asList(List.of(20L, 100L, 1000L));
    static final Setting<Integer> REPEAT = Setting.integer("repeat", 1, 1, 100, "Run the rows N times, in turn,"
            + " and report each figure's median; ratios are taken within a round, where ceiling and rows ran"
            + " minutes apart rather than a whole run apart. The machine's speed drifts between runs; use 3 or more"
            + " for figures to quote");

    /** In the order {@code bench-stream --help} lists them. */
    static final SettingGroup GROUP = SettingGroup.of("bench-stream", ROWS.setting(), Quick.QUICK,
            EVENTS.setting(), LARGE_CATALOGUE_EVENTS, WARM_UP_EVENTS.setting(), ServeSettings.BATCH_SIZE,
            BATCH_WAIT_MS, CONCURRENT_SESSIONS, PARTITIONS, ServeSettings.STREAM_THREADS,
            ServeSettings.PROCESSING_GUARANTEE, COMMIT_INTERVAL_MS, LIMIT_BATCH_SIZES, LIMIT_SECONDS.setting(),
            ROW_TIMEOUT_SECONDS, CEILING_STATE_BYTES, JSON, LATENCY, LATENCY_ROW, RATE, COMMIT_INTERVALS, REPEAT);

    private StreamBenchOptions() {
    }
}
