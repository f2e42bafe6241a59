package io.streamrec.torture;

import java.time.Duration;

/** Durations as people write them on the command line: 30s, 2m, 1h30m. */
final class Durations {
    private Durations() {
    }

    static String text(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }
}
