package io.streamrec.trainer.useritem;

import io.streamrec.schemas.UserError;
import io.streamrec.trainer.data.Interactions;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How {@code train} holds data out for a user–item family and measures the trained model on it, by the family's
 * {@link UserItemFamily.Protocol}: the split before training, the metrics (the model's unprefixed, each baseline's
 * under {@code NAME.}) that go into the bundle's manifest. One implementation per protocol; {@link #of} picks it.
 */
public interface HeldOutProtocol {

    /** The part a model trains on and the part it is measured on, with the same vocabularies. */
    record Split(Interactions train, Interactions test) {
    }

    /** Splits {@code data}, reproducibly for a seed. */
    Split split(Interactions data, long seed);

    /** The trained model's metrics on {@code split.test()}, next to the protocol's baselines; logs one line. */
    Map<String, Double> evaluate(UserItemModel model, Split split, Consumer<String> log);

    /** One line of a manifest's metrics, for the command's last line. */
    String summary(Map<String, Double> metrics);

    /** The protocol {@code train} runs for a family of {@code protocol}. */
    static HeldOutProtocol of(UserItemFamily.Protocol protocol) {
        return switch (protocol) {
            case RATINGS -> new RatingHoldOut();
            case RANKING -> throw new UserError("train has no hold-out protocol for ranking families yet",
                    "train a rating family, or evaluate this one with its own protocol");
        };
    }
}
