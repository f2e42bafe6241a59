package io.streamrec.trainer.family;

/** One training epoch of any model family: its mean loss per training example, the examples (events) and the time. */
public record EpochStats(int epoch, double meanLoss, long events, double seconds) {
    public double eventsPerSecond() {
        return events / seconds;
    }
}
