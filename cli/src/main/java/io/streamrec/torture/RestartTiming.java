package io.streamrec.torture;

/**
 * One disturbance and the first new answer after it.
 *
 * @param fromStartSeconds from the restarted process's start (or the broker being back) to the first answer to an
 *                         event sent after it; NaN when none came within the wait
 * @param fromKillSeconds  the same, from the kill (or the broker's stop)
 */
public record RestartTiming(double fromStartSeconds, double fromKillSeconds) {

    public boolean answered() {
        return !Double.isNaN(fromStartSeconds);
    }
}
