package io.streamrec.bench;

import java.util.List;

/**
 * What raw ONNX Runtime scoring allows one thread, by batch size: the most events per second any stream over this
 * graph could answer if the model were the only cost.
 *
 * @param graph   which of the bundle's graphs was timed ({@code step} or {@code sequence})
 * @param batches one figure per batch size, in the order measured
 */
record ModelLimitResult(String graph, List<BatchFigure> batches, int bestBatch, double bestEventsPerSecond) {

    /** One batch size: mean microseconds per {@code OrtSession.run} call and the events per second that gives. */
    record BatchFigure(int batch, long calls, double microsPerCall, double eventsPerSecond) {
        static BatchFigure of(int batch, long calls, double seconds) {
            double perCall = seconds / calls;
            return new BatchFigure(batch, calls, perCall * 1e6, batch / perCall);
        }
    }

    /** The figures with the best batch size picked out (the highest events per second; the smaller batch on a tie). */
    static ModelLimitResult of(String graph, List<BatchFigure> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch sizes were measured");
        }
        BatchFigure best = batches.get(0);
        for (BatchFigure figure : batches) {
            if (figure.eventsPerSecond() > best.eventsPerSecond()
                    || (figure.eventsPerSecond() == best.eventsPerSecond() && figure.batch() < best.batch())) {
                best = figure;
            }
        }
        return new ModelLimitResult(graph, List.copyOf(batches), best.batch(), best.eventsPerSecond());
    }
}
