package io.streamrec.bench;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Every setting of {@code bench-train}, declared once. */
final class TrainBenchOptions {
    private static final int MANY = Integer.MAX_VALUE;

    /** Training events per row when neither --events nor --sessions is given. */
    static final int DEFAULT_EVENTS = 100_000;

    static final Setting<List<String>> ROWS = Setting.text("rows", "rsc15", "Rows to run, in order: built-in GRU4Rec"
            + " parameter sets of the settings published with the reference implementation").asList(TrainRow.NAMES);
    static final Setting<Integer> ITEMS = Setting.integer("items", 40_000, 2, MANY,
            "Catalogue size of the generated sessions");
    static final Setting<Integer> EVENTS = Setting.integer("events", DEFAULT_EVENTS, 1, MANY, "Training events"
            + " (input -> next item, as both trainers count them) per epoch; "
            + String.format(Locale.ROOT, "%,d", DEFAULT_EVENTS) + " when neither this nor --sessions is given")
            .optional();
    static final Setting<Integer> SESSIONS = Setting.integer("sessions", 1, 1, MANY,
            "Generated training sessions instead of --events (about four training events each)").optional();
    static final Setting<Integer> EPOCHS = Setting.integer("epochs", 1, 1, 10_000, "Epochs per run, on both sides");
    static final Setting<Long> SEED = CommonSettings.seed(42, "Seed of the generated sessions and of streamrec's"
            + " training");
    static final Setting<Path> REFERENCE = Setting.path("reference", Path.of("none"), "A checkout of GRU4Rec's"
            + " reference implementation (the directory with run.py): each row then also trains with it, on the same"
            + " data and setting, in the same sitting").optional();
    static final Setting<String> PYTHON = Setting.text("python", "python3", "The Python that runs the reference;"
            + " default /usr/bin/python3 if it exists, else python3 on the PATH").optional();
    static final Setting<Long> ROW_TIMEOUT_SECONDS = Setting.longInteger("row_timeout", 3600, 1, 86_400,
            "Stop one side's training after this many seconds; the row is reported as failed");
    static final Setting<Path> JSON = Setting.path("json", Path.of("target", "bench-train.json"),
            "Where to write every figure as JSON");

    /** In the order {@code bench-train --help} lists them. */
    static final SettingGroup GROUP = SettingGroup.of("bench-train", ROWS, ITEMS, EVENTS, SESSIONS, EPOCHS, SEED,
            REFERENCE, PYTHON, ROW_TIMEOUT_SECONDS, JSON);

    private TrainBenchOptions() {
    }
}
