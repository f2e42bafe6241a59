package io.streamrec.replay;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.BrokerCheck;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.ServeSettings;
import io.streamrec.trainer.data.GruTsvReader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = "Send a session dataset (GRU4Rec TSV: SessionId, ItemId, Time) to the events topic as live events,"
                + " in time order, at a steady rate.")
public final class ReplayCommand extends SettingsCommand {

    static final Setting<Double> RATE = CommonSettings.rate(200, "Events per second; 0 for as fast as possible");
    static final Setting<Long> LIMIT = Setting.longInteger("limit", 0, 0, Long.MAX_VALUE,
            "Stop after this many events; 0 for all");
    static final SettingGroup GROUP = SettingGroup.of("replay", RATE, LIMIT, ServeSettings.BOOTSTRAP,
            ServeSettings.TOPIC_PREFIX);

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "GRU4Rec TSV file to replay.")
    Path data;

    public ReplayCommand() {
        super(GROUP);
    }

    @Override
    protected int run(Settings options) throws Exception {
        List<ClickEvent> events = ReplayOrder.inTimeOrder(GruTsvReader.read(data));
        double rate = options.get(RATE);
        long limit = options.get(LIMIT);
        String bootstrap = options.get(ServeSettings.BOOTSTRAP);
        if (limit > 0 && events.size() > limit) {
            events = events.subList(0, (int) limit);
        }
        int total = events.size();
        BrokerCheck.requireReachable(bootstrap);
        System.out.printf("Replaying %,d events from %s to %s at %s events/s%n", total, data, bootstrap,
                rate > 0 ? rate : "max");
        long started = System.nanoTime();
        try (EventReplayer replayer = new EventReplayer(bootstrap,
                TopicCatalogue.withPrefix(options.get(ServeSettings.TOPIC_PREFIX)))) {
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
