package io.streamrec.trainer.ai2v;

import io.streamrec.trainer.family.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attentive Item2Vec's options (Barkan et al., ICASSP 2020). The paper's equations fix the architecture; the
 * sizes below are this implementation's defaults, because the source at hand (lecture slides with the equations and
 * result tables) gives no hyperparameter values. Keys as in parameter files, {@code --set} and the manifest.
 *
 * @param embeddingDim   {@code embedding_dim} (64): d, the size of the context embeddings u and target embeddings v
 * @param heads          {@code heads} (4): N, attention heads
 * @param attentionDim   {@code attention_dim} (16): rows of each head's A_c and A_t (the space the cosine compares in)
 * @param valueDim       {@code value_dim} (16): rows of each head's B_c (a head's output a^n)
 * @param zDim           {@code z_dim} (64): rows of R (z = R·[a^1; …; a^N]) and of B_t
 * @param mlpHidden      {@code mlp_hidden} (64): rows of W0 in ψ(u, v) = W1·φ(W0·[u, v, u∘v, |u−v|])
 * @param activation     {@code activation} (relu): φ, relu or tanh
 * @param negatives      {@code negatives} (100): sampled negatives per target in the softmax of the loss
 * @param negativePower  {@code negative_power} (0.75): negatives are drawn ∝ clicks^power (0 = uniform)
 * @param logq           {@code logq} (0): the logQ correction of the sampled softmax: every candidate's logit less
 *                       logq·log Q(item), Q the negatives' sampling distribution. Without it (0) the softmax over
 *                       popularity-drawn negatives teaches scores of about log(p / Q), which push popular items down at
 *                       serving time; 1 corrects that fully, as GRU4Rec's {@code logq} does
 * @param batchSize      {@code batch_size} (128): targets per mini-batch
 * @param epochs         {@code epochs} (5): passes over every (context, target) pair of the training sessions
 * @param learningRate   {@code learning_rate} (0.001): Adam's step
 * @param sequenceLength {@code sequence_length} (10): L, the most recent items a target attends to, in training and
 *                       serving alike (the paper's context is all previous items: set L to the longest session)
 * @param topK           {@code top_k} (20): items the exported graph returns
 * @param serving        {@code serving} (full): {@code full} scores every item with AI2V;
 *                       {@code two-stage} lets an Item2Vec model propose {@code candidates} items and AI2V re-rank
 *                       them, both inside the one exported graph
 * @param candidates     {@code candidates} (200): M, the proposals of the two-stage graph (at most the catalogue)
 * @param seed           {@code seed} (42): initialisation, sampling, example order; the two-stage proposer too
 */
public record Ai2vConfig(int embeddingDim, int heads, int attentionDim, int valueDim, int zDim, int mlpHidden,
                         Activation activation, int negatives, double negativePower, double logq, int batchSize, int epochs,
                         double learningRate, int sequenceLength, int topK, Serving serving, int candidates,
                         long seed) {

    /** φ of the similarity network. */
    public enum Activation { RELU, TANH }

    /** How the exported graph finds its top-K. */
    public enum Serving { FULL, TWO_STAGE }

    public static Ai2vConfig defaults() {
        return new Ai2vConfig(64, 4, 16, 16, 64, 64, Activation.RELU, 100, 0.75, 0, 128, 5, 0.001, 10, 20,
                Serving.FULL, 200, 42);
    }

    /** This config with {@code overrides} (snake_case keys) applied; unknown keys are refused. */
    public Ai2vConfig with(Map<String, String> overrides) {
        Settings s = Settings.merge(asMap(), overrides);
        return new Ai2vConfig(s.integer("embedding_dim", 1), s.integer("heads", 1), s.integer("attention_dim", 1),
                s.integer("value_dim", 1), s.integer("z_dim", 1), s.integer("mlp_hidden", 1),
                s.choice("activation", Activation.class), s.integer("negatives", 1),
                s.number("negative_power", 0, 2), s.number("logq", 0, 10), s.integer("batch_size", 1), s.integer("epochs", 1),
                s.number("learning_rate", 0, 10), s.integer("sequence_length", 1), s.integer("top_k", 1),
                s.choice("serving", Serving.class), s.integer("candidates", 1), s.longValue("seed"));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("embedding_dim", Integer.toString(embeddingDim));
        m.put("heads", Integer.toString(heads));
        m.put("attention_dim", Integer.toString(attentionDim));
        m.put("value_dim", Integer.toString(valueDim));
        m.put("z_dim", Integer.toString(zDim));
        m.put("mlp_hidden", Integer.toString(mlpHidden));
        m.put("activation", Settings.spelling(activation));
        m.put("negatives", Integer.toString(negatives));
        m.put("negative_power", Double.toString(negativePower));
        m.put("logq", Double.toString(logq));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("sequence_length", Integer.toString(sequenceLength));
        m.put("top_k", Integer.toString(topK));
        m.put("serving", Settings.spelling(serving));
        m.put("candidates", Integer.toString(candidates));
        m.put("seed", Long.toString(seed));
        return m;
    }

    public String describe() {
        return asMap().toString();
    }
}
