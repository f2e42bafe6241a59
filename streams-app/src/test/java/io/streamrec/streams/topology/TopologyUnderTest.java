package io.streamrec.streams.topology;

import io.streamrec.streams.app.BoundedRocksDbMemory;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.popularity.PopularityRanking;
import io.streamrec.streams.serving.ServingStats;
import io.streamrec.streams.session.SessionState;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The recommendation topology under a {@link TopologyTestDriver}, configured as production runs it (exactly-once, and
 * the RocksDB memory bound, so the real store runs with the shared cache), with its topics and session store at hand.
 * Closing it closes the driver; the model lines stay the test's to close.
 *
 * @param <K> the type the test writes event keys and reads answer keys as (text, or raw bytes for keys that are not)
 */
public record TopologyUnderTest<K>(TopologySettings settings, TopologyTestDriver driver,
                                   TestInputTopic<K, byte[]> events, TestOutputTopic<K, byte[]> recommendations,
                                   TestOutputTopic<byte[], byte[]> deadLetters,
                                   KeyValueStore<String, SessionState> store) implements AutoCloseable {
    private static final long ROCKSDB_MEMORY_BYTES = 16L * 1024 * 1024;

    public static <K> TopologyUnderTest<K> start(String applicationId, Serde<K> keys, TopologySettings settings,
                                                 ModelLines lines, PopularityRanking popularity, ServingStats stats) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(ROCKSDB_MEMORY_BYTES));
        TopologyTestDriver driver = new TopologyTestDriver(
                RecommendationTopology.build(settings, lines, popularity, stats), props);
        return new TopologyUnderTest<>(settings, driver,
                driver.createInputTopic(settings.topics().events(), keys.serializer(), new ByteArraySerializer()),
                driver.createOutputTopic(settings.topics().recommendations(), keys.deserializer(),
                        new ByteArrayDeserializer()),
                driver.createOutputTopic(settings.topics().deadLetters(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                driver.getKeyValueStore(TopologySettings.STATE_STORE));
    }

    /** The topic the keyer resends events to under their session key, which the driver feeds back in. */
    public TestOutputTopic<String, byte[]> rekeyedEvents() {
        return driver.createOutputTopic(settings.topics().rekeyedEvents(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
