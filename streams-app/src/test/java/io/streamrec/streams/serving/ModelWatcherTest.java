package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.schemas.bundle.BundleChunk;
import io.streamrec.schemas.bundle.ChunkedBundles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelWatcherTest {
    private static final String TOPIC = "streamrec-models";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final ModelLines lines = ModelLines.single("gru4rec");
    private final ModelSlot<OnnxModel> slot = lines.slot("gru4rec");
    private final ServingStats stats = new ServingStats();
    private final ModelWatcher watcher = new ModelWatcher(consumer, TOPIC,
            new BundleGate("gru4rec", ScoringOptions.cpu()), lines, stats);
    private long offset;

    @AfterEach
    void close() {
        watcher.close();
    }

    private ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset++, key, value);
    }

    private static byte[] bundle(String name, long version) {
        return ModelBundleCodec.encode(TestBundles.successorModel(name, version, 10, 3, 3));
    }

    private long servingVersion() {
        return slot.peek().map(m -> m.manifest().version()).orElse(0L);
    }

    @Test
    void swapsInNewerVersionsAndRefusesEverythingElseWhileTheCurrentModelKeepsServing() {
        watcher.handle(record("gru4rec", bundle("gru4rec", 1)));
        assertThat(servingVersion()).isEqualTo(1);

        watcher.handle(record("gru4rec", "not a zip".getBytes()));
        watcher.handle(record("gru4rec", bundle("gru4rec", 1)));
        watcher.handle(record("caser", bundle("caser", 5)));
        watcher.handle(record("gru4rec", null));
        assertThat(servingVersion()).isEqualTo(1);
        assertThat(stats.refusedBundles()).as("corrupt bytes and a replayed version; other lines are ignored")
                .isEqualTo(2);

        watcher.handle(record("gru4rec", bundle("gru4rec", 3)));
        watcher.handle(record("gru4rec", bundle("gru4rec", 2)));
        assertThat(servingVersion()).isEqualTo(3);
        assertThat(stats.refusedBundles()).isEqualTo(3);
        assertThat(stats.modelLoads()).isEqualTo(2);
        assertThat(stats.modelSwaps()).isEqualTo(1);
        assertThat(stats.servingModelVersion()).isEqualTo(3);
        assertThat(stats.servingModel()).isEqualTo("gru4rec v3 (test-last-item)");
    }

    @Test
    void eachLineSwapsOnItsOwnAndARefusedBundleLeavesOnlyItsOwnLineAsItWas() {
        ModelLines ab = new ModelLines(ServingPlan.parse("gru4rec=50,caser=50", "sasrec"));
        ServingStats abStats = new ServingStats();
        try (ModelWatcher abWatcher = new ModelWatcher(new MockConsumer<>("earliest"), TOPIC,
                new BundleGate(java.util.Set.copyOf(ab.plan().lines()), ScoringOptions.cpu()), ab, abStats)) {
            abWatcher.handle(record("gru4rec", bundle("gru4rec", 3)));
            abWatcher.handle(record("caser", bundle("caser", 1)));
            abWatcher.handle(record("sasrec", bundle("sasrec", 7)));
            abWatcher.handle(record("other", bundle("other", 9)));
            // Version 2 is older than gru4rec's 3 but newer than caser's 1: each line compares with its own.
            abWatcher.handle(record("gru4rec", bundle("gru4rec", 2)));
            abWatcher.handle(record("caser", bundle("caser", 2)));
            abWatcher.handle(record("caser", "broken".getBytes()));

            assertThat(version(ab, "gru4rec")).isEqualTo(3);
            assertThat(version(ab, "caser")).isEqualTo(2);
            assertThat(version(ab, "sasrec")).isEqualTo(7);
            assertThat(abStats.refusedBundles()).isEqualTo(2);
            assertThat(abStats.modelSwaps()).isEqualTo(1);
            assertThat(abStats.servingVersion("caser")).isEqualTo(2);
            assertThat(abStats.servingModel())
                    .isEqualTo("caser v2 (test-last-item), gru4rec v3 (test-last-item), sasrec v7 (test-last-item)");
        }
        assertThat(ab.slot("caser").peek()).as("closing the watcher closes every line's model").isEmpty();
    }

    /** The model topic as one partition whose records run from offset 0 to {@code end}. */
    private static void onePartitionEndingAt(MockConsumer<String, byte[]> c, long end) {
        c.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        c.updateBeginningOffsets(Map.of(PARTITION, 0L));
        c.updateEndOffsets(Map.of(PARTITION, end));
    }

    private static long version(ModelLines lines, String line) {
        return lines.slot(line).peek().map(m -> m.manifest().version()).orElse(0L);
    }

    @Test
    void readsTheWholeModelTopicFromTheBeginningOnItsOwnThreadAndClosesItsConsumerAndModel() {
        // empty when the watcher starts: both bundles arrive live and are handled one by one
        onePartitionEndingAt(consumer, 0);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 1)));
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 2)));
        });
        watcher.start();

        assertThat(eventually(() -> servingVersion() == 2)).isTrue();
        assertThat(consumer.assignment()).containsExactly(PARTITION);
        assertThat(consumer.subscription()).as("assigned, not subscribed: no group").isEmpty();

        watcher.close();
        assertThat(consumer.closed()).isTrue();
        assertThat(slot.peek()).as("the watcher closes the serving model").isEmpty();
    }

    @Test
    void atStartUpLoadsOnlyEachLinesNewestBundleOfTheOnesTheTopicStillHolds() {
        onePartitionEndingAt(consumer, 4);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 1)));
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 2)));
            consumer.addRecord(record("caser", bundle("caser", 9)));
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 3)));
        });
        watcher.start();

        assertThat(eventually(() -> servingVersion() == 3)).isTrue();
        assertThat(stats.modelLoads()).as("versions 1 and 2 were superseded before they were loaded").isEqualTo(1);
        assertThat(stats.refusedBundles()).isZero();
    }

    @Test
    void atStartUpFallsBackToTheBundleBeforeTheNewestWhenTheNewestIsRefused() {
        onePartitionEndingAt(consumer, 3);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 1)));
            consumer.addRecord(record("gru4rec", bundle("gru4rec", 2)));
            consumer.addRecord(record("gru4rec", "a broken upload".getBytes()));
        });
        watcher.start();

        assertThat(eventually(() -> servingVersion() == 2)).isTrue();
        assertThat(stats.refusedBundles()).isEqualTo(1);
        assertThat(stats.modelLoads()).isEqualTo(1);
    }

    @Test
    void atStartUpATimeoutAfterSomeBundlesWereReadStillLoadsTheNewestOfThem() {
        MockConsumer<String, byte[]> flaky = new MockConsumer<>("earliest") {
            @Override
            public synchronized long position(TopicPartition partition) {
                long at = super.position(partition);
                if (at > 0) {
                    throw new TimeoutException("position lookup timed out");
                }
                return at;
            }
        };
        onePartitionEndingAt(flaky, 4);
        flaky.schedulePollTask(() -> {
            flaky.addRecord(record("gru4rec", bundle("gru4rec", 1)));
            flaky.addRecord(record("gru4rec", bundle("gru4rec", 2)));
        });
        try (ModelWatcher timingOut = new ModelWatcher(flaky, TOPIC, new BundleGate("gru4rec", ScoringOptions.cpu()),
                lines, stats)) {
            timingOut.start();

            assertThat(eventually(() -> servingVersion() == 2)).isTrue();
            assertThat(stats.modelLoads()).isEqualTo(1);
        }
    }

    @Test
    void closingAWatcherThatNeverStartedStillClosesItsConsumer() {
        watcher.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void itsConsumerReadsCommittedBundlesOfFullSizeWithoutAGroupAndNeverCreatesTheTopic() {
        Properties props = ModelWatcher.consumerProperties("broker:9092", "app-model-watcher",
                Map.of("security.protocol", "SSL", "group.id", "someone-elses", "application.id", "not-a-client-setting"));
        assertThat(props)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false")
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .doesNotContainKey("application.id");
        assertThat(Integer.parseInt(props.getProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)))
                .isGreaterThan(TopicCatalogue.MAX_BUNDLE_BYTES);
        assertThat(Integer.parseInt(props.getProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG)))
                .isGreaterThan(TopicCatalogue.MAX_BUNDLE_BYTES);
    }

    /** The records a publisher writes for a bundle in chunks of {@code chunkBytes}: the chunks, then the manifest. */
    private List<ConsumerRecord<String, byte[]>> chunked(String name, long version, int chunkBytes) {
        ChunkedBundles.Split split = ChunkedBundles.split(name, version, bundle(name, version), chunkBytes);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (BundleChunk chunk : split.chunks()) {
            records.add(record(ChunkedBundles.chunkKey(name, version, chunk.index()), ChunkedBundles.encodeChunk(chunk)));
        }
        records.add(record(name, ChunkedBundles.encodeManifest(split.manifest())));
        return records;
    }

    @Test
    void assemblesAChunkedBundleOnlyWhenItsManifestArrivesAndLoadsSingleRecordBundlesAsBefore() {
        watcher.accept(record("gru4rec", bundle("gru4rec", 1)));
        assertThat(servingVersion()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> v2 = chunked("gru4rec", 2, 256);
        assertThat(v2.size()).as("the test bundle spans several chunks").isGreaterThan(3);
        v2.subList(0, v2.size() - 1).forEach(watcher::accept);
        assertThat(servingVersion()).as("all chunks but no manifest yet: nothing loads").isEqualTo(1);
        watcher.accept(v2.get(v2.size() - 1));
        assertThat(servingVersion()).isEqualTo(2);

        watcher.accept(record("gru4rec", bundle("gru4rec", 3)));
        assertThat(servingVersion()).as("a single-record bundle after a chunked one").isEqualTo(3);
        assertThat(stats.refusedBundles()).isZero();
    }

    @Test
    void aMissingOrCorruptChunkRefusesTheBundleWithAReasonAndTheOldModelKeepsServing() {
        watcher.accept(record("gru4rec", bundle("gru4rec", 1)));

        List<ConsumerRecord<String, byte[]>> missing = chunked("gru4rec", 2, 256);
        missing.remove(1);
        missing.forEach(watcher::accept);
        assertThat(servingVersion()).isEqualTo(1);
        assertThat(stats.refusedBundles()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> corrupt = chunked("gru4rec", 3, 256);
        corrupt.get(0).value()[corrupt.get(0).value().length - 1] ^= 1;
        corrupt.forEach(watcher::accept);
        assertThat(servingVersion()).isEqualTo(1);
        assertThat(stats.refusedBundles()).isEqualTo(2);

        chunked("gru4rec", 4, 256).forEach(watcher::accept);
        assertThat(servingVersion()).isEqualTo(4);
    }

    @Test
    void aChunkedBundleDeclaringMoreThanTheLimitIsRefusedBeforeItIsBuffered() {
        try (ModelWatcher small = new ModelWatcher(new MockConsumer<>("earliest"), TOPIC,
                new BundleGate("gru4rec", ScoringOptions.cpu()), lines, stats, 64)) {
            chunked("gru4rec", 2, 32).forEach(small::accept);
            assertThat(servingVersion()).isZero();
            assertThat(stats.refusedBundles()).isEqualTo(1);
        }
    }

    @Test
    void atStartUpLoadsTheNewestBundleWhetherChunkedOrNot() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(record("gru4rec", bundle("gru4rec", 1)));
        records.addAll(chunked("gru4rec", 2, 256));
        records.addAll(chunked("gru4rec", 3, 256));
        onePartitionEndingAt(consumer, records.size());
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        watcher.start();

        assertThat(eventually(() -> servingVersion() == 3)).isTrue();
        assertThat(stats.modelLoads()).as("superseded versions are not loaded").isEqualTo(1);
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
