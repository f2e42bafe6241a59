package io.streamrec.streams.topology;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;
import java.util.Objects;

/**
 * What shapes the topology.
 *
 * @param topics         topic names
 * @param sequenceLength L, how many recent items a session keeps
 * @param sessionGap     inactivity after which a click starts a new session
 * @param topK           items per recommendation
 */
public record TopologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap, int topK) {
    public static final String STATE_STORE = "session-state";
    public static final int DEFAULT_SEQUENCE_LENGTH = 20;
    public static final Duration DEFAULT_SESSION_GAP = Duration.ofMinutes(30);
    public static final int DEFAULT_TOP_K = 20;

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(sessionGap, "sessionGap");
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be at least 1");
        }
        if (sessionGap.isNegative() || sessionGap.isZero()) {
            throw new IllegalArgumentException("sessionGap must be positive");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
    }

    public static TopologySettings defaults(TopicCatalogue topics) {
        return new TopologySettings(topics, DEFAULT_SEQUENCE_LENGTH, DEFAULT_SESSION_GAP, DEFAULT_TOP_K);
    }
}
