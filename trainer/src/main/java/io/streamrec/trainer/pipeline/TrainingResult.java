package io.streamrec.trainer.pipeline;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained, evaluated, exported and parity-checked model, ready to publish.
 *
 * @param metrics      the model's own metrics unprefixed ({@code recall@20}), each baseline's and each other serving
 *                     path's under its name and a dot ({@code popularity.recall@20})
 * @param trainingTime data indexing and training, not evaluation or export
 * @param epochs       each epoch's loss, events and time
 */
public record TrainingResult(ModelBundle bundle, Map<String, Double> metrics, ParityReport parity,
                             Duration trainingTime, List<EpochStats> epochs) {

    /**
     * {@link #metrics} by what was evaluated, in the order evaluated: the model's own under {@code ownName}, then
     * each baseline and other serving path under its name, each a map from metric name ({@code recall@20}) to value.
     */
    public Map<String, Map<String, Double>> metricsBySource(String ownName) {
        Map<String, Map<String, Double>> bySource = new LinkedHashMap<>();
        metrics.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            String source = dot < 0 ? ownName : key.substring(0, dot);
            bySource.computeIfAbsent(source, s -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        return bySource;
    }
}
