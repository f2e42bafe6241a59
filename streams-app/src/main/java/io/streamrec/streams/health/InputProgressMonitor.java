package io.streamrec.streams.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, every few seconds, the committed offsets of the app's consumer group and the end offsets of the input
 * partitions this instance owns, and keeps the latest verdict of {@link InputProgress} for {@code /health}.
 *
 * <p>Why from the cluster and not from the app's own counters: the failure this catches is one the app cannot see
 * from inside. A transaction left open on an input topic holds every read-committed reader at its start (after a
 * broker restart one was seen holding events for five minutes) while the app, with nothing to read, looks idle and
 * healthy; a stream thread stuck in a call looks the same from its counters.
 */
public final class InputProgressMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InputProgressMonitor.class);
    private static final long CALL_TIMEOUT_MS = 10_000;

    private final Admin admin;
    private final String groupId;
    private final Supplier<Set<TopicPartition>> owned;
    private final HealthSettings settings;
    private final InputProgress progress = new InputProgress();
    private final Thread thread;
    private volatile Verdict verdict = new Verdict(List.of(), null, 0);
    private volatile boolean running = true;

    /** The latest reading: stalled partitions, or why none could be taken, and when ({@code 0} before the first). */
    public record Verdict(List<String> stalls, String error, long checkedAtMillis) {
    }

    /**
     * @param clientSettings further client settings (security); admin settings among them apply
     * @param owned          the input partitions this instance's active tasks read now
     */
    public InputProgressMonitor(String bootstrapServers, String groupId, Map<String, String> clientSettings,
                                Supplier<Set<TopicPartition>> owned, HealthSettings settings) {
        Properties props = new Properties();
        clientSettings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-health");
        this.admin = Admin.create(props);
        this.groupId = groupId;
        this.owned = owned;
        this.settings = settings;
        this.thread = new Thread(this::run, "streamrec-input-progress");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public Verdict verdict() {
        return verdict;
    }

    private void run() {
        while (running) {
            try {
                check();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // Never fatal: health says it could not look, and the next round tries again.
                verdict = new Verdict(verdict.stalls(), "cannot read input offsets: " + e, System.currentTimeMillis());
                log.debug("input progress check failed", e);
            }
            try {
                Thread.sleep(settings.checkEvery().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check() throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>(owned.get());
        if (partitions.isEmpty()) {
            verdict = new Verdict(List.of(), null, System.currentTimeMillis());
            progress.update(Map.of(), System.currentTimeMillis(), settings.stallAfter());
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> logEnd = ends(partitions, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> lastStable = ends(partitions, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, InputProgress.Offsets> reading = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long end = logEnd.getOrDefault(p, 0L);
            reading.put(p, new InputProgress.Offsets(c == null ? -1 : c.offset(), end, lastStable.getOrDefault(p, end)));
        }
        long now = System.currentTimeMillis();
        List<String> stalls = progress.update(reading, now, settings.stallAfter()).stream()
                .map(InputProgress.Stall::describe).toList();
        if (!stalls.isEmpty() && verdict.stalls().isEmpty()) {
            log.warn("input stalled: {}", String.join("; ", stalls));
        }
        verdict = new Verdict(stalls, null, now);
    }

    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions, IsolationLevel isolation)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin
                .listOffsets(latest, new ListOffsetsOptions(isolation)).all()
                .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        found.forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
