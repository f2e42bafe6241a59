package io.streamrec.streams.deadletter;

import java.util.Locale;

/**
 * Why an event became a dead letter, in a few classes: the label of the dead-letter metric. The dead letter's reason
 * header says exactly what was wrong.
 */
public enum DeadLetterCause {
    /** The event is over the size limit. */
    TOO_LARGE,
    /** Its bytes are not a click event. */
    UNPARSEABLE,
    /** A click event with a field missing or out of its limits. */
    INVALID,
    /** Its answer or its session's new state would be over the limit of what can be written. */
    OUTPUT_TOO_LARGE;

    /** The metric label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
