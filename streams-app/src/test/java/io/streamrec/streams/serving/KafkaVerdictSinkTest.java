package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.schemas.verdict.ModelVerdict;
import io.streamrec.schemas.verdict.ModelVerdictSerde;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaVerdictSinkTest {
    private static final ModelVerdict REFUSED = new ModelVerdict("gru4rec", 3, 0, 17, "app@host:8080", false,
            "version 3 is not newer than the serving version 3", "2026-11-23T10:00:00Z");

    /** A producer that completes each send at once ({@code autoComplete}) or when the test says how. */
    private static MockProducer<String, ModelVerdict> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ModelVerdictSerde().serializer());
    }

    @Test
    void writesEachVerdictUnderItsModelNameOffTheCallersThreadAndFlushesOnClose() {
        MockProducer<String, ModelVerdict> producer = producer(true);
        try (KafkaVerdictSink sink = new KafkaVerdictSink(producer, "streamrec-model-verdicts")) {
            sink.report(REFUSED);
        }

        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("streamrec-model-verdicts");
            assertThat(r.key()).isEqualTo("gru4rec");
            assertThat(r.value()).isEqualTo(REFUSED);
        });
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aVerdictThatCannotBeWrittenIsLoggedAndTheNextOneStillGoes() {
        MockProducer<String, ModelVerdict> producer = producer(false);
        try (KafkaVerdictSink sink = new KafkaVerdictSink(producer, "missing-topic")) {
            sink.report(REFUSED);
            sink.report(REFUSED);
            assertThat(Eventually.holds(() -> producer.history().size() == 2, Duration.ofSeconds(10))).isTrue();
            assertThat(producer.errorNext(new TimeoutException("no metadata for missing-topic"))).isTrue();
            assertThat(producer.completeNext()).isTrue();
        }
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void itsProducerTakesClientSettingsButNeverJoinsATransaction() {
        Properties props = KafkaVerdictSink.producerProperties("broker:9092", "app-model-verdicts",
                Map.of("security.protocol", "SSL", "transactional.id", "someone-elses", "application.id", "x"));

        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "app-model-verdicts")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .doesNotContainKey("application.id");
    }
}
