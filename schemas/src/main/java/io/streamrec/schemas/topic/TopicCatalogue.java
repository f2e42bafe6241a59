package io.streamrec.schemas.topic;

import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.event.ClickEventSerde;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.verdict.ModelVerdict;
import io.streamrec.schemas.verdict.ModelVerdictSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics streamrec reads and writes, with the serde of each. Names default to {@code streamrec-*} and can be
 * prefixed or overridden as a whole.
 *
 * <ul>
 *   <li>events: {@link ClickEvent} JSON, keyed by session key</li>
 *   <li>rekeyed events: events that arrived under another key (or none), re-sent by the streams app under their
 *       session key so that a session's events meet in one partition; written and read by the app only</li>
 *   <li>recommendations: {@link Recommendation} JSON, keyed by session key</li>
 *   <li>dead letters: the refused event's original bytes (or their first bytes, for a record too large to write
 *       again), with {@link DeadLetterHeaders}</li>
 *   <li>models: model bundles ({@code ModelBundleCodec} bytes), keyed by model name, compacted</li>
 *   <li>model verdicts: {@link ModelVerdict} JSON, keyed by model name: each serving instance's acceptance or
 *       refusal of each bundle, read by publishers; kept a week</li>
 * </ul>
 */
public record TopicCatalogue(String events, String recommendations, String deadLetters, String models,
                             String rekeyedEvents, String modelVerdicts) {

    /** Bundles hold whole ONNX graphs; the broker's 1 MB default is far too small for a real catalogue. */
    public static final int MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
    /** Verdicts matter while a publisher waits for them, and for a look back at what happened; not for good. */
    static final long VERDICT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /**
     * The largest record the streams app's output topics (recommendations, dead letters, rekeyed events) must accept,
     * their {@code max.message.bytes}: the producer's 1 MiB default. The app keeps its records below it and
     * dead-letters in short form what would not fit, so no input can produce a record a topic refuses.
     */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    public static final String DEFAULT_PREFIX = "streamrec-";

    public static TopicCatalogue defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public static TopicCatalogue withPrefix(String prefix) {
        return new TopicCatalogue(prefix + "events", prefix + "recommendations", prefix + "dead-letters",
                prefix + "models", prefix + "events-rekeyed", prefix + "model-verdicts");
    }

    public Topic<String, ClickEvent> eventTopic() {
        return new Topic<>(events, Serdes.String(), new ClickEventSerde());
    }

    public Topic<String, Recommendation> recommendationTopic() {
        return new Topic<>(recommendations, Serdes.String(), new RecommendationSerde());
    }

    public Topic<byte[], byte[]> deadLetterTopic() {
        return new Topic<>(deadLetters, Serdes.ByteArray(), Serdes.ByteArray());
    }

    public Topic<String, byte[]> modelTopic() {
        return new Topic<>(models, Serdes.String(), Serdes.ByteArray());
    }

    public Topic<String, ModelVerdict> modelVerdictTopic() {
        return new Topic<>(modelVerdicts, Serdes.String(), new ModelVerdictSerde());
    }

    /**
     * Topic definitions for a cluster: data topics with {@code partitions}, the app's outputs with a record limit of
     * {@link #MAX_RECORD_BYTES} (the events topic keeps the broker's, which producers outside the app fill); the model
     * topic compacted, 1 partition; the verdicts 1 partition (a publisher reads it whole from where it stood), kept a
     * week.
     */
    public List<NewTopic> newTopics(int partitions, short replication) {
        Map<String, String> outputLimit = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(MAX_RECORD_BYTES));
        return List.of(
                new NewTopic(events, partitions, replication),
                new NewTopic(rekeyedEvents, partitions, replication).configs(outputLimit),
                new NewTopic(recommendations, partitions, replication).configs(outputLimit),
                new NewTopic(deadLetters, partitions, replication).configs(outputLimit),
                new NewTopic(models, 1, replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_BUNDLE_BYTES))),
                new NewTopic(modelVerdicts, 1, replication).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(VERDICT_RETENTION_MS))));
    }
}
