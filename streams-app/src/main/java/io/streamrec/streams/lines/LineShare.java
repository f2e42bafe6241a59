package io.streamrec.streams.lines;

import java.util.Objects;

/**
 * One model line of a traffic split and its weight. A line is a model name on the model topic (bundles are keyed
 * by it); its sessions get {@code weight / sum of weights} of the traffic. A weight of 0 keeps the line loaded
 * (ready to ramp up) without sending it sessions.
 */
public record LineShare(String line, int weight) {
    public LineShare {
        Objects.requireNonNull(line, "line");
        if (line.isBlank()) {
            throw new IllegalArgumentException("a model line needs a name");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("line '" + line + "' has a negative weight " + weight);
        }
    }
}
