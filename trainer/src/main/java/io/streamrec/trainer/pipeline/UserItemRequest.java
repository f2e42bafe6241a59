package io.streamrec.trainer.pipeline;

import io.streamrec.trainer.data.Interactions;
import java.util.Map;

/**
 * What to train for a user–item family: all the interactions (the family's protocol holds its part out), the
 * family's settings by key (missing keys take its defaults), the model line and version to publish under, and the
 * seed of the hold-out.
 */
public record UserItemRequest(Interactions data, Map<String, String> settings, String modelName, long version,
                              long seed) {
    public UserItemRequest {
        settings = Map.copyOf(settings);
    }
}
