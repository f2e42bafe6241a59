package io.streamrec.cli.options;

import io.streamrec.schemas.topic.BrokerCheck;
import io.streamrec.schemas.topic.TopicCatalogue;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is and which topics are streamrec's: the options of every command that talks to Kafka. */
public final class KafkaOptions {
    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Mixin
    TopicOptions topics;

    public String bootstrap() {
        return bootstrap;
    }

    public TopicCatalogue topics() {
        return topics.catalogue();
    }

    /** Fails with one line saying so, within {@link BrokerCheck#WAIT}, unless the cluster answers. */
    public void requireReachable() {
        BrokerCheck.requireReachable(bootstrap);
    }
}
