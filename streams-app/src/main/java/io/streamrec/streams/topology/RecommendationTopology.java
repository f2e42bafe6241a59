package io.streamrec.streams.topology;

import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.serving.SessionRecommender;
import io.streamrec.streams.session.SessionStateSerde;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * events ─▶ click-processor (+ session-state store) ─┬▶ recommendations
 *                                                    └▶ dead letters
 *
 * <p>Built here rather than in {@code main} so that tests run exactly the production topology.
 */
public final class RecommendationTopology {
    static final String SOURCE = "events-source";
    static final String PROCESSOR = "click-processor";
    static final String RECOMMENDATIONS_SINK = "recommendations-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private RecommendationTopology() {
    }

    public static Topology build(TopologySettings settings, SessionRecommender recommender,
                                 PopularityRanking popularity, ServingStats stats) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.topics().events());
        topology.addProcessor(PROCESSOR, () -> new ClickEventProcessor(settings, recommender, popularity, stats), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologySettings.STATE_STORE), Serdes.String(), new SessionStateSerde()),
                PROCESSOR);
        topology.addSink(RECOMMENDATIONS_SINK, settings.topics().recommendations(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.topics().deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
