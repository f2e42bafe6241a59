package io.streamrec.trainer;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.gru4rec.ParityReport;
import java.time.Duration;
import java.util.Map;

/** A trained, evaluated, exported and parity-checked model, ready to publish. */
public record TrainingResult(ModelBundle bundle, Map<String, Double> metrics, ParityReport parity,
                             Duration trainingTime) {
}
