package io.streamrec.trainer;

import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;

/** What to train: data, held-out sessions for evaluation, settings, and the name and version to publish under. */
public record TrainingRequest(SessionDataset train, SessionDataset test, Gru4RecConfig config, String modelName,
                              long version) {
}
