package io.streamrec.trainer.gru4rec;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a pass over a step's item rows as two halves, the second on a worker thread, when the step is large enough
 * for a second core to pay: at GRU4Rec's wide settings (512 units, batches of 128–240, ~2,200 rows a step) each pass
 * of the output layer is 100–300 million multiply-adds, against a hand-over of microseconds. Narrow steps (RSC15's 100
 * units and batch 32: ~4 million) run whole on the caller's thread, where the hand-over would cost more than it
 * saves.
 *
 * <p>Whether a step is split depends on its shape only, never on the machine: a split pass adds its halves' partial
 * sums in a fixed order, so the same seed trains the same model on one core or two (on one core the halves simply
 * run one after the other).
 */
final class RowHalves implements AutoCloseable {
    /** Multiply-adds per pass from which a step is split. */
    static final long SPLIT_FROM = 1L << 24;

    private final ExecutorService worker;

    private RowHalves(ExecutorService worker) {
        this.worker = worker;
    }

    /** Halves that run on two threads when the machine has a second core, else one after the other. */
    static RowHalves forMachine() {
        return Runtime.getRuntime().availableProcessors() > 1 ? new RowHalves(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gru4rec-output-rows");
            t.setDaemon(true);
            return t;
        })) : new RowHalves(null);
    }

    /** Halves that always run one after the other on the caller's thread (for tests). */
    static RowHalves sequential() {
        return new RowHalves(null);
    }

    /** Whether a pass of {@code rows × batch × width} multiply-adds is split. */
    static boolean splits(long rows, long batch, long width) {
        return rows >= 2 && rows * batch * width >= SPLIT_FROM;
    }

    /** A pass over rows {@code [from, to)}. */
    interface Pass {
        void run(int from, int to);
    }

    /**
     * Runs {@code pass} over rows {@code [0, count)}: whole on the caller's thread when a pass of {@code count × batch
     * × width} multiply-adds is not split ({@link #splits}), else in two halves.
     */
    void run(int count, long batch, long width, Pass pass) {
        if (splits(count, batch, width)) {
            run(count, pass, pass);
        } else {
            pass.run(0, count);
        }
    }

    /** Runs {@code first} over the first half of {@code [0, count)} and {@code second} over the rest. */
    void run(int count, Pass first, Pass second) {
        int middle = count / 2;
        if (worker == null) {
            first.run(0, middle);
            second.run(middle, count);
            return;
        }
        Future<?> other = worker.submit(() -> second.run(middle, count));
        first.run(0, middle);
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the output layer's second half ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
