package io.streamrec.schemas.bundle;

/**
 * What a graph input or output means. The serving side fills inputs and reads outputs by role, never by model
 * kind, so a new model kind needs no change there as long as it uses these roles.
 *
 * <p>Item indices: index 0 is padding; the item on line {@code i} (0-based) of the bundle's vocabulary has index
 * {@code i + 1}.
 */
public enum TensorRole {
    /** int64 [batch, L]: the session's last (at most L) known item indices, oldest first, 0-padded at the end. */
    ITEM_SEQUENCE,
    /** int64 [batch]: how many leading entries of {@link #ITEM_SEQUENCE} are real items (1..L). */
    SEQUENCE_LENGTH,
    /**
     * int64 [batch]: the user's index in the bundle's user vocabulary ({@code users.txt}, line {@code i} has index
     * {@code i + 1}); 0 for an anonymous session or a user the model does not know. A model that declares this input
     * must give index 0 a sensible meaning (Caser trains a reserved "unknown user" vector for it).
     */
    USER_INDEX,
    /** int64 [batch, K] output: item indices, best first. */
    TOP_ITEMS,
    /** float [batch, K] output: the scores of {@link #TOP_ITEMS}, in the same order. */
    TOP_SCORES,
    /**
     * float [batch, S] input of a step graph: the session's model state before this step's item; all zeros for a
     * session the model has not seen.
     */
    RECURRENT_STATE,
    /** float [batch, S] output of a step graph: the state after this step's item, to keep for the next event. */
    NEXT_RECURRENT_STATE
}
