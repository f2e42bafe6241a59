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
 * @param batch          how events are gathered into one model call
 * @param events         what an event may be, and the most the app writes in one record
 */
public record TopologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap, int topK,
                               ScoringBatch batch, EventLimits events) {
    public static final String STATE_STORE = "session-state";
    /** The store whose flush answers a task's pending events before the task commits (see {@link CommitBarrier}). */
    public static final String COMMIT_BARRIER = "pending-answers";
    public static final int DEFAULT_SEQUENCE_LENGTH = 20;
    public static final Duration DEFAULT_SESSION_GAP = Duration.ofMinutes(30);
    public static final int DEFAULT_TOP_K = 20;

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(sessionGap, "sessionGap");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(events, "events");
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be at least 1");
        }
        if (sessionGap.isNegative() || sessionGap.isZero()) {
            throw new IllegalArgumentException("sessionGap must be positive");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        events.checkFits(topK, sequenceLength);
    }

    public TopologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap, int topK,
                            ScoringBatch batch) {
        this(topics, sequenceLength, sessionGap, topK, batch, EventLimits.DEFAULT);
    }

    public TopologySettings(TopicCatalogue topics, int sequenceLength, Duration sessionGap, int topK) {
        this(topics, sequenceLength, sessionGap, topK, ScoringBatch.DEFAULT);
    }

    public TopologySettings withBatch(ScoringBatch scoringBatch) {
        return new TopologySettings(topics, sequenceLength, sessionGap, topK, scoringBatch, events);
    }

    public TopologySettings withEvents(EventLimits limits) {
        return new TopologySettings(topics, sequenceLength, sessionGap, topK, batch, limits);
    }

    /** The session-state store's changelog topic, which Kafka Streams names after the application and the store. */
    public static String stateChangelog(String applicationId) {
        return applicationId + "-" + STATE_STORE + "-changelog";
    }

    public static TopologySettings defaults(TopicCatalogue topics) {
        return new TopologySettings(topics, DEFAULT_SEQUENCE_LENGTH, DEFAULT_SESSION_GAP, DEFAULT_TOP_K);
    }
}
