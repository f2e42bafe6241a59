package io.streamrec.demo;

import java.nio.file.Path;

/**
 * Everything the demo can be told.
 *
 * @param data                  GRU4Rec TSV to use instead of generated sessions, or null
 * @param items                 generated catalogue size
 * @param sessions              generated session count
 * @param seed                  generator and training seed
 * @param testFraction          share of sessions (the latest) held out and replayed live
 * @param maxLiveEvents         cap on replayed events (whole sessions are kept), 0 for all held-out sessions
 * @param rate                  replay rate, events per second
 * @param epochs                training epochs of the first model
 * @param secondModelAt         share of the replay after which the second model starts training
 * @param malformedEvery        one malformed event is sent per this many good ones (0: none)
 * @param liveSessions          sessions shown in the live view
 * @param liveEverySeconds      live view period
 * @param partitions            partitions of the data topics
 * @param processingGuarantee   exactly_once_v2 or at_least_once
 * @param summaryJson           where to write the summary as JSON, or null
 * @param workDir               where the run keeps its stream state (removed at the end); outside the OS temp
 *                              directory, which Kafka Streams warns against for state
 * @param logFile               the file the run's log lines go to, named in the summary; null when they stay on the
 *                              console
 */
public record DemoSettings(
        Path data,
        int items,
        int sessions,
        long seed,
        double testFraction,
        int maxLiveEvents,
        double rate,
        int epochs,
        double secondModelAt,
        int malformedEvery,
        int liveSessions,
        int liveEverySeconds,
        int partitions,
        String processingGuarantee,
        Path summaryJson,
        Path workDir,
        Path logFile) {
}
