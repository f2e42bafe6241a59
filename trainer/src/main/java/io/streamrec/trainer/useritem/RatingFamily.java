package io.streamrec.trainer.useritem;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.TrainingContext;

/**
 * A family that predicts explicit ratings, as the rating protocol ({@code evaluate-ratings}) cross-validates it.
 * The same settings group serves {@code train --model KIND}; a family that is also a
 * {@link io.streamrec.trainer.family.ModelFamily} implements both.
 */
public interface RatingFamily {
    /** The name on the command line, as for {@code train --model}. */
    String kind();

    /** Every setting {@link #fit} reads, declared once (the same group {@code train} resolves). */
    SettingGroup settings();

    /**
     * Learns from {@code train} (values are ratings) and returns the predictor; must not read anything else, so
     * that a fold's test part stays unseen.
     */
    RatingPredictor fit(Interactions train, Settings settings, TrainingContext context);
}
