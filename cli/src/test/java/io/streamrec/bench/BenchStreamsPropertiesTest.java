package io.streamrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.streams.topology.ScoringBatch;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class BenchStreamsPropertiesTest {
    @Test
    void theCeilingGetsTheAppsGuaranteeCommitIntervalAndExtrasWithExtrasLast() {
        StreamsAppConfig config = StreamsAppConfig.defaults("127.0.0.1:9092").withApplicationId("c")
                .withProcessingGuarantee(StreamsAppConfig.AT_LEAST_ONCE).withCommitInterval(Duration.ofMillis(250))
                .withExtraStreams(Map.of("producer.linger.ms", "50", "num.stream.threads", "2"));
        Properties p = StreamsApp.kafkaStreamsProperties(config);
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
        assertThat(p.get("producer.linger.ms")).isEqualTo("50");
        assertThat(p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("2");
        assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("c");
    }

    @Test
    void aKafkaPropertyCommitIntervalWinsAsInTheAppUnlessALatencyCellSetsItsOwn() {
        StreamRunner.Settings settings = new StreamRunner.Settings(2, 1, StreamsAppConfig.EXACTLY_ONCE_V2,
                Duration.ofMillis(100), ScoringBatch.DEFAULT, Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "5000"),
                Duration.ofMinutes(3));
        assertThat(settings.effectiveCommitIntervalMs()).isEqualTo(5000);
        StreamRunner.Settings cell = settings.withCommitInterval(Duration.ofMillis(20));
        assertThat(cell.effectiveCommitIntervalMs()).isEqualTo(20);
        assertThat(cell.extraStreams()).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    }
}
