package io.streamrec.trainer.useritem;

import io.streamrec.trainer.data.Interactions;

/**
 * Root mean squared error and mean absolute error of a predictor on held-out ratings. Predictions are used as the
 * model gives them (no clipping to the rating scale), so a model that needs clipping must do it itself.
 */
public record RatingErrors(double rmse, double mae, int ratings) {

    public static RatingErrors of(RatingPredictor model, Interactions test) {
        double squared = 0;
        double absolute = 0;
        for (int r = 0; r < test.size(); r++) {
            double error = model.predict(test.users()[r], test.items()[r]) - test.values()[r];
            squared += error * error;
            absolute += Math.abs(error);
        }
        int n = test.size();
        return n == 0 ? new RatingErrors(Double.NaN, Double.NaN, 0)
                : new RatingErrors(Math.sqrt(squared / n), absolute / n, n);
    }
}
