package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.model.TestKeys;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ModelSlot;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.schemas.bundle.BundleChunk;
import io.streamrec.schemas.bundle.ChunkAssembler;
import io.streamrec.schemas.bundle.ChunkedBundles;
import io.streamrec.schemas.verdict.ModelVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final ModelLines lines = ModelLines.single("gru4rec");
    private final ModelSlot<OnnxModel> slot = lines.slot("gru4rec");
    private final ServingStats stats = new ServingStats(20);
    private final ModelWatcher watcher = new ModelWatcher(consumer, TOPIC, gate("gru4rec"), lines, stats);
    private long offset;

    @AfterEach
    void close() {
        watcher.close();
    }

    private ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset++, key, value);
    }

    private static BundleGate gate(String line) {
        return new BundleGate(line, ScoringOptions.cpu(), ModelAcceptance.of(TestKeys.trust()));
    }

    /** {@code name}'s version {@code version}, signed, as the next record of the model topic. */
    private ConsumerRecord<String, byte[]> bundleRecord(String name, long version) {
        return record(name, bundle(name, version));
    }

    private static byte[] bundle(String name, long version) {
        return TestKeys.signed(TestBundles.successorModel(name, version, 10, 3, 3));
    }

    /**
     * Whether version {@code v} serves and has been counted: a watcher on its own thread installs a model a moment
     * before it counts it, so waiting for the slot alone races with the counters.
     */
    private boolean installed(long v) {
        return servingVersion() == v && stats.servingModelVersion() == v;
    }

    private long servingVersion() {
        return slot.peek().map(m -> m.manifest().version()).orElse(0L);
    }

    @Test
    void swapsInNewerVersionsAndRefusesEverythingElseWhileTheCurrentModelKeepsServing() {
        watcher.handle(bundleRecord("gru4rec", 1));
        assertThat(servingVersion()).isEqualTo(1);

        watcher.handle(record("gru4rec", "not a zip".getBytes()));
        watcher.handle(bundleRecord("gru4rec", 1));
        watcher.handle(bundleRecord("caser", 5));
        watcher.handle(record("gru4rec", null));
        assertThat(servingVersion()).isEqualTo(1);
        assertThat(stats.refusedBundles()).as("corrupt bytes and a replayed version; other lines are ignored")
                .isEqualTo(2);

        watcher.handle(bundleRecord("gru4rec", 3));
        watcher.handle(bundleRecord("gru4rec", 2));
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
        ServingStats abStats = new ServingStats(20);
        try (ModelWatcher abWatcher = new ModelWatcher(new MockConsumer<>("earliest"), TOPIC,
                new BundleGate(java.util.Set.copyOf(ab.plan().lines()), ScoringOptions.cpu(),
                        ModelAcceptance.of(TestKeys.trust()), List::of), ab, abStats)) {
            abWatcher.handle(bundleRecord("gru4rec", 3));
            abWatcher.handle(bundleRecord("caser", 1));
            abWatcher.handle(bundleRecord("sasrec", 7));
            abWatcher.handle(bundleRecord("other", 9));
            // Version 2 is older than gru4rec's 3 but newer than caser's 1: each line compares with its own.
            abWatcher.handle(bundleRecord("gru4rec", 2));
            abWatcher.handle(bundleRecord("caser", 2));
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

    /** {@code c} reads a one-partition model topic ending at {@code end}, and its first poll brings {@code records}. */
    private static void firstPollBrings(MockConsumer<String, byte[]> c, long end,
                                        List<ConsumerRecord<String, byte[]>> records) {
        onePartitionEndingAt(c, end);
        c.schedulePollTask(() -> records.forEach(c::addRecord));
    }

    private static long version(ModelLines lines, String line) {
        return lines.slot(line).peek().map(m -> m.manifest().version()).orElse(0L);
    }

    @Test
    void readsTheWholeModelTopicFromTheBeginningOnItsOwnThreadAndClosesItsConsumerAndModel() {
        // empty when the watcher starts: both bundles arrive live and are handled one by one
        firstPollBrings(consumer, 0, List.of(bundleRecord("gru4rec", 1), bundleRecord("gru4rec", 2)));
        watcher.start();

        assertThat(Eventually.holds(() -> installed(2), WAIT)).isTrue();
        assertThat(consumer.assignment()).containsExactly(PARTITION);
        assertThat(consumer.subscription()).as("assigned, not subscribed: no group").isEmpty();

        watcher.close();
        assertThat(consumer.closed()).isTrue();
        assertThat(slot.peek()).as("the watcher closes the serving model").isEmpty();
    }

    @Test
    void atStartUpLoadsOnlyEachLinesNewestBundleOfTheOnesTheTopicStillHolds() {
        firstPollBrings(consumer, 4, List.of(bundleRecord("gru4rec", 1), bundleRecord("gru4rec", 2),
                bundleRecord("caser", 9), bundleRecord("gru4rec", 3)));
        watcher.start();

        assertThat(Eventually.holds(() -> installed(3), WAIT)).isTrue();
        assertThat(stats.modelLoads()).as("versions 1 and 2 were superseded before they were loaded").isEqualTo(1);
        assertThat(stats.refusedBundles()).isZero();
    }

    @Test
    void atStartUpFallsBackToTheBundleBeforeTheNewestWhenTheNewestIsRefused() {
        firstPollBrings(consumer, 3, List.of(bundleRecord("gru4rec", 1), bundleRecord("gru4rec", 2),
                record("gru4rec", "a broken upload".getBytes())));
        watcher.start();

        assertThat(Eventually.holds(() -> installed(2), WAIT)).isTrue();
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
        firstPollBrings(flaky, 4, List.of(bundleRecord("gru4rec", 1), bundleRecord("gru4rec", 2)));
        try (ModelWatcher timingOut = new ModelWatcher(flaky, TOPIC, gate("gru4rec"), lines, stats)) {
            timingOut.start();

            assertThat(Eventually.holds(() -> installed(2), WAIT)).isTrue();
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
        watcher.accept(bundleRecord("gru4rec", 1));
        assertThat(servingVersion()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> v2 = chunked("gru4rec", 2, 256);
        assertThat(v2.size()).as("the test bundle spans several chunks").isGreaterThan(3);
        v2.subList(0, v2.size() - 1).forEach(watcher::accept);
        assertThat(servingVersion()).as("all chunks but no manifest yet: nothing loads").isEqualTo(1);
        watcher.accept(v2.get(v2.size() - 1));
        assertThat(servingVersion()).isEqualTo(2);

        watcher.accept(bundleRecord("gru4rec", 3));
        assertThat(servingVersion()).as("a single-record bundle after a chunked one").isEqualTo(3);
        assertThat(stats.refusedBundles()).isZero();
    }

    @Test
    void aMissingOrCorruptChunkRefusesTheBundleWithAReasonAndTheOldModelKeepsServing() {
        watcher.accept(bundleRecord("gru4rec", 1));

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
        try (ModelWatcher small = new ModelWatcher(new MockConsumer<>("earliest"), TOPIC, gate("gru4rec"), lines,
                stats, 64)) {
            chunked("gru4rec", 2, 32).forEach(small::accept);
            assertThat(servingVersion()).isZero();
            assertThat(stats.refusedBundles()).isEqualTo(1);
        }
    }

    @Test
    void atStartUpLoadsTheNewestBundleWhetherChunkedOrNot() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(bundleRecord("gru4rec", 1));
        records.addAll(chunked("gru4rec", 2, 256));
        records.addAll(chunked("gru4rec", 3, 256));
        firstPollBrings(consumer, records.size(), records);
        watcher.start();

        assertThat(Eventually.holds(() -> installed(3), WAIT)).isTrue();
        assertThat(stats.modelLoads()).as("superseded versions are not loaded").isEqualTo(1);
    }

    // ---- failures that must not stop the watcher ----

    /** A judge that fails with {@code error} on its first {@code failures} records, then judges as the gate does. */
    private static BundleJudge failingFirst(int failures, Error error) {
        BundleGate real = gate("gru4rec");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return (key, value, serving) -> {
            if (calls.incrementAndGet() <= failures) {
                throw error;
            }
            return real.consider(key, value, serving);
        };
    }

    @Test
    void anErrorWhileJudgingABundleRefusesItAndTheWatcherLivesOnToLoadTheNextOne() {
        List<ModelVerdict> verdicts = new java.util.concurrent.CopyOnWriteArrayList<>();
        MockConsumer<String, byte[]> own = new MockConsumer<>("earliest");
        onePartitionEndingAt(own, 0);
        own.schedulePollTask(() -> own.addRecord(bundleRecord("gru4rec", 1)));
        own.schedulePollTask(() -> own.addRecord(bundleRecord("gru4rec", 2)));
        own.schedulePollTask(() -> own.addRecord(bundleRecord("gru4rec", 3)));
        try (ModelWatcher failing = new ModelWatcher(own, TOPIC,
                failingFirst(2, new OutOfMemoryError("Java heap space (from a test)")), lines, stats,
                recording(verdicts), "instance-a", ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES)) {
            failing.start();

            assertThat(Eventually.holds(() -> installed(3), WAIT)).isTrue();
            assertThat(failing.health().alive()).isTrue();
            assertThat(stats.watcherFailures()).isEqualTo(2);
            assertThat(stats.refusedBundles()).isEqualTo(2);
            assertThat(verdicts).extracting(ModelVerdict::offset, ModelVerdict::accepted)
                    .containsExactly(tuple(0L, false), tuple(1L, false), tuple(2L, true));
            assertThat(verdicts.get(0).reason())
                    .isEqualTo("the model watcher failed on it: java.lang.OutOfMemoryError: Java heap space (from a test)");
        }
    }

    @Test
    void errorsOutsideAnyRecordArePausedOverAndTheWatcherGoesOn() {
        onePartitionEndingAt(consumer, 0);
        consumer.schedulePollTask(() -> {
            throw new StackOverflowError("from a test");
        });
        consumer.schedulePollTask(() -> {
            throw new LinkageError("from a test");
        });
        consumer.schedulePollTask(() -> consumer.addRecord(bundleRecord("gru4rec", 4)));
        watcher.start();

        assertThat(Eventually.holds(() -> installed(4), WAIT)).isTrue();
        assertThat(stats.watcherFailures()).isEqualTo(2);
        WatcherHealth health = watcher.health();
        assertThat(health.alive()).isTrue();
        assertThat(health.caughtUp()).isTrue();
        assertThat(health.lastPollAt()).isNotNull();

        watcher.close();
        assertThat(watcher.health().alive()).isFalse();
    }

    @Test
    void reportsEachAcceptanceAndRefusalOfItsLinesWithTheBundlesOffsetAndVersion() {
        List<ModelVerdict> verdicts = new ArrayList<>();
        try (ModelWatcher reporting = new ModelWatcher(new MockConsumer<>("earliest"), TOPIC, gate("gru4rec"), lines,
                stats, recording(verdicts), "instance-a", ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES)) {
            reporting.handle(bundleRecord("gru4rec", 5));
            reporting.handle(bundleRecord("gru4rec", 5));
            reporting.handle(record("gru4rec", "junk".getBytes()));
            reporting.handle(bundleRecord("caser", 1));
        }

        assertThat(verdicts).extracting(ModelVerdict::model, ModelVerdict::version, ModelVerdict::offset,
                        ModelVerdict::accepted, ModelVerdict::reason)
                .containsExactly(tuple("gru4rec", 5L, 0L, true, null),
                        tuple("gru4rec", 5L, 1L, false, "version 5 is not newer than the serving version 5"),
                        tuple("gru4rec", 0L, 2L, false, "bundle has no manifest.json"));
        assertThat(verdicts).allSatisfy(v -> assertThat(v.instance()).isEqualTo("instance-a"));
    }

    private static VerdictSink recording(List<ModelVerdict> into) {
        return new VerdictSink() {
            @Override
            public void report(ModelVerdict verdict) {
                into.add(verdict);
            }

            @Override
            public void close() {
            }
        };
    }
}
