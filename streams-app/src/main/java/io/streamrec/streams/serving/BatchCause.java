package io.streamrec.streams.serving;

/** Why the topology scored a batch of events when it did; counted per cause on {@code /stats}. */
public enum BatchCause {
    /** The batch reached its most events. */
    FULL,
    /** Its oldest event had waited the longest it may. */
    WAITED,
    /** A second event of a session in it arrived: that one needs the first's state. */
    SESSION_REPEAT,
    /** The task was about to commit (or to be suspended or closed cleanly). */
    COMMIT,
    /** One event on its own: after a quiet spell, without a model to batch for, or with batching off. */
    ALONE
}
