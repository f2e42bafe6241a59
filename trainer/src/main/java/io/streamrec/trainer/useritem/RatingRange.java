package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;

/**
 * The lowest and highest rating seen in training. A rating model clips its predictions to it: a rating outside the
 * scale is never right, and clipping can only bring a prediction closer to the true rating.
 */
public record RatingRange(float lowest, float highest) {

    /** The range of {@code train}'s values; unbounded when it has none. */
    public static RatingRange of(Interactions train) {
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (float v : train.values()) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        return train.size() == 0 ? new RatingRange(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)
                : new RatingRange(lowest, highest);
    }

    public float clip(double prediction) {
        return (float) Math.max(lowest, Math.min(highest, prediction));
    }
}
