package io.streamrec.broker;

import io.streamrec.options.TopicOptions;
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
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, logDir, false);
        broker.createTopics(topics.catalogue().newTopics(partitions, (short) 1));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (log dir " + logDir
                + "); Ctrl-C stops it.");
        broker.awaitShutdown();
        return 0;
    }
}
