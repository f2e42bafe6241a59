package io.streamrec.torture;

import java.util.List;

/**
 * How the inputs of a run and their outcomes pair up.
 *
 * @param in              events the broker acknowledged
 * @param recommendations committed answers read
 * @param deadLetters     committed dead letters read
 * @param lost            inputs with no outcome
 * @param duplicated      outcomes beyond the first of an input
 * @param unexpected      outcomes that name no input at all (a dead letter of an unknown offset, an answer whose
 *                        identity no input has): a wrong prediction, or output from elsewhere
 * @param examples        a few of the inputs behind {@code lost} and {@code duplicated}, to look up in the logs
 */
public record OutcomeTally(long in, long recommendations, long deadLetters, long lost, long duplicated,
                           long unexpected, List<String> examples) {

    public OutcomeTally {
        examples = List.copyOf(examples);
    }

    /** Exactly one outcome per input, and nothing else. */
    public boolean exactlyOnce() {
        return lost == 0 && duplicated == 0 && unexpected == 0 && in == recommendations + deadLetters;
    }

    public String summary() {
        return String.format("in %,d, recommendations %,d, dead letters %,d, lost %,d, duplicated %,d, unexpected %,d%s",
                in, recommendations, deadLetters, lost, duplicated, unexpected,
                examples.isEmpty() ? "" : "; e.g. " + String.join(", ", examples));
    }
}
