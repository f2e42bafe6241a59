package io.streamrec.trainer.useritem;

import io.streamrec.schemas.bundle.ModelBundle;
import java.util.Map;

/**
 * A trained user–item model, by the indices of the {@code Interactions} it was trained on. One object answers
 * every protocol and the export, so that what is measured offline is what the stream serves:
 * <ul>
 *   <li>{@link #predict}: a rating (rating families) or a preference score (ranking families);</li>
 *   <li>{@link #scoreItems}: every item's score for a known user, in the order {@link #predict} gives them;</li>
 *   <li>{@link #scoreSession}: every item's score for someone the model does not know, from the items they just
 *       clicked (the model's fold-in: an anonymous session is a user with a few clicks);</li>
 *   <li>{@link #export}: the bundle whose graph reproduces both: given a user index above 0 it ranks by
 *       {@link #scoreItems}, given 0 by {@link #scoreSession} of the item sequence.</li>
 * </ul>
 */
public interface UserItemModel extends RatingPredictor, AutoCloseable {

    /** Writes every item's score for {@code user} into {@code out} (length: the item count). */
    void scoreItems(int user, float[] out);

    /**
     * Writes every item's score for an unknown user whose recent items are {@code items} (indices, oldest first,
     * at least one) into {@code out}.
     */
    void scoreSession(int[] items, float[] out);

    /**
     * The contract-conforming bundle: inputs {@code USER_INDEX} (0: unknown), {@code ITEM_SEQUENCE} and
     * {@code SEQUENCE_LENGTH}; outputs {@code TOP_ITEMS} and {@code TOP_SCORES}; the training users as its user
     * vocabulary and the training items as its item vocabulary; {@code metrics} in its manifest.
     */
    ModelBundle export(String modelName, long version, Map<String, Double> metrics);

    /** Frees native resources, if the model holds any. */
    @Override
    default void close() {
    }
}
