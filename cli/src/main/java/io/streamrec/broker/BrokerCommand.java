package io.streamrec.broker;

import io.streamrec.cli.options.CommonSettings;
import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.schemas.UserError;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.ServeSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import picocli.CommandLine.Command;

@Command(name = "broker", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = "Run a standalone single-node Apache Kafka broker (KRaft) on 127.0.0.1 and create streamrec's topics.")
public final class BrokerCommand extends SettingsCommand {

    static final Setting<Integer> PORT = Setting.integer("port", 9092, 0, 65_535, "Client port");
    static final Setting<Path> LOG_DIR = Setting.path("log_dir", Path.of(System.getProperty("java.io.tmpdir"),
            "streamrec-broker"), "Log directory; formatted on first start and kept");
    static final Setting<Integer> PARTITIONS = CommonSettings.partitions(4,
            "Partitions of the events, recommendations and dead-letter topics");
    static final SettingGroup GROUP = SettingGroup.of("broker", PORT, LOG_DIR, PARTITIONS, ServeSettings.TOPIC_PREFIX);

    public BrokerCommand() {
        super(GROUP);
    }

    @Override
    protected int run(Settings options) {
        requireFreePort(options.get(PORT));
        int port = options.get(PORT);
        Path logDir = options.get(LOG_DIR);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, logDir, false);
        broker.createTopics(TopicCatalogue.withPrefix(options.get(ServeSettings.TOPIC_PREFIX))
                .newTopics(options.get(PARTITIONS), (short) 1));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (log dir " + logDir
                + "); Ctrl-C stops it.");
        broker.awaitShutdown();
        return 0;
    }

    /** A port another process holds, said in one line now rather than in Kafka's stack trace seconds later. */
    private static void requireFreePort(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(EmbeddedKafkaBroker.HOST, port));
        } catch (IOException e) {
            throw new UserError("cannot listen on " + EmbeddedKafkaBroker.HOST + ":" + port + ": " + e.getMessage(),
                    "another process holds that port, perhaps a broker already running: stop it or give --port another");
        }
    }
}
