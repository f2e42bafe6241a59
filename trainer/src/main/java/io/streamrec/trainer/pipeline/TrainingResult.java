package io.streamrec.trainer.pipeline;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A trained, evaluated, exported and parity-checked model, ready to publish.
 *
 * @param trainingTime data indexing and training, not evaluation or export
 * @param epochs       each epoch's loss, events and time
 */
public record TrainingResult(ModelBundle bundle, Map<String, Double> metrics, ParityReport parity,
                             Duration trainingTime, List<EpochStats> epochs) {
}
