package io.streamrec.trainer.report;

import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.pipeline.TrainingResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a training run's report shows, for any family: each epoch's figures, and the final metrics of the model beside
 * what was evaluated with it (the baselines, other serving paths).
 *
 * @param model   the model as the report names it (its bundle's label)
 * @param epochs  each epoch's figures, in order
 * @param metrics by source, the model's own first under {@code model} (see {@link TrainingResult#metricsBySource}),
 *                each a map from metric name ({@code recall@20}) to value; empty without held-out sessions
 */
public record TrainingReport(String model, List<EpochStats> epochs, Map<String, Map<String, Double>> metrics) {
    static final String RECALL = "recall@";
    static final String MRR = "mrr@";

    public TrainingReport {
        epochs = List.copyOf(epochs);
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        metrics.forEach((source, values) -> copy.put(source, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        metrics = Collections.unmodifiableMap(copy);
    }

    public static TrainingReport of(TrainingResult result) {
        String label = result.bundle().manifest().label();
        return new TrainingReport(label, result.epochs(), result.metricsBySource(label));
    }

    /** The model's own metrics; empty without held-out sessions. */
    public Map<String, Double> own() {
        return metrics.getOrDefault(model, Map.of());
    }

    /** The largest K of the model's {@code recall@K}, the cutoff the charts show; empty when not evaluated. */
    public OptionalInt largestCutoff() {
        return own().keySet().stream().filter(name -> name.startsWith(RECALL))
                .mapToInt(name -> Integer.parseInt(name.substring(RECALL.length()))).max();
    }
}
