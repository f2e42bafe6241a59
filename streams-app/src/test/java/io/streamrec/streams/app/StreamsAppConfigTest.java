package io.streamrec.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.ExecutionDevice;
import io.streamrec.schemas.bundle.BundleTrust;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.serving.ModelAcceptance;
import io.streamrec.streams.deadletter.DeadLetterProductionHandler;
import io.streamrec.streams.topology.EventLimits;
import io.streamrec.streams.topology.ScoringBatch;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092");
        assertThat(config.applicationId()).isEqualTo("streamrec");
        assertThat(config.topics()).isEqualTo(TopicCatalogue.defaults());
        assertThat(config.sequenceLength()).isEqualTo(20);
        assertThat(config.sessionGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.topK()).isEqualTo(20);
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.streamThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.batch()).isEqualTo(new ScoringBatch(256, Duration.ofMillis(1)));
        assertThat(config.modelName()).isEqualTo("gru4rec");
        assertThat(config.scoring().device()).isEqualTo(ExecutionDevice.CPU);
        assertThat(config.scoring().intraOpThreads()).isEqualTo(1);
        assertThat(config.httpPort()).isZero();
        assertThat(config.models()).as("no key: every bundle refused until told whose to believe")
                .isEqualTo(ModelAcceptance.of(BundleTrust.nothing()));
        assertThat(config.withModelTrust(BundleTrust.unsigned()).models().trust()).isEqualTo(BundleTrust.unsigned());
    }

    @Test
    void servesOneLineByDefaultAndASplitWithAShadowWhenGivenOne() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092");
        assertThat(config.serving().lines()).containsExactly("gru4rec");
        StreamsAppConfig ab = config.withServing(io.streamrec.streams.lines.ServingPlan.parse("gru4rec=50,caser=50",
                "sasrec"));
        assertThat(ab.serving().lines()).containsExactly("gru4rec", "caser", "sasrec");
        assertThat(ab.modelName()).as("the primary line").isEqualTo("gru4rec");
        assertThat(ab.withModel("narm", config.scoring()).serving().lines()).containsExactly("narm");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092");
        assertThatThrownBy(() -> config.withProcessingGuarantee("exactly_once")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withTopK(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withSession(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withSession(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withHttp("127.0.0.1", -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withStreamThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsPropertiesCarryTheGuaranteeTheMemoryBoundAndTheExtrasLast() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092")
                .withProcessingGuarantee("at_least_once")
                .withStreamThreads(3)
                .withCommitInterval(Duration.ofSeconds(2))
                .withRocksDbMemoryBytes(32L * 1024 * 1024)
                .withExtraStreams(Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1",
                        StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"));
        Properties p = StreamsApp.streamsProperties(config, null);
        assertThat(p)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "2000")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2")
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(32L * 1024 * 1024))
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void theProducerWritesNoRecordOrBatchTheTopicsRefuseAndDeadLettersWhatTheyRefuseAllTheSame() {
        StreamsAppConfig config = StreamsAppConfig.defaults("broker:9092");
        assertThat(config.events()).isEqualTo(EventLimits.DEFAULT);
        Properties p = StreamsApp.streamsProperties(config, null);
        assertThat(p)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                        Integer.toString(1024 * 1024 - EventLimits.FRAMING_MARGIN))
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                        Integer.toString(256 * 1024))
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterProductionHandler.class)
                .containsEntry(DeadLetterProductionHandler.DEAD_LETTER_TOPIC_CONFIG, "streamrec-dead-letters");

        // Topics that take only 100 KB: batches must stay below that too.
        Properties small = StreamsApp.streamsProperties(config.withEvents(
                EventLimits.DEFAULT.fittedTo("t", 100_000)), null);
        assertThat(small)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                        Integer.toString(100_000 - EventLimits.FRAMING_MARGIN))
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                        Integer.toString(100_000 - EventLimits.FRAMING_MARGIN));
        assertThatThrownBy(() -> config.withEvents(new EventLimits(65_536, 100_000, false, 1 << 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answers of 20 items");
    }
}
