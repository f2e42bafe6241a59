package io.streamrec.trainer.pipeline;

import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.Ranks;
import java.util.List;
import java.util.Map;

/**
 * What to train, for any family: the data, held-out sessions (may be empty), the family's settings by key (missing
 * keys take the family's defaults), the model line and version to publish under, how the offline evaluation counts
 * ties (conservatively, against the model, unless asked otherwise) and the baselines evaluated beside the model.
 */
public record TrainingRequest(SessionDataset train, SessionDataset test, Map<String, String> settings,
                              String modelName, long version, Ranks.TieMode ties, List<Baseline> baselines) {
    public TrainingRequest {
        settings = Map.copyOf(settings);
        baselines = List.copyOf(baselines);
    }

    /** Next to popularity, the protocol's floor. */
    public TrainingRequest(SessionDataset train, SessionDataset test, Map<String, String> settings, String modelName,
                           long version, Ranks.TieMode ties) {
        this(train, test, settings, modelName, version, ties, List.of(Baseline.POPULARITY));
    }

    /** With conservative ties, the protocol's default, next to popularity. */
    public TrainingRequest(SessionDataset train, SessionDataset test, Map<String, String> settings, String modelName,
                           long version) {
        this(train, test, settings, modelName, version, Ranks.TieMode.CONSERVATIVE);
    }
}
