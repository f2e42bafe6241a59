package io.streamrec.trainer.skipgram;

import io.streamrec.trainer.family.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Item2Vec's options (Barkan &amp; Koenigstein 2016: skip-gram with negative sampling where a session is a bag of
 * items). Keys as in parameter files, {@code --set} and the manifest's training map.
 *
 * @param embeddingDim     {@code embedding_dim} (64): d, the size of each item's input vector u and output vector v
 * @param epochs           {@code epochs} (20): passes over the training sessions
 * @param negatives        {@code negatives} (5): N, negative items per positive pair
 * @param learningRate     {@code learning_rate} (0.025): the SGD step at the start; it falls linearly to
 *                         {@code min_learning_rate} over the run, as in word2vec
 * @param minLearningRate  {@code min_learning_rate} (0.0001): the step at the end of the run
 * @param subsampleRho     {@code subsample_rho} (0.001): ρ of the subsampling of frequent items: each click is
 *                         discarded with p = 1 − sqrt(ρ / f(w)) (clamped to [0, 1]), f(w) = the item's share of all
 *                         training clicks, drawn afresh every epoch; 0 turns subsampling off
 * @param negativePower    {@code negative_power} (0.75): negatives are drawn ∝ clicks^power (0 = uniform)
 * @param window           {@code window} (0): 0 = the whole session is every item's context (the paper's choice, the
 *                         set has no order); w &gt; 0 restricts it to the w items either side
 * @param sequenceLength   {@code sequence_length} (10): L, how many of the session's last items serving combines
 * @param topK             {@code top_k} (20): items the exported graph returns
 * @param seed             {@code seed} (42): initialisation, subsampling, negatives, session order
 */
public record Item2VecConfig(int embeddingDim, int epochs, int negatives, double learningRate, double minLearningRate,
                             double subsampleRho, double negativePower, int window, int sequenceLength, int topK,
                             long seed) {

    public static Item2VecConfig defaults() {
        return new Item2VecConfig(64, 20, 5, 0.025, 0.0001, 1e-3, 0.75, 0, 10, 20, 42);
    }

    /** This config with {@code overrides} (snake_case keys) applied; unknown keys are refused. */
    public Item2VecConfig with(Map<String, String> overrides) {
        Settings s = Settings.merge(asMap(), overrides);
        return new Item2VecConfig(s.integer("embedding_dim", 1), s.integer("epochs", 1), s.integer("negatives", 1),
                s.number("learning_rate", 0, 10), s.number("min_learning_rate", 0, 10),
                s.number("subsample_rho", 0, 1), s.number("negative_power", 0, 2), s.integer("window", 0),
                s.integer("sequence_length", 1), s.integer("top_k", 1), s.longValue("seed"));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("embedding_dim", Integer.toString(embeddingDim));
        m.put("epochs", Integer.toString(epochs));
        m.put("negatives", Integer.toString(negatives));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("min_learning_rate", Double.toString(minLearningRate));
        m.put("subsample_rho", Double.toString(subsampleRho));
        m.put("negative_power", Double.toString(negativePower));
        m.put("window", Integer.toString(window));
        m.put("sequence_length", Integer.toString(sequenceLength));
        m.put("top_k", Integer.toString(topK));
        m.put("seed", Long.toString(seed));
        return m;
    }

    public String describe() {
        return asMap().toString();
    }
}
