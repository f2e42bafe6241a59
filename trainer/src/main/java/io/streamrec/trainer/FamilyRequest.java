package io.streamrec.trainer;

import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.Ranks;
import java.util.Map;

/**
 * What to train, for any {@link ModelFamily}: the data, held-out sessions (may be empty), the family's settings
 * (complete: defaults already merged in), the model line and version to publish under, and how the offline
 * evaluation counts ties (conservatively, against the model, unless asked otherwise).
 */
public record FamilyRequest(SessionDataset train, SessionDataset test, Map<String, String> settings, String modelName,
                            long version, Ranks.TieMode ties) {
    public FamilyRequest {
        settings = Map.copyOf(settings);
    }

    /** With conservative ties, the protocol's default. */
    public FamilyRequest(SessionDataset train, SessionDataset test, Map<String, String> settings, String modelName,
                         long version) {
        this(train, test, settings, modelName, version, Ranks.TieMode.CONSERVATIVE);
    }
}
