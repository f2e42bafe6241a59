package io.streamrec.bench;

/**
 * What one side measured on one row, as written to JSON.
 *
 * @param status           {@link #OK} or {@link #FAILED}
 * @param reason           why it failed; null when it did not
 * @param eventsPerSecond  training events per second over all epochs, as the trainer timed them
 * @param events           training events over all epochs
 * @param trainingSeconds  time in the epochs
 * @param peakBytes        peak resident memory of the whole run (VmHWM); null where it cannot be read
 * @param trainedPeakBytes peak resident memory when the last epoch ended, before anything the trainer does after
 *                         training (streamrec's evaluation, export and parity check); null if never seen
 * @param wallSeconds      the child's whole run, start-up and all
 */
record SideFigures(String status, String reason, Double eventsPerSecond, Long events, Double trainingSeconds,
                   Long peakBytes, Long trainedPeakBytes, double wallSeconds) {
    static final String OK = "ok";
    static final String FAILED = "failed";

    static SideFigures ok(TrainSide.Trained trained, MeasuredProcess.Result run) {
        return new SideFigures(OK, null, trained.eventsPerSecond(), trained.events(), trained.seconds(),
                run.peakBytes(), run.trainedPeakBytes(), run.seconds());
    }

    static SideFigures failed(String reason, MeasuredProcess.Result run) {
        return new SideFigures(FAILED, reason, null, null, null, run.peakBytes(), run.trainedPeakBytes(),
                run.seconds());
    }

    boolean ok() {
        return OK.equals(status);
    }
}
