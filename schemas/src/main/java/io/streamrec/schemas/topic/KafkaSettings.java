package io.streamrec.schemas.topic;

import io.streamrec.schemas.settings.Setting;

/**
 * Where streamrec's Kafka is and what its topics are called: the two settings every command that talks to Kafka
 * offers (the streams app, the trainer, the launcher's tools), declared once so they read and default alike.
 */
public final class KafkaSettings {
    public static final Setting<String> BOOTSTRAP = Setting.text("bootstrap", "127.0.0.1:9092",
            "Kafka bootstrap servers");
    public static final Setting<String> TOPIC_PREFIX = Setting.text("topic_prefix", TopicCatalogue.DEFAULT_PREFIX,
            "Topic name prefix");

    private KafkaSettings() {
    }
}
