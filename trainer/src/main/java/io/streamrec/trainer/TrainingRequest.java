package io.streamrec.trainer;

import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;

/** What to train: data, held-out sessions for evaluation, settings, and the name and version to publish under. */
public record TrainingRequest(SessionDataset train, SessionDataset test, Gru4RecConfig config, String modelName,
                              long version, Ranks.TieMode ties) {
    /** With conservative ties, the protocol's default. */
    public TrainingRequest(SessionDataset train, SessionDataset test, Gru4RecConfig config, String modelName,
                           long version) {
        this(train, test, config, modelName, version, Ranks.TieMode.CONSERVATIVE);
    }
}
