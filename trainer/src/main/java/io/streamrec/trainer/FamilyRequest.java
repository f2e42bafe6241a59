package io.streamrec.trainer;

import io.streamrec.trainer.data.SessionDataset;
import java.util.Map;

/**
 * What to train, for any {@link ModelFamily}: the data, held-out sessions (may be empty), the family's settings
 * (complete: defaults already merged in), and the model line and version to publish under.
 */
public record FamilyRequest(SessionDataset train, SessionDataset test, Map<String, String> settings, String modelName,
                            long version) {
    public FamilyRequest {
        settings = Map.copyOf(settings);
    }
}
