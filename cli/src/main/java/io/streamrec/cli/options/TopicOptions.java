package io.streamrec.cli.options;

import io.streamrec.schemas.topic.TopicCatalogue;
import picocli.CommandLine.Option;

/** Which topics are streamrec's: the option of every command that creates or uses them. */
public final class TopicOptions {
    @Option(names = "--topic-prefix", defaultValue = "streamrec-", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    public TopicCatalogue catalogue() {
        return TopicCatalogue.withPrefix(topicPrefix);
    }
}
