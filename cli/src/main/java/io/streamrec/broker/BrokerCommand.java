package io.streamrec.broker;

import io.streamrec.cli.options.TopicOptions;
import io.streamrec.schemas.UserError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a standalone single-node Apache Kafka broker (KRaft) on 127.0.0.1 and create streamrec's topics.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--log-dir", defaultValue = "${sys:java.io.tmpdir}/streamrec-broker",
            description = "Log directory; formatted on first start and kept (default: ${DEFAULT-VALUE}).")
    Path logDir;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of the events, recommendations and dead-letter topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    TopicOptions topics;

    @Override
    public Integer call() {
        requireFreePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, logDir, false);
        broker.createTopics(topics.catalogue().newTopics(partitions, (short) 1));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (log dir " + logDir
                + "); Ctrl-C stops it.");
        broker.awaitShutdown();
        return 0;
    }

    /** A port another process holds, said in one line now rather than in Kafka's stack trace seconds later. */
    private void requireFreePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(EmbeddedKafkaBroker.HOST, port));
        } catch (IOException e) {
            throw new UserError("cannot listen on " + EmbeddedKafkaBroker.HOST + ":" + port + ": " + e.getMessage(),
                    "another process holds that port, perhaps a broker already running: stop it or give --port another");
        }
    }
}
