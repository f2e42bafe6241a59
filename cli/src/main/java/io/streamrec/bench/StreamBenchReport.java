package io.streamrec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code bench-stream} run measured, as written to JSON: the setup every row shared, the throughput
 * rows (empty in latency mode) and the latency cells (null in throughput mode).
 */
record StreamBenchReport(String mode, String startedAt, Setup setup, List<RowReport> rows, LatencyReport latency) {

    /**
     * @param events             timed events per row
     * @param warmUpEvents       events sent and answered before each row's clock starts
     * @param commitIntervalMs   the commit interval the app runs with (a {@code -K commit.interval.ms} included)
     * @param ceilingStateBytes  the ceiling's stored value per session: streamrec's session state size
     * @param ceilingOutputBytes the ceiling's output value: streamrec's recommendation size
     */
    record Setup(int events, int warmUpEvents, int partitions, int streamThreads, String processingGuarantee, long commitIntervalMs,
                 Map<String, String> kafkaProperties, int ceilingStateBytes, int ceilingOutputBytes,
                 List<Integer> batchSizes, long rowTimeoutSeconds, int availableProcessors) {
    }

    /**
     * @param measuredMaxEventsPerSecond the model row's throughput under exactly-once measured first in this run;
     *                                   null when {@code --rate} gave the offered load
     */
    record LatencyReport(String row, Double measuredMaxEventsPerSecond, double offeredEventsPerSecond,
                         int warmUpEvents, List<LatencyCell> cells) {
    }

    /** One guarantee and commit interval at the offered load. Latencies in ms, null when nothing was answered. */
    record LatencyCell(String processingGuarantee, long commitIntervalMs, double offeredEventsPerSecond,
                       Double achievedEventsPerSecond, long events, long answered, Long p50Ms, Long p99Ms,
                       Long p999Ms, Long maxMs, String status, String reason) {
    }

    void write(Path path) throws IOException {
        BenchJson.write(this, path);
    }
}
