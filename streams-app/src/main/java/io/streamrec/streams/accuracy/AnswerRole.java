package io.streamrec.streams.accuracy;

/** Whose list a click is scored against. */
public enum AnswerRole {
    /** The answer the session was sent: its line's model, or popularity when that could not answer. */
    MAIN,
    /** The shadow model's list for the same event, scored but never sent. */
    SHADOW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
