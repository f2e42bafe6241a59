package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.schemas.bundle.ChunkAssembler;
import io.streamrec.schemas.bundle.ChunkedBundles;
import io.streamrec.schemas.topic.ClientProperties;
import io.streamrec.schemas.verdict.ModelVerdict;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.lines.ModelSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model topic on a thread of its own and swaps accepted models into their line's {@link ModelSlot}:
 * a record keyed by a line's name goes to that line, is judged against that line's serving version only, and a
 * refusal leaves that line's model serving; records for models this instance does not serve are ignored.
 *
 * <p>Deliberately not part of the topology: a per-task stream would give each instance only some partitions'
 * models, and a global store blocks start-up while restoring (and custom global processors were skipped during
 * restore until KAFKA-7663). Every instance reads every partition from the beginning with a plain assigned consumer
 * (no group, no commits), so a restarted instance finds the latest model again. Loading and warming up a model
 * happens here, never on a stream thread.
 *
 * <p>At start-up the topic may still hold several versions of a line (compaction runs late). The watcher first reads
 * up to where the topic ends at that moment, keeping only each line's newest bundle and the one before it, and loads
 * the newest, falling back to the one before only if the newest is refused: a restart costs one model load per
 * line, not one per version on the topic.
 *
 * <p>A bundle too large for one record arrives in chunks and a manifest ({@link ChunkedBundles}); a
 * {@link ChunkAssembler} puts it together first, and from then on it is one bundle like any other. A bundle with a
 * chunk missing or corrupt is refused when its manifest arrives, with the reason, and the line keeps serving what it
 * served. Memory stays bounded: one bundle per line is gathered at a time, up to a declared size checked before
 * anything is buffered.
 *
 * <p>The watcher cannot be stopped by what it reads: every failure, an {@link Error} such as
 * {@link OutOfMemoryError} included, is contained to the record that caused it (the bundle is refused, the line keeps
 * serving its model) or, outside any record, to one poll, after which it pauses briefly and goes on. Each is logged
 * and counted ({@link ServingStats#watcherFailures()}); {@link #health()} tells whether the thread still runs and
 * when it last polled. Every acceptance and refusal of a line's bundle is also reported as a {@link ModelVerdict},
 * so that its publisher learns the outcome.
 *
 * <p>The watcher owns its consumer, its verdict sink and the lines' current models: {@link #close()} closes them.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelWatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
    /** After a failure outside any record: long enough not to spin on a fault that persists, short enough to recover. */
    static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);
    /** Bundles kept per line while catching up: the newest, and one to fall back to if the newest is refused. */
    static final int CATCH_UP_CANDIDATES = 2;

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final BundleJudge gate;
    private final ModelLines lines;
    private final ServingStats stats;
    private final VerdictSink verdicts;
    private final String instance;
    private final ChunkAssembler assembler;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Instant lastPollAt;
    private volatile boolean caughtUp;

    /**
     * A watcher with its own consumer.
     *
     * @param clientSettings further client settings (security, for instance); consumer settings among them apply
     * @param verdicts       where verdicts go, owned by the watcher from now on
     * @param instance       names this instance in its verdicts
     */
    public ModelWatcher(String bootstrapServers, String clientId, String topic, Map<String, String> clientSettings,
                        BundleJudge gate, ModelLines lines, ServingStats stats, VerdictSink verdicts,
                        String instance) {
        this(new KafkaConsumer<>(consumerProperties(bootstrapServers, clientId, clientSettings),
                new StringDeserializer(), new ByteArrayDeserializer()), topic, gate, lines, stats, verdicts, instance,
                ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES);
    }

    /** A watcher on a given consumer, which it then owns, reporting no verdicts; tests pass a {@code MockConsumer}. */
    ModelWatcher(Consumer<String, byte[]> consumer, String topic, BundleJudge gate, ModelLines lines,
                 ServingStats stats) {
        this(consumer, topic, gate, lines, stats, ChunkAssembler.DEFAULT_MAX_TOTAL_BYTES);
    }

    /** As above, assembling chunked bundles of up to {@code maxBundleBytes}. */
    ModelWatcher(Consumer<String, byte[]> consumer, String topic, BundleJudge gate, ModelLines lines,
                 ServingStats stats, long maxBundleBytes) {
        this(consumer, topic, gate, lines, stats, VerdictSink.NONE, "test", maxBundleBytes);
    }

    ModelWatcher(Consumer<String, byte[]> consumer, String topic, BundleJudge gate, ModelLines lines,
                 ServingStats stats, VerdictSink verdicts, String instance, long maxBundleBytes) {
        this.assembler = new ChunkAssembler(maxBundleBytes, name -> lines.slotFor(name).isPresent());
        this.consumer = consumer;
        this.topic = topic;
        this.gate = gate;
        this.lines = lines;
        this.stats = stats;
        this.verdicts = verdicts;
        this.instance = instance;
        this.thread = new Thread(this::run, "streamrec-model-watcher");
        this.thread.setDaemon(true);
    }

    static Properties consumerProperties(String bootstrapServers, String clientId, Map<String, String> clientSettings) {
        // No group: the consumer is assigned every partition and always starts from the beginning. A transactional
        // publisher's aborted bundle must never serve (committed records only).
        Properties props = ClientProperties.modelTopicReader(bootstrapServers, clientId, clientSettings);
        // One bundle at a time: each may be tens of MB and is loaded before the next is looked at.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        return props;
    }

    public void start() {
        thread.start();
    }

    /** Whether the thread runs, when it last polled and whether it has caught up with the topic. */
    public WatcherHealth health() {
        return new WatcherHealth(thread.isAlive(), lastPollAt, caughtUp);
    }

    private void run() {
        boolean started = false;
        try {
            while (running) {
                try {
                    if (!started) {
                        List<TopicPartition> assigned = assignAllPartitions();
                        if (!running) {
                            continue;
                        }
                        started = true;
                        catchUpOnce(assigned);
                    }
                    for (ConsumerRecord<String, byte[]> record : poll()) {
                        acceptContained(record);
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop; the loop ends on running = false
                } catch (Throwable e) { // NOSONAR: nothing may end this thread but close()
                    failed("polling " + topic, e);
                    pause(FAILURE_PAUSE);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing the model watcher's consumer failed", e);
            }
        }
    }

    /** Catches up with the topic as it is now; however that ends, from then on each bundle is handled as it comes. */
    private void catchUpOnce(List<TopicPartition> assigned) {
        try {
            if (!assigned.isEmpty()) {
                catchUp(assigned);
            }
        } catch (TimeoutException e) {
            log.warn("cannot read where the model topic ends ({}); loading bundles one by one", e.getMessage());
        } finally {
            caughtUp = true;
        }
    }

    private Iterable<ConsumerRecord<String, byte[]>> poll() {
        Iterable<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL);
        lastPollAt = Instant.now();
        return records;
    }

    /** {@link #accept} that no failure escapes: the record is refused or skipped, and the watcher goes on. */
    private void acceptContained(ConsumerRecord<String, byte[]> record) {
        try {
            accept(record);
        } catch (Throwable e) { // NOSONAR: one record, whatever it does, must not stop the watcher
            failed("model topic record at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
    }

    private void failed(String what, Throwable e) {
        stats.watcherFailed();
        try {
            log.error("the model watcher failed on {}; it goes on with the next record and every line keeps serving"
                    + " its model", what, e);
        } catch (Throwable logging) { // NOSONAR: after an OutOfMemoryError even logging may fail; counting did not
            // nothing more can be done about it here
        }
    }

    private List<TopicPartition> assignAllPartitions() {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                List<PartitionInfo> found = consumer.partitionsFor(topic, METADATA_WAIT);
                partitions = found == null ? List.of() : found;
            } catch (TimeoutException e) {
                log.warn("cannot reach the cluster to look up model topic {} ({}); retrying", topic, e.getMessage());
            }
            if (partitions.isEmpty()) {
                log.warn("model topic {} not found yet; answers come from popularity until a model arrives", topic);
                sleep(Duration.ofSeconds(1));
            }
        }
        if (!running) {
            return List.of();
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        log.info("watching {} ({} partition(s)) for model bundles", topic, assigned.size());
        return assigned;
    }

    /**
     * Reads up to the topic's current end keeping, per line, only the newest {@value #CATCH_UP_CANDIDATES} bundles,
     * then handles each line's newest, and older ones only while the line still has no model (the newest refused).
     * Records of other models are handled (ignored) as they come.
     */
    void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<String, Deque<ConsumerRecord<String, byte[]>>> candidates = new LinkedHashMap<>();
        long skipped = 0;
        try {
            while (running && !reached(ends)) {
                for (ConsumerRecord<String, byte[]> polled : poll()) {
                    ConsumerRecord<String, byte[]> record = assembleContained(polled);
                    if (record == null) {
                        continue;
                    }
                    if (record.key() == null || lines.slotFor(record.key()).isEmpty()) {
                        handleContained(record);
                        continue;
                    }
                    Deque<ConsumerRecord<String, byte[]>> kept = candidates.computeIfAbsent(record.key(),
                            k -> new ArrayDeque<>());
                    kept.addFirst(record);
                    if (kept.size() > CATCH_UP_CANDIDATES) {
                        kept.removeLast();
                        skipped++;
                    }
                }
            }
        } catch (WakeupException e) {
            throw e;
        } catch (Throwable e) { // NOSONAR: catching up ends in loading what was read, whatever stopped it
            // The consumer has moved past what was kept: load it now, or it would wait for the next publication.
            if (!(e instanceof TimeoutException)) {
                failed("catching up on " + topic, e);
            }
            log.warn("stopped catching up on {} ({}); loading what was read, then each bundle as it comes", topic,
                    e.toString());
        }
        if (skipped > 0) {
            log.info("catching up on {}: skipped {} superseded bundle(s) without loading them", topic, skipped);
        }
        for (Map.Entry<String, Deque<ConsumerRecord<String, byte[]>>> line : candidates.entrySet()) {
            for (ConsumerRecord<String, byte[]> record : line.getValue()) {
                handleContained(record);
                if (lines.slotFor(line.getKey()).flatMap(ModelSlot::peek).isPresent()) {
                    break;
                }
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Assembles (if it is part of a chunked bundle) and handles one record of the model topic. */
    void accept(ConsumerRecord<String, byte[]> record) {
        ConsumerRecord<String, byte[]> whole = assemble(record);
        if (whole != null) {
            handle(whole);
        }
    }

    private ConsumerRecord<String, byte[]> assembleContained(ConsumerRecord<String, byte[]> record) {
        try {
            return assemble(record);
        } catch (Throwable e) { // NOSONAR: see acceptContained
            failed("model topic record at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
            return null;
        }
    }

    private void handleContained(ConsumerRecord<String, byte[]> record) {
        try {
            handle(record);
        } catch (Throwable e) { // NOSONAR: see acceptContained
            failed("model topic record at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
    }

    /**
     * The record to decide on: the record itself when it is not part of a chunked bundle, the whole bundle (at the
     * manifest's offset) when this record completes one, or null when there is nothing to decide yet or the bundle
     * was refused here.
     */
    private ConsumerRecord<String, byte[]> assemble(ConsumerRecord<String, byte[]> record) {
        ChunkAssembler.Outcome outcome;
        try {
            outcome = assembler.accept(record.key(), record.value());
        } catch (RuntimeException e) {
            outcome = new ChunkAssembler.Refused(record.key(), "unexpected failure assembling chunks: " + e);
        }
        if (outcome instanceof ChunkAssembler.PassOn) {
            return record;
        }
        if (outcome instanceof ChunkAssembler.Assembled assembled) {
            log.info("assembled {} v{} from {} chunks ({} bytes)", assembled.manifest().name(),
                    assembled.manifest().version(), assembled.manifest().chunks(), assembled.bundle().length);
            return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                    assembled.bundle());
        }
        if (outcome instanceof ChunkAssembler.Refused refused) {
            refuse(record, new BundleDecision.Refuse(RefusalCause.CHUNKS, refused.reason()), lines.slotFor(refused.name()));
        } else if (outcome instanceof ChunkAssembler.Held held) {
            log.debug("model topic record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    held.why());
        }
        return null;
    }

    /**
     * Decides on one record and acts on the decision. A failure of the judge, an {@link Error} included, refuses the
     * record: the line keeps its model, and the publisher hears why.
     */
    void handle(ConsumerRecord<String, byte[]> record) {
        Optional<ModelSlot<OnnxModel>> line = record.key() == null ? Optional.empty() : lines.slotFor(record.key());
        OptionalLong serving = line.flatMap(ModelSlot::peek)
                .map(m -> OptionalLong.of(m.manifest().version()))
                .orElse(OptionalLong.empty());
        BundleDecision decision;
        try {
            decision = gate.consider(record.key(), record.value(), serving);
        } catch (RuntimeException e) {
            decision = new BundleDecision.Refuse(RefusalCause.FAILURE, "unexpected failure: " + e);
        } catch (Error e) { // NOSONAR: an OutOfMemoryError on one bundle must not end the watcher, nor serving
            failed("judging the model topic record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
            decision = new BundleDecision.Refuse(RefusalCause.FAILURE, "the model watcher failed on it: " + e);
        }
        if (decision instanceof BundleDecision.Accept accept && line.isEmpty()) {
            // The gate only accepts bundles of this instance's lines; a model it hands over anyway must not leak.
            closeQuietly(accept.model());
            decision = new BundleDecision.Ignore("no line '" + record.key() + "' here");
        }
        if (decision instanceof BundleDecision.Accept accept) {
            OnnxModel model = accept.model();
            line.get().install(model);
            stats.modelInstalled(model.manifest(), serving.isPresent());
            log.info("now serving {} on {} (model topic offset {}-{}@{})", model.manifest().label(), model.device(),
                    record.topic(), record.partition(), record.offset());
            report(record, model.manifest().version(), null);
        } else if (decision instanceof BundleDecision.Refuse refuse) {
            refuse(record, refuse, line);
        } else if (decision instanceof BundleDecision.Ignore ignore) {
            log.debug("ignored model topic record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), ignore.reason());
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, BundleDecision.Refuse refusal,
                        Optional<ModelSlot<OnnxModel>> line) {
        stats.bundleRefused(refusal.cause());
        log.warn("refused model bundle at {}-{}@{}: {}; line '{}' keeps serving {}", record.topic(),
                record.partition(), record.offset(), refusal.reason(), record.key(),
                line.flatMap(ModelSlot::peek).map(m -> m.manifest().label()).orElse("popularity"));
        if (line.isPresent()) {
            report(record, refusal.version(), refusal.reason());
        }
    }

    /** Tells the publisher: accepted when {@code reason} is null. */
    private void report(ConsumerRecord<String, byte[]> record, long version, String reason) {
        verdicts.report(new ModelVerdict(record.key(), version, record.partition(), record.offset(), instance,
                reason == null, reason, Instant.now().toString()));
    }

    private static void closeQuietly(OnnxModel model) {
        try {
            model.close();
        } catch (Exception e) {
            log.warn("closing an unused model failed", e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits {@code duration}, or less if close() is called meanwhile. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() - deadline < 0) {
            sleep(Duration.ofMillis(50));
        }
    }

    /**
     * Stops the thread (waiting for a model load in progress to finish), closes the consumer, the verdict sink (after
     * it has written what it holds) and the models.
     */
    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
        } else {
            consumer.wakeup();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        verdicts.close();
        lines.close();
    }
}
