package io.streamrec.trainer.useritem;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.TrainingContext;

/**
 * A family that learns from user–item interactions (matrix factorisation, BPR, NeuMF, autoencoders): what
 * {@code train --model KIND} trains, evaluates by {@link #protocol()}, exports and publishes, and what the offline
 * protocols cross-validate. Each family lives in its own package; everything around {@link #fit} is shared.
 */
public interface UserItemFamily {

    /** How a family's quality is measured offline, and so what its values mean. */
    enum Protocol {
        /** Values are explicit ratings; held-out ratings are predicted (RMSE, MAE). */
        RATINGS,
        /** Values are ignored (implicit feedback); each user's held-out items are ranked against the catalogue. */
        RANKING
    }

    /** The name on the command line and in manifests. */
    String kind();

    /** One line for help: what the family is and which paper it follows. */
    String description();

    /** Every setting {@link #fit} reads, declared once with type, default, range and meaning. */
    SettingGroup settings();

    Protocol protocol();

    /**
     * Learns from {@code train} only (so that held-out rows stay unseen) and returns the trained model, which the
     * caller closes.
     */
    UserItemModel fit(Interactions train, Settings settings, TrainingContext context);
}
