package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.model.TestBundles;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.bundle.ChunkedBundles;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.app.StreamsAppConfig;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle larger than one chunk travels through the model topic in chunks, on a real broker, and serves; a newer
 * version replaces it the same way and the old version's chunks are tombstoned. The chunk size is set small instead
 * of building a model of hundreds of MB.
 */
class ChunkedModelEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CHUNK_BYTES = 512;

    @Test
    void aBundleSentInChunksIsReassembledAndServedAndANewerOneRetiresItsChunks(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "chunked", 1);
            ModelBundle v1 = TestBundles.statefulSuccessorModel("gru4rec", 1, 50, 5, 5);
            int v1Chunks = (ModelBundleCodec.encode(v1).length + CHUNK_BYTES - 1) / CHUNK_BYTES;
            assertThat(v1Chunks).as("the bundle is larger than one chunk").isGreaterThan(2);
            StreamsAppConfig config = E2e.config(broker, "chunked", topics, dir);

            try (BundlePublisher publisher = new BundlePublisher(broker.bootstrapServers(), topics,
                    TestKeys.signer(), CHUNK_BYTES)) {
                publisher.publish(v1);
                try (StreamsApp app = StreamsApp.start(config)) {
                    assertThat(app.awaitRunning(WAIT)).isTrue();
                    assertThat(app.awaitModelVersion(1, WAIT)).isTrue();
                    Traffic.replay(broker, topics, List.of(ClickEvent.click("s1", "item-3", 1_000L)));
                    List<Recommendation> recs = Traffic.answers(broker, topics, 1, WAIT);
                    assertThat(recs).singleElement().satisfies(r -> {
                        assertThat(r.modelName()).isEqualTo("gru4rec");
                        assertThat(r.modelVersion()).isEqualTo(1);
                    });

                    publisher.publish(TestBundles.statefulSuccessorModel("gru4rec", 2, 50, 5, 5));
                    assertThat(app.awaitModelVersion(2, WAIT)).isTrue();
                    assertThat(app.stats().refusedBundles()).isZero();
                }
            }

            try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.models())) {
                List<ConsumerRecord<String, byte[]>> records = reader.readAtLeast(2 * v1Chunks + 2 + v1Chunks, WAIT);
                for (int i = 0; i < v1Chunks; i++) {
                    String key = ChunkedBundles.chunkKey("gru4rec", 1, i);
                    assertThat(records).filteredOn(r -> key.equals(r.key())).last()
                            .as("v1's chunk %d is tombstoned once v2 is published", i)
                            .satisfies(r -> assertThat(r.value()).isNull());
                }
                assertThat(records).filteredOn(r -> "gru4rec".equals(r.key())).hasSize(2)
                        .allSatisfy(r -> assertThat(ChunkedBundles.isManifest(r.value())).isTrue());
            }
        }
    }
}
