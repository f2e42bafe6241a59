package io.streamrec.bench;

import io.streamrec.schemas.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One of the two trainers {@code bench-train} compares, run as a child process so that its peak memory is its own:
 * how to start it on a row, and how to read its training figures from what it printed.
 */
interface TrainSide {
    /** {@code streamrec} or {@code reference}, as the table and the JSON name it. */
    String name();

    /** The command line that trains {@code row} on {@code data}'s training file. */
    List<String> command(TrainRow row, TrainBenchData data);

    /** The child's whole environment. */
    Map<String, String> environment();

    /** True for the output line that says the last epoch has ended. */
    Predicate<String> trainedLine(TrainRow row);

    /**
     * The training figures of a run that exited normally.
     *
     * @throws IllegalStateException naming what is missing when the output carries no figures
     */
    Trained figures(MeasuredProcess.Result run);

    /**
     * What a run that exited with an error says, in one line; a {@link io.streamrec.schemas.UserError} when the
     * failure is the setup's and every row would fail alike (a Python without torch).
     */
    String failure(MeasuredProcess.Result run);

    /** What to do when the program cannot be started at all, for the one-line error. */
    String whenItCannotStart();

    /**
     * @param events  training events over all epochs, as the trainer counted them
     * @param seconds time in the epochs, as the trainer timed them
     */
    record Trained(long events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** Trains {@code row} with {@code side} in {@code directory}; never throws for a run that failed, only reports it. */
    static SideFigures measure(TrainSide side, TrainRow row, TrainBenchData data, Path directory, Duration timeout)
            throws InterruptedException {
        List<String> command = side.command(row, data);
        MeasuredProcess.Result run;
        try {
            run = MeasuredProcess.run(command, directory, side.environment(), side.trainedLine(row), timeout);
        } catch (IOException e) {
            throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage(), side.whenItCannotStart(), e);
        }
        if (run.timedOut()) {
            return SideFigures.failed("stopped after " + timeout.toSeconds() + " s (--row-timeout)", run);
        }
        if (run.exitCode() != 0) {
            return SideFigures.failed("exit code " + run.exitCode() + ": " + side.failure(run), run);
        }
        try {
            return SideFigures.ok(side.figures(run), run);
        } catch (IllegalStateException e) {
            return SideFigures.failed(e.getMessage(), run);
        }
    }
}
