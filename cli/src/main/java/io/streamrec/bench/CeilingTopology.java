package io.streamrec.bench;

import io.streamrec.model.ModelState;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.session.SessionStateSerde;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The ceiling: a bare Kafka Streams topology of streamrec's shape and nothing else. Bytes in from an events topic,
 * one RocksDB get and one put per event of a value as large as streamrec's session state, one output record per
 * input (with the input's timestamp, as the app's) as large as a recommendation; no JSON, no model, no popularity.
 * Whatever streamrec does per event beyond this is its own cost.
 */
final class CeilingTopology {
    static final String STORE = "ceiling-state";
    static final String SOURCE = "events";
    static final String PROCESSOR = "ceiling";
    static final String SINK = "answers";

    private CeilingTopology() {
    }

    static Topology build(String eventsTopic, String outputTopic, int stateBytes, int outputBytes) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), eventsTopic);
        topology.addProcessor(PROCESSOR, () -> new CeilingProcessor(stateBytes, outputBytes), SOURCE);
        // Persistent, logged and cached as the app's store is by default: the changelog is part of the cost.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                Serdes.ByteArray()), PROCESSOR);
        topology.addSink(SINK, outputTopic, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }

    /**
     * Bytes of a typical stored session state, as {@link SessionStateSerde} writes it: L = 20 items of a 60k-item
     * catalogue's ids, a GRU state of 100 floats tagged with its model, the 100 floats its last answer was computed
     * on, and the 20 items last served. Real sessions are often shorter than L, so this errs on the costly side,
     * which makes the ceiling lower, not higher.
     */
    static int typicalStateBytes() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add("i" + (40_000 + i));
        }
        int[] served = new int[20];
        Arrays.fill(served, 123_456_789);
        SessionState state = new SessionState(items, 1_700_000_000_000L, null)
                .answered(new ModelState("gru4rec", 1, new float[100]), new ModelState("gru4rec", 1, new float[100]),
                        new ServedList("gru4rec", 1, served));
        return SessionStateSerde.toBytes(state).length;
    }

    /** Bytes of a typical answer: a recommendation of 20 items of a 60k-item catalogue, as the app writes it. */
    static int typicalOutputBytes() {
        List<RecommendedItem> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new RecommendedItem("i" + (40_000 + i), 7.3125f - i * 0.173f));
        }
        Recommendation answer = new Recommendation("s123456", null, "i40000", 1_700_000_000_000L, items, "gru4rec",
                1, 1_763_900_000_000L, "gru4rec");
        TopicCatalogue topics = TopicCatalogue.defaults();
        return topics.recommendationTopic().valueSerde().serializer().serialize(topics.recommendations(), answer)
                .length;
    }

    /** Reads the session's value, writes a new one of the same size, answers once. */
    static final class CeilingProcessor implements Processor<byte[], byte[], byte[], byte[]> {
        private static final byte[] NO_KEY = new byte[0];
        private final int stateBytes;
        private final int outputBytes;
        private KeyValueStore<Bytes, byte[]> store;
        private ProcessorContext<byte[], byte[]> context;

        CeilingProcessor(int stateBytes, int outputBytes) {
            this.stateBytes = stateBytes;
            this.outputBytes = outputBytes;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            byte[] keyBytes = record.key() == null ? NO_KEY : record.key();
            Bytes key = Bytes.wrap(keyBytes);
            byte[] previous = store.get(key);
            // A new array each time, carrying the old bytes forward with the event's written over its start, as the
            // app builds a new state from the old one: the copying is part of the work.
            byte[] next = new byte[stateBytes];
            if (previous != null) {
                System.arraycopy(previous, 0, next, 0, Math.min(previous.length, stateBytes));
            }
            byte[] event = record.value() == null ? NO_KEY : record.value();
            System.arraycopy(event, 0, next, 0, Math.min(event.length, stateBytes));
            store.put(key, next);
            context.forward(new Record<>(keyBytes, answer(event), record.timestamp()));
        }

        /** An output of the recommendation's size made of the event's bytes, so that it compresses like text would. */
        private byte[] answer(byte[] event) {
            byte[] out = new byte[outputBytes];
            if (event.length > 0) {
                for (int at = 0; at < outputBytes; at += event.length) {
                    System.arraycopy(event, 0, out, at, Math.min(event.length, outputBytes - at));
                }
            }
            return out;
        }
    }
}
