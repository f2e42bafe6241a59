package io.streamrec.trainer.family;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The frame every family's trainer runs its epochs in, kept in one place: the log, the progress bar (about a hundred
 * calls per epoch, then 1.0), each epoch's clock, its {@link EpochStats} and its log line. A trainer writes only its
 * steps:
 * <pre>
 *   for (Epoch epoch : epochs(config.epochs(), stepsPerEpoch, "windows", epochLog)) {
 *       ... each step ...  epoch.stepDone();
 *       epoch.finish(lossSum / n, n);
 *   }
 * </pre>
 *
 * @param <T> the trainer itself, so that {@link #onProgress} chains
 */
public abstract class EpochTrainer<T extends EpochTrainer<T>> {
    private final Consumer<String> log;
    private ProgressListener progress = ProgressListener.NONE;

    protected EpochTrainer(Consumer<String> log) {
        this.log = log;
    }

    /** Within-epoch progress, for a progress bar: about a hundred calls per epoch. */
    @SuppressWarnings("unchecked")
    public final T onProgress(ProgressListener listener) {
        this.progress = listener;
        return (T) this;
    }

    /** One line to the training log. */
    protected final void log(String line) {
        log.accept(line);
    }

    /**
     * Epochs 1..{@code count}, each timed from the moment it is handed out.
     *
     * @param steps    the steps an epoch takes (an estimate will do: progress is capped at 1)
     * @param unit     what an epoch's examples are, for its log line ("events", "windows")
     * @param epochLog receives each finished epoch's figures
     */
    protected final Iterable<Epoch> epochs(int count, long steps, String unit, Consumer<EpochStats> epochLog) {
        return () -> new Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public Epoch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return new Epoch(next++, count, steps, unit, epochLog);
            }
        };
    }

    /** One epoch under way. */
    protected final class Epoch {
        private final int number;
        private final int count;
        private final long steps;
        private final long reportEvery;
        private final String unit;
        private final Consumer<EpochStats> epochLog;
        private final long started = System.nanoTime();
        private long done;

        private Epoch(int number, int count, long steps, String unit, Consumer<EpochStats> epochLog) {
            this.number = number;
            this.count = count;
            this.steps = steps;
            this.reportEvery = Math.max(1, steps / 100);
            this.unit = unit;
            this.epochLog = epochLog;
        }

        /** 1-based. */
        public int number() {
            return number;
        }

        /** Whether this is the run's final epoch. */
        public boolean last() {
            return number == count;
        }

        /** Counts one step and, every hundredth of the epoch, reports progress. */
        public void stepDone() {
            if (++done % reportEvery == 0) {
                progress.progress(number, Math.min(1.0, (double) done / steps));
            }
        }

        /**
         * Ends the epoch: progress 1.0, its figures to the epoch log, one line to the log.
         *
         * @param meanLoss the mean loss per example, as the trainer defines it
         * @param examples the examples (events, windows, pairs) the epoch trained on
         */
        public EpochStats finish(double meanLoss, long examples) {
            EpochStats stats = new EpochStats(number, meanLoss, examples, (System.nanoTime() - started) / 1e9);
            progress.progress(number, 1.0);
            epochLog.accept(stats);
            log.accept(String.format("epoch %d/%d: loss %.4f, %,d %s in %.1f s (%,.0f %s/s)", number, count,
                    stats.meanLoss(), examples, unit, stats.seconds(), stats.eventsPerSecond(), unit));
            return stats;
        }
    }
}
