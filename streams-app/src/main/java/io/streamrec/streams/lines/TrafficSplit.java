package io.streamrec.streams.lines;

import io.streamrec.streams.session.StableHash;
import java.util.List;

/**
 * Routes each session to one model line by a stable hash of its key: the same session always goes to the same line,
 * on every instance and after every restart, because the route depends on nothing but the key and the weights.
 * There is no assignment table to share or to lose.
 *
 * <p>The hash places each session at a point of [0, 1), and the lines own consecutive intervals of it in proportion
 * to their weights. So only proportions matter (1,1 routes exactly as 50,50), and changing the weights moves only
 * the sessions between an old and a new boundary (going from 50/50 to 60/40 moves a tenth of the sessions, not
 * half). A moved session's model state is rebuilt by its new line: states are tagged with the model that made
 * them. Java's floating point is strict since 17, so the comparison is the same on every JVM.
 */
public final class TrafficSplit {
    private final String[] lines;
    /** Upper end (exclusive) of each line's interval of [0, 1); the last is 1. */
    private final double[] bounds;

    public TrafficSplit(List<LineShare> shares) {
        lines = new String[shares.size()];
        bounds = new double[shares.size()];
        long total = shares.stream().mapToLong(LineShare::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("the weights of a traffic split must add up to more than 0");
        }
        long sum = 0;
        for (int i = 0; i < shares.size(); i++) {
            lines[i] = shares.get(i).line();
            sum += shares.get(i).weight();
            bounds[i] = sum == total ? 1.0 : (double) sum / total;
        }
    }

    public String lineFor(String sessionKey) {
        if (lines.length == 1) {
            return lines[0];
        }
        // The top 53 bits of the hash as a double in [0, 1): every value exact, none equal to 1.
        double point = (StableHash.of(sessionKey) >>> 11) * 0x1.0p-53;
        for (int i = 0; i < bounds.length; i++) {
            if (point < bounds[i]) {
                return lines[i];
            }
        }
        throw new IllegalStateException("point " + point + " beyond the last line");
    }
}
