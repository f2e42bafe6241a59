package io.streamrec.torture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every size, rate and limit of a torture run, resolved from the options (and from {@code --quick}).
 *
 * @param workDir           logs, broker data and state directories
 * @param items             catalogue size of the events and the model
 * @param fuzzEvents        events the fuzz scenario sends, huge ids included
 * @param mutatedFraction   share of fuzz events spoilt by a drawn mutation
 * @param hugeIds           huge-id events sent at the end of the fuzz run, sizes spread from 60 KB to hugeIdMaxKb
 * @param kills             SIGKILLs in the kill scenario
 * @param sessions          sessions whose state is built before the kills
 * @param loadRate          events/s of the steady load under kills, broker restart and bundles
 * @param restartBar        longest acceptable time from a restart to the first new answer
 * @param answerWait        longest wait for the first new answer after a disturbance
 * @param brokerDown        how long the broker stays down
 * @param flipVariants      byte-flipped graph forgeries
 * @param zipBombMb         what the zip bomb inflates to
 * @param verdictWait       longest wait for the app's verdict on one bundle
 * @param answerGapBar      longest acceptable gap between answers while forgeries arrive
 * @param soak              soak duration
 * @param soakRate          soak events/s, or null to use half of the measured maximum
 * @param soakWarmUp        start of the soak excluded from the RSS bar
 * @param rssEvery          RSS sampling interval
 * @param burstEvents       events of the burst that measures the maximum load
 * @param appProperties     Kafka properties for every app process
 * @param serveArgs         further serve arguments for every app process
 * @param maxAppRestarts    restarts after unplanned app exits, per scenario
 * @param outcomeWait       longest wait for all outcomes, or null for one scaled to the events sent
 */
public record TortureSettings(List<String> scenarios, Path workDir, int partitions, int brokerPort, int items,
                              int topK, long seed,
                              int fuzzEvents, double mutatedFraction, int hugeIds, int hugeIdMaxKb,
                              int kills, int sessions, double loadRate, Duration restartBar, Duration answerWait,
                              Duration brokerDown,
                              int flipVariants, long zipBombMb, Duration verdictWait, Duration answerGapBar,
                              Duration soak, Double soakRate, Duration soakWarmUp, Duration rssEvery, int burstEvents,
                              String appHeap, String brokerHeap, Map<String, String> appProperties,
                              List<String> serveArgs, int maxAppRestarts, Duration outcomeWait) {

    public TortureSettings {
        scenarios = List.copyOf(scenarios);
        appProperties = Map.copyOf(appProperties);
        serveArgs = List.copyOf(serveArgs);
    }

    /** The wait for {@code events} outcomes: as given, or two minutes plus a millisecond per event (1,000/s). */
    public Duration outcomeWaitFor(long events) {
        return outcomeWait != null ? outcomeWait : Duration.ofSeconds(120).plusMillis(events);
    }

    /** Tiny sizes for tests: every scenario in seconds. */
    public static TortureSettings tiny(Path workDir) {
        return new TortureSettings(List.of("fuzz", "kill", "broker-restart", "bundles", "soak"), workDir, 2, 0, 200,
                5, 42, 5_000, 0.25, 2, 100, 2, 500, 200, Duration.ofSeconds(10), Duration.ofSeconds(90),
                Duration.ofSeconds(2), 2, 64, Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofSeconds(20), 200.0, Duration.ofSeconds(6), Duration.ofSeconds(2), 2_000, "512m", "512m",
                Map.of(), List.of(), 2, null);
    }

    /** These settings with other scenarios. */
    public TortureSettings withScenarios(List<String> names) {
        return new TortureSettings(names, workDir, partitions, brokerPort, items, topK, seed, fuzzEvents,
                mutatedFraction, hugeIds, hugeIdMaxKb, kills, sessions, loadRate, restartBar, answerWait, brokerDown,
                flipVariants, zipBombMb, verdictWait, answerGapBar, soak, soakRate, soakWarmUp, rssEvery, burstEvents,
                appHeap, brokerHeap, appProperties, serveArgs, maxAppRestarts, outcomeWait);
    }

    /** These settings with the given app Kafka properties. */
    public TortureSettings withAppProperties(Map<String, String> properties) {
        return new TortureSettings(scenarios, workDir, partitions, brokerPort, items, topK, seed, fuzzEvents,
                mutatedFraction, hugeIds, hugeIdMaxKb, kills, sessions, loadRate, restartBar, answerWait, brokerDown,
                flipVariants, zipBombMb, verdictWait, answerGapBar, soak, soakRate, soakWarmUp, rssEvery, burstEvents,
                appHeap, brokerHeap, properties, serveArgs, maxAppRestarts, outcomeWait);
    }
}
