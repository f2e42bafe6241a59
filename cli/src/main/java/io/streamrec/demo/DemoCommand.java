package io.streamrec.demo;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the whole system on one machine, end to end.",
            "",
            "Starts an embedded Kafka broker (KRaft, 127.0.0.1), generates session clicks (or reads --data), trains",
            "GRU4Rec, publishes it, starts the streams app, replays held-out sessions as live events while a second",
            "model version is trained and hot-swapped in, and prints a summary. Exits non-zero if any event went",
            "unanswered (events in != recommendations out + dead-lettered)."
        })
public final class DemoCommand implements Callable<Integer> {
    static final String LOG_FILE = "demo.log";

    @Option(names = "--data", paramLabel = "FILE", description = "GRU4Rec TSV (SessionId, ItemId, Time) instead of generated data.")
    Path data;

    @Option(names = "--items", defaultValue = "1000", description = "Generated catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--sessions", defaultValue = "20000", description = "Generated sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.1",
            description = "Share of sessions, the latest, held out and replayed live (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--max-live-events", defaultValue = "8000",
            description = "Cap on replayed events, whole sessions kept; 0 for all (default: ${DEFAULT-VALUE}).")
    int maxLiveEvents;

    @Option(names = "--rate", defaultValue = "200", description = "Replay rate in events/s (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--epochs", defaultValue = "2", description = "Training epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--second-model-at", defaultValue = "0.25",
            description = "Share of the replay after which version 2 starts training (default: ${DEFAULT-VALUE}).")
    double secondModelAt;

    @Option(names = "--malformed-every", defaultValue = "500",
            description = "Send one malformed event per this many good ones, to show dead-lettering; 0 for none (default: ${DEFAULT-VALUE}).")
    int malformedEvery;

    @Option(names = "--live-sessions", defaultValue = "4", description = "Sessions shown in the live view (default: ${DEFAULT-VALUE}).")
    int liveSessions;

    @Option(names = "--live-every", defaultValue = "5", description = "Seconds between live views (default: ${DEFAULT-VALUE}).")
    int liveEverySeconds;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the data topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--summary-json", paramLabel = "PATH", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "streamrec-demo",
            description = "Where the demo writes its log (demo.log, kept) and its stream state (removed at the end)"
                    + " (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (data != null && !Files.exists(data)) {
            // before the broker starts, not after
            throw new NoSuchFileException(data.toString());
        }
        Path logFile = workDir.resolve(LOG_FILE);
        DemoSettings settings = new DemoSettings(data, items, sessions, seed, testFraction, maxLiveEvents, rate, epochs,
                secondModelAt, malformedEvery, liveSessions, liveEverySeconds, partitions, processingGuarantee,
                summaryJson, workDir, logFile);
        Files.createDirectories(workDir);
        try (DemoLogging logging = DemoLogging.toFile(logFile)) {
            DemoSummary summary = new Demo(settings, System.out).run();
            return summary.noEventLost() ? 0 : 1;
        }
    }
}
