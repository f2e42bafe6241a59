package io.streamrec.streams.topology;

import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.SessionStateSerde;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * <pre>
 * events ─────────┬─▶ click-processor (+ session-state store) ─┬▶ recommendations
 * events-rekeyed ─┘                                              ├▶ dead letters
 *       ▲                                                        │
 *       └──────────── events keyed other than by session ────────┘
 * </pre>
 *
 * <p>Events are read as raw bytes and parsed inside the processor, so a malformed record becomes a dead letter
 * instead of a deserialisation failure that stops the stream thread; so does an event over the
 * {@link EventLimits}, and an answer or state too large to write. Producers are asked to key events by session
 * key, so one session's events share a partition and therefore a store; the click processor re-sends events keyed
 * otherwise under their session key through the rekeyed-events topic, so none are answered from the wrong store.
 *
 * <p>Built here rather than in {@code main} so that tests run exactly the production topology.
 */
public final class RecommendationTopology {
    public static final String SOURCE = "events-source";
    public static final String REKEY_SINK = "rekeyed-events-sink";
    public static final String REKEYED_SOURCE = "rekeyed-events-source";
    public static final String PROCESSOR = "click-processor";
    public static final String RECOMMENDATIONS_SINK = "recommendations-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private RecommendationTopology() {
    }

    /**
     * The topology of one app instance.
     *
     * @param lines      the model lines and the route to them; each line's model is read per event and swapped by
     *                   the model watcher
     * @param popularity updated with every valid event and used as the fallback answer
     * @param stats      counters this topology updates
     */
    public static Topology build(TopologySettings settings, ModelLines lines, PopularityRanking popularity,
                                 ServingStats stats) {
        SessionRecommender recommender = new SessionRecommender(lines, popularity, stats, settings.topK());
        Topology topology = new Topology();
        // A new application id starts from the beginning of the events topic rather than skipping what is there.
        topology.addSource(AutoOffsetReset.earliest(), SOURCE, new RecordTimeOrFallback(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.topics().events());
        // Subscribed by pattern so that a deployment that has not created this topic yet still starts; the app
        // creates it (StreamsApp) and the subscription picks it up.
        topology.addSource(AutoOffsetReset.earliest(), REKEYED_SOURCE, new RecordTimeOrFallback(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Pattern.compile(Pattern.quote(settings.topics().rekeyedEvents())));
        topology.addProcessor(PROCESSOR,
                () -> new ClickEventProcessor(settings, lines, recommender, popularity, stats), SOURCE,
                REKEYED_SOURCE);
        // The changelog takes records as large as the output topics do: a state the processor let through must not
        // be refused there (a changelog Kafka Streams created earlier keeps its limit; the app checks it at start).
        topology.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologySettings.STATE_STORE), Serdes.String(),
                        new SessionStateSerde())
                        .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                Integer.toString(settings.events().maxRecordBytes()))),
                PROCESSOR);
        topology.addStateStore(CommitBarrier.builder(TopologySettings.COMMIT_BARRIER), PROCESSOR);
        topology.addSink(REKEY_SINK, settings.topics().rekeyedEvents(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        topology.addSink(RECOMMENDATIONS_SINK, settings.topics().recommendations(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.topics().deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
