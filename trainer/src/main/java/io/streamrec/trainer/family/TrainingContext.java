package io.streamrec.trainer.family;

import io.streamrec.trainer.eval.HistoryScorer;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a family reports to while it trains.
 *
 * @param log        one line per noteworthy step (settings, epochs)
 * @param progress   within-epoch progress, for a progress bar
 * @param epochs     each finished epoch's figures
 * @param afterEpoch the model as it stands after each epoch, for protocols that evaluate during training; a family
 *                   whose trainer cannot hand out its model mid-run does not call it
 */
public record TrainingContext(Consumer<String> log, ProgressListener progress, Consumer<EpochStats> epochs,
                              EpochHook afterEpoch) {

    /** Called after each epoch with the model as it stands. */
    @FunctionalInterface
    public interface EpochHook {
        EpochHook NONE = (epoch, last, model) -> { };

        /** @param last whether this was the run's final epoch */
        void after(int epoch, boolean last, HistoryScorer model);
    }

    /**
     * The pipelines' context: logs, draws within-epoch progress on {@code bar}, and collects each finished epoch's
     * figures into {@code epochs}, telling {@code bar} as each ends.
     */
    public static TrainingContext recording(Consumer<String> log, ProgressListener bar, List<EpochStats> epochs) {
        return new TrainingContext(log, bar, stats -> {
            epochs.add(stats);
            bar.epochDone(stats);
        }, EpochHook.NONE);
    }

    /** A context that only logs. */
    public static TrainingContext logging(Consumer<String> log) {
        return new TrainingContext(log, ProgressListener.NONE, epoch -> { }, EpochHook.NONE);
    }
}
