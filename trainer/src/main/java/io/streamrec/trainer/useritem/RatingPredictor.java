package io.streamrec.trainer.useritem;

/**
 * A trained model's predicted rating of an item by a user, both as indices of the training {@code Interactions}'
 * vocabularies. Users or items the model never saw in training must still get a defined prediction (a bias, the
 * global mean), since a fold's test part may hold them.
 */
@FunctionalInterface
public interface RatingPredictor {
    float predict(int user, int item);
}
