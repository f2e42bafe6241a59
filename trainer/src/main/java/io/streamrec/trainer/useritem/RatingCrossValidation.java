package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The k-fold rating protocol for any set of rating models: every model learns from each fold's training part and
 * predicts its test part ({@link RatingFolds}, {@link RatingErrors}), timed. With {@code validation} every fold's
 * training part is split once more the same way and the model is measured on that inner held-out part instead, so
 * that settings can be chosen without ever looking at a test fold.
 */
public final class RatingCrossValidation {
    /** A model as the protocol runs it: its name and how it learns (a closeable result is closed after scoring). */
    public record Candidate(String name, Function<Interactions, RatingPredictor> fit) {
    }

    /**
     * One model's errors and training time, fold by fold: wall-clock seconds, and the CPU seconds of the training
     * thread, which other processes on a shared machine do not inflate.
     */
    public record Result(String name, List<RatingErrors> folds, List<Double> seconds, List<Double> cpuSeconds) {
        public Summary rmse() {
            return Summary.of(folds.stream().mapToDouble(RatingErrors::rmse).toArray());
        }

        public Summary mae() {
            return Summary.of(folds.stream().mapToDouble(RatingErrors::mae).toArray());
        }

        public double totalSeconds() {
            return seconds.stream().mapToDouble(Double::doubleValue).sum();
        }

        public double totalCpuSeconds() {
            return cpuSeconds.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Mean and sample standard deviation (n − 1) over folds. */
    public record Summary(double mean, double std) {
        static Summary of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Summary(mean, values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1)));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
        }
    }

    private RatingCrossValidation() {
    }

    /** Runs every candidate on every fold (fold by fold, so each fold's parts are built once). */
    public static List<Result> run(Interactions data, int folds, long seed, boolean validation,
                                   List<Candidate> candidates, Consumer<String> log) {
        List<List<RatingErrors>> errors = new ArrayList<>();
        List<List<Double>> seconds = new ArrayList<>();
        List<List<Double>> cpuSeconds = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            errors.add(new ArrayList<>());
            seconds.add(new ArrayList<>());
            cpuSeconds.add(new ArrayList<>());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (RatingFolds.Fold fold : RatingFolds.of(data, folds, seed)) {
            Interactions train = fold.train();
            Interactions test = fold.test();
            if (validation) {
                RatingFolds.Fold inner = RatingFolds.of(train, folds, seed + 1).get(0);
                train = inner.train();
                test = inner.test();
            }
            for (int c = 0; c < candidates.size(); c++) {
                Candidate candidate = candidates.get(c);
                long started = System.nanoTime();
                long cpuStarted = threads.getCurrentThreadCpuTime();
                RatingPredictor model = candidate.fit().apply(train);
                double took = (System.nanoTime() - started) / 1e9;
                cpuSeconds.get(c).add((threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
                RatingErrors measured = RatingErrors.of(model, test);
                if (model instanceof AutoCloseable closeable) {
                    close(closeable);
                }
                errors.get(c).add(measured);
                seconds.get(c).add(took);
                log.accept(String.format(Locale.ROOT, "fold %d/%d %s: RMSE %.4f, MAE %.4f on %,d %s ratings,"
                                + " trained in %.2f s", fold.index() + 1, folds, candidate.name(), measured.rmse(),
                        measured.mae(), measured.ratings(), validation ? "validation" : "test", took));
            }
        }
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            results.add(new Result(candidates.get(c).name(), List.copyOf(errors.get(c)), List.copyOf(seconds.get(c)),
                    List.copyOf(cpuSeconds.get(c))));
        }
        return results;
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not free a model: " + e.getMessage(), e);
        }
    }
}
