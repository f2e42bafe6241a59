package io.streamrec.replay;

import io.streamrec.cli.options.KafkaOptions;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.SessionDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send a session dataset (GRU4Rec TSV: SessionId, ItemId, Time) to the events topic as live events,"
                + " in time order, at a steady rate.")
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "GRU4Rec TSV file to replay.")
    Path data;

    @Option(names = "--rate", defaultValue = "200", description = "Events per second; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--limit", defaultValue = "0", description = "Stop after this many events; 0 for all (default: ${DEFAULT-VALUE}).")
    long limit;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        SessionDataset dataset = GruTsvReader.read(data);
        List<ClickEvent> events = ReplayOrder.inTimeOrder(dataset);
        if (limit > 0 && events.size() > limit) {
            events = events.subList(0, (int) limit);
        }
        int total = events.size();
        kafka.requireReachable();
        System.out.printf("Replaying %,d events from %s to %s at %s events/s%n", total, data, kafka.bootstrap(),
                rate > 0 ? rate : "max");
        long started = System.nanoTime();
        try (EventReplayer replayer = new EventReplayer(kafka.bootstrap(), kafka.topics())) {
            long step = Math.max(1, total / 20);
            replayer.replay(events, rate, (index, event) -> {
                if ((index + 1) % step == 0 || index + 1 == total) {
                    System.out.printf("  sent %,d / %,d (%.0f%%)%n", index + 1, total, 100.0 * (index + 1) / total);
                }
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Sent %,d events in %.1f s (%.0f events/s)%n", total, seconds, total / seconds);
        return 0;
    }
}
