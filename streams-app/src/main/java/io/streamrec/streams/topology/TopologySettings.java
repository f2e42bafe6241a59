package io.streamrec.streams.topology;

import io.streamrec.schemas.topic.TopicCatalogue;
import java.time.Duration;

/**
 * What shapes the topology.
 *
 * @param topics         topic names
 * @param sequenceLength L, how many recent items a session keeps
 * @param sessionGap     inactivity after which a click starts a new session
 */
public record TopologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap) {
    public static final String STATE_STORE = "session-state";

    public TopologySettings {
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be at least 1");
        }
    }
}
