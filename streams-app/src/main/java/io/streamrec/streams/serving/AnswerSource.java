package io.streamrec.streams.serving;

/** Where one answer came from: the serving model, or popularity and the reason the model could not answer. */
public enum AnswerSource {
    MODEL,
    /** No model has arrived yet. */
    NO_MODEL,
    /** The model knows none of the session's items. */
    UNKNOWN_ITEMS,
    /** The model threw; the event is answered anyway. */
    INFERENCE_ERROR;

    public boolean isFallback() {
        return this != MODEL;
    }
}
