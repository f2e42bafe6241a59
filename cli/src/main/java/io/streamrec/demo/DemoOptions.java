package io.streamrec.demo;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.streams.app.ServeSettings;
import java.nio.file.Path;

/** Every setting of {@code demo}, declared once; {@link DemoCommand} resolves them into {@link DemoSettings}. */
final class DemoOptions {
    private static final int MANY = Integer.MAX_VALUE;

    static final Setting<Path> DATA = Setting.path("data", Path.of("x"), "GRU4Rec TSV (SessionId, ItemId, Time)"
            + " instead of generated data").optional();
    static final Setting<Integer> ITEMS = Setting.integer("items", 1000, 1, MANY, "Generated catalogue size");
    static final Setting<Integer> SESSIONS = Setting.integer("sessions", 20_000, 1, MANY, "Generated sessions");
    static final Setting<Long> SEED = CommonSettings.seed(42, "Random seed");
    static final Setting<Double> TEST_FRACTION = Setting.decimal("test_fraction", 0.1, 0, 1,
            "Share of sessions, the latest, held out and replayed live");
    static final Setting<Integer> MAX_LIVE_EVENTS = Setting.integer("max_live_events", 8000, 0, MANY,
            "Cap on replayed events, whole sessions kept; 0 for all");
    static final Setting<Double> RATE = CommonSettings.rate(200, "Replay rate in events/s");
    static final Setting<Integer> EPOCHS = Setting.integer("epochs", 2, 1, 10_000, "Training epochs per model");
    static final Setting<Double> SECOND_MODEL_AT = Setting.decimal("second_model_at", 0.25, 0, 1,
            "Share of the replay after which version 2 starts training");
    static final Setting<Integer> MALFORMED_EVERY = Setting.integer("malformed_every", 500, 0, MANY,
            "Send one malformed event per this many good ones, to show dead-lettering; 0 for none");
    static final Setting<Integer> LIVE_SESSIONS = Setting.integer("live_sessions", 4, 0, 1000,
            "Sessions shown in the live view");
    static final Setting<Integer> LIVE_EVERY_SECONDS = Setting.integer("live_every", 5, 1, 86_400,
            "Seconds between live views");
    static final Setting<Integer> PARTITIONS = CommonSettings.partitions(4, "Partitions of the data topics");
    static final Setting<Path> SUMMARY_JSON = Setting.path("summary_json", Path.of("x"),
            "Also write the summary as JSON to this file").optional();
    static final Setting<Path> WORK_DIR = Setting.path("work_dir", Path.of("streamrec-demo"), "Where the demo"
            + " writes its log (" + DemoCommand.LOG_FILE + ", kept) and its stream state (removed at the end)");

    /** In the order {@code demo --help} lists them. */
    static final SettingGroup GROUP = SettingGroup.of("demo", DATA, ITEMS, SESSIONS, SEED, TEST_FRACTION,
            MAX_LIVE_EVENTS, RATE, EPOCHS, SECOND_MODEL_AT, MALFORMED_EVERY, LIVE_SESSIONS, LIVE_EVERY_SECONDS,
            PARTITIONS, ServeSettings.PROCESSING_GUARANTEE, SUMMARY_JSON, WORK_DIR);

    private DemoOptions() {
    }
}
