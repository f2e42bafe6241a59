package io.streamrec.streams.health;

import io.streamrec.model.OnnxModel;
import io.streamrec.streams.lines.ModelLines;
import io.streamrec.streams.serving.WatcherHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one place that decides whether an instance is healthy, from everything that can go wrong without the process
 * dying: the stream not running, the model watcher dead, silent or still catching up, a model line answering from
 * popularity when the operator requires a model, and an input partition that stopped advancing while records wait
 * on it.
 *
 * <p>The rule: UP only when the stream threads run, every line serves a model (or popularity, when the operator has
 * not required a model), and the model watcher has caught up with the model topic and keeps reading it. Each of
 * those failing is DOWN, with the reason: the instance is not answering as deployed, and a restart may help.
 * DEGRADED is for what passes by itself or that a restart cannot fix: a rebalance, a configuration that refuses
 * every bundle, an offset check that could not be made.
 */
public final class HealthCheck {
    /** A watcher that has not polled for this long is busy with something that does not end (or dead). */
    static final Duration WATCHER_SILENCE = Duration.ofMinutes(2);

    private final Supplier<KafkaStreams.State> streamState;
    private final Supplier<WatcherHealth> watcher;
    private final LongSupplier watcherFailures;
    private final ModelLines lines;
    private final HealthSettings settings;
    private final Supplier<InputProgressMonitor.Verdict> inputs;
    private final List<String> configured;

    /**
     * @param watcherFailures how many failures the model watcher has contained so far (each logged), for the details
     * @param configured      problems the configuration itself makes, reported for as long as the instance runs
     *                        (e.g. no key to check models with: every bundle is refused)
     */
    public HealthCheck(Supplier<KafkaStreams.State> streamState, Supplier<WatcherHealth> watcher,
                       LongSupplier watcherFailures, ModelLines lines, HealthSettings settings,
                       Supplier<InputProgressMonitor.Verdict> inputs, List<String> configured) {
        this.configured = List.copyOf(configured);
        this.streamState = streamState;
        this.watcher = watcher;
        this.watcherFailures = watcherFailures;
        this.lines = lines;
        this.settings = settings;
        this.inputs = inputs;
    }

    public HealthReport report() {
        return report(System.currentTimeMillis());
    }

    HealthReport report(long nowMillis) {
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();

        KafkaStreams.State state = streamState.get();
        details.put("state", state.name());
        switch (state) {
            case RUNNING -> { }
            case REBALANCING -> degraded.add("rebalancing: partitions are being assigned or their state restored");
            case CREATED -> down.add("the stream has not started");
            default -> down.add("the stream is " + state + ": this instance answers no events");
        }

        WatcherHealth w = watcher.get();
        long lastPoll = w.lastPollAt() == null ? 0 : w.lastPollAt().toEpochMilli();
        Map<String, Object> watcherDetails = new LinkedHashMap<>();
        watcherDetails.put("alive", w.alive());
        watcherDetails.put("caughtUp", w.caughtUp());
        watcherDetails.put("lastPollSecondsAgo", lastPoll == 0 ? null : (nowMillis - lastPoll) / 1000);
        watcherDetails.put("failuresContained", watcherFailures.getAsLong());
        details.put("modelWatcher", watcherDetails);
        if (!w.alive()) {
            down.add("the model watcher stopped: the current models keep serving, no new one will load");
        } else if (lastPoll > 0 && nowMillis - lastPoll > WATCHER_SILENCE.toMillis()) {
            down.add("the model watcher has not read the model topic for " + (nowMillis - lastPoll) / 1000 + " s");
        } else if (!w.caughtUp()) {
            down.add("the model watcher is still reading the model topic: the models on it are not all loaded yet");
        }

        degraded.addAll(configured);

        Map<String, Object> lineDetails = new LinkedHashMap<>();
        for (String line : lines.plan().lines()) {
            String serving = lines.slot(line).peek().map(OnnxModel::manifest).map(m -> m.label()).orElse(null);
            lineDetails.put(line, serving == null ? "popularity (no model)" : serving);
            if (serving == null && settings.requireModel()) {
                down.add("model line '" + line + "' has no model and answers from popularity");
            }
        }
        details.put("lines", lineDetails);

        InputProgressMonitor.Verdict verdict = inputs.get();
        if (verdict != null) {
            Map<String, Object> inputDetails = new LinkedHashMap<>();
            inputDetails.put("checkedSecondsAgo", verdict.checkedAtMillis() == 0 ? null
                    : (nowMillis - verdict.checkedAtMillis()) / 1000);
            inputDetails.put("stalled", verdict.stalls());
            details.put("inputs", inputDetails);
            down.addAll(verdict.stalls());
            if (verdict.error() != null) {
                degraded.add(verdict.error());
            }
        }

        HealthReport.Status status = !down.isEmpty() ? HealthReport.Status.DOWN
                : !degraded.isEmpty() ? HealthReport.Status.DEGRADED : HealthReport.Status.UP;
        List<String> problems = new ArrayList<>(down);
        problems.addAll(degraded);
        boolean ready = state == KafkaStreams.State.RUNNING && down.isEmpty();
        return new HealthReport(status, ready, problems, details);
    }
}
