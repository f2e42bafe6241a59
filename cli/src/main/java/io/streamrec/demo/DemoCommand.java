package io.streamrec.demo;

import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.streams.app.ServeSettings;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

@Command(name = "demo", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {
            "Run the whole system on one machine, end to end.",
            "",
            "Starts an embedded Kafka broker (KRaft, 127.0.0.1), generates session clicks (or reads --data), trains",
            "GRU4Rec, publishes it, starts the streams app, replays held-out sessions as live events while a second",
            "model version is trained and hot-swapped in, and prints a summary. Exits non-zero if any event went",
            "unanswered (events in != recommendations out + dead-lettered)."
        })
public final class DemoCommand extends SettingsCommand {
    static final String LOG_FILE = "demo.log";

    public DemoCommand() {
        super(DemoOptions.GROUP);
    }

    @Override
    protected int run(Settings options) throws Exception {
        DemoSettings settings = resolved(options);
        if (settings.data() != null && !Files.exists(settings.data())) {
            // before the broker starts, not after
            throw new NoSuchFileException(settings.data().toString());
        }
        Files.createDirectories(settings.workDir());
        try (DemoLogging logging = DemoLogging.toFile(settings.logFile())) {
            DemoSummary summary = new Demo(settings, System.out).run();
            return summary.noEventLost() ? 0 : 1;
        }
    }

    /** What the demo is told, from the settings. */
    static DemoSettings resolved(Settings s) {
        Path workDir = s.get(DemoOptions.WORK_DIR);
        return new DemoSettings(s.get(DemoOptions.DATA), s.get(DemoOptions.ITEMS), s.get(DemoOptions.SESSIONS),
                s.get(DemoOptions.SEED), s.get(DemoOptions.TEST_FRACTION), s.get(DemoOptions.MAX_LIVE_EVENTS),
                s.get(DemoOptions.RATE), s.get(DemoOptions.EPOCHS), s.get(DemoOptions.SECOND_MODEL_AT),
                s.get(DemoOptions.MALFORMED_EVERY), s.get(DemoOptions.LIVE_SESSIONS),
                s.get(DemoOptions.LIVE_EVERY_SECONDS), s.get(DemoOptions.PARTITIONS),
                s.get(ServeSettings.PROCESSING_GUARANTEE), s.get(DemoOptions.SUMMARY_JSON), workDir,
                workDir.resolve(LOG_FILE));
    }
}
