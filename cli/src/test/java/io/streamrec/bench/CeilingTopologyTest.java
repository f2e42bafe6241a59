package io.streamrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeilingTopologyTest {
    @TempDir
    Path stateDir;

    @Test
    void answersEveryEventOnceWithItsTimestampAndKeepsAStateOfTheGivenSize() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ceiling-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(CeilingTopology.build("in", "out", 300, 700),
                props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            in.pipeInput(bytes("s1"), bytes("{\"sessionId\":\"s1\",\"itemId\":\"i1\"}"), 1_000L);
            in.pipeInput(bytes("s2"), bytes("{\"sessionId\":\"s2\",\"itemId\":\"i7\"}"), 2_000L);
            in.pipeInput(bytes("s1"), bytes("{\"sessionId\":\"s1\",\"itemId\":\"i2\"}"), 3_000L);
            in.pipeInput(null, bytes("{\"itemId\":\"i3\"}"), 4_000L);

            List<TestRecord<byte[], byte[]>> answers = out.readRecordsToList();
            assertThat(answers).hasSize(4);
            assertThat(answers).extracting(TestRecord::timestamp).containsExactly(1_000L, 2_000L, 3_000L, 4_000L);
            assertThat(answers).allSatisfy(a -> assertThat(a.value()).hasSize(700));
            assertThat(new String(answers.get(2).key(), StandardCharsets.UTF_8)).isEqualTo("s1");

            KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(CeilingTopology.STORE);
            int keys = 0;
            try (var all = store.all()) {
                while (all.hasNext()) {
                    all.next();
                    keys++;
                }
            }
            assertThat(keys).isEqualTo(3);   // s1, s2 and the keyless event's empty key
            byte[] s1 = store.get(Bytes.wrap(bytes("s1")));
            assertThat(s1).hasSize(300);
            // The latest event was written over the start of the stored value.
            byte[] latest = bytes("{\"sessionId\":\"s1\",\"itemId\":\"i2\"}");
            assertThat(java.util.Arrays.copyOf(s1, latest.length)).isEqualTo(latest);
        }
    }

    @Test
    void typicalSizesComeFromTheAppsOwnSerdes() {
        // 20 item ids, 100 floats and 20 fingerprints cannot fit in less; nor a 20-item JSON answer.
        assertThat(CeilingTopology.typicalStateBytes()).isBetween(20 * 4 + 100 * 4 + 20 * 4, 2_000);
        assertThat(CeilingTopology.typicalOutputBytes()).isBetween(20 * 20, 4_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
