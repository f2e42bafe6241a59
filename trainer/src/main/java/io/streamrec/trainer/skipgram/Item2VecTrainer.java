package io.streamrec.trainer.skipgram;

import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.EpochTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains Item2Vec by plain Java SGD (no DJL: the model is two embedding tables and each update touches 2 + N rows,
 * which a hand-written loop does faster than any batched engine on a CPU). Per epoch, in a shuffled session order:
 * <ol>
 *   <li>subsample the session ({@link Subsampling});</li>
 *   <li>for every ordered pair (i, j), i ≠ j, of the kept clicks (within {@code window} of each other when it is
 *       set) with different items, maximise
 *       <pre>  log σ(u_i·v_j) + Σ_{k=1..N} log σ(−u_i·v_k),   k ~ clicks^power  </pre>
 *       by one SGD step on u_i, v_j and the v_k (the skip-gram objective with the whole set as context);</li>
 * </ol>
 * The step falls linearly from {@code learning_rate} to {@code min_learning_rate} over the run. u starts uniform in
 * ±0.5/d and v at zero, as in word2vec. The loss reported is the mean of the negated objective per pair.
 */
public final class Item2VecTrainer extends EpochTrainer<Item2VecTrainer> {
    private final Item2VecConfig config;

    public Item2VecTrainer(Item2VecConfig config, Consumer<String> log) {
        super(log);
        this.config = config;
    }

    public Item2VecModel train(List<int[]> sessions, int itemCount, float[] counts, Consumer<EpochStats> epochLog) {
        int d = config.embeddingDim();
        SplittableRandom random = new SplittableRandom(config.seed());
        float[] input = new float[(itemCount + 1) * d];
        float[] output = new float[(itemCount + 1) * d];
        for (int i = d; i < input.length; i++) {
            input[i] = (float) ((random.nextDouble() - 0.5) / d);
        }
        Subsampling subsampling = new Subsampling(counts, config.subsampleRho());
        NegativeSampler negatives = new NegativeSampler(counts, config.negativePower());
        List<int[]> order = new ArrayList<>(sessions);
        Random shuffler = new Random(config.seed() + 1);
        long totalSessions = (long) config.epochs() * sessions.size();
        long done = 0;
        float[] gradient = new float[d];
        for (Epoch epoch : epochs(config.epochs(), order.size(), "pairs", epochLog)) {
            Collections.shuffle(order, shuffler);
            double lossSum = 0;
            long pairs = 0;
            for (int s = 0; s < order.size(); s++, done++) {
                double rate = config.learningRate()
                        - (config.learningRate() - config.minLearningRate()) * done / (double) totalSessions;
                int[] kept = subsampling.apply(order.get(s), random);
                for (int i = 0; i < kept.length; i++) {
                    int from = config.window() > 0 ? Math.max(0, i - config.window()) : 0;
                    int to = config.window() > 0 ? Math.min(kept.length, i + config.window() + 1) : kept.length;
                    for (int j = from; j < to; j++) {
                        // a pair of the same item teaches nothing about other items, only inflates u·v of itself
                        if (j != i && kept[j] != kept[i]) {
                            lossSum += update(input, output, kept[i], kept[j], (float) rate, negatives, random,
                                    gradient);
                            pairs++;
                        }
                    }
                }
                epoch.stepDone();
            }
            epoch.finish(pairs == 0 ? 0 : lossSum / pairs, pairs);
        }
        return new Item2VecModel(itemCount, d, input, output);
    }

    /** One SGD step on the pair (center, context) and N negatives; returns the pair's loss before the step. */
    private double update(float[] input, float[] output, int center, int context, float rate,
                          NegativeSampler sampler, SplittableRandom random, float[] gradient) {
        int d = config.embeddingDim();
        int u = center * d;
        java.util.Arrays.fill(gradient, 0f);
        double loss = 0;
        for (int n = 0; n <= config.negatives(); n++) {
            int target;
            float label;
            if (n == 0) {
                target = context;
                label = 1f;
            } else {
                target = sampler.next(random);
                if (target == context) {
                    continue;
                }
                label = 0f;
            }
            int v = target * d;
            float dot = 0;
            for (int k = 0; k < d; k++) {
                dot += input[u + k] * output[v + k];
            }
            double sigma = 1 / (1 + Math.exp(-dot));
            loss -= label == 1f ? Math.log(Math.max(sigma, 1e-12)) : Math.log(Math.max(1 - sigma, 1e-12));
            float g = (float) (label - sigma) * rate;
            for (int k = 0; k < d; k++) {
                gradient[k] += g * output[v + k];
                output[v + k] += g * input[u + k];
            }
        }
        for (int k = 0; k < d; k++) {
            input[u + k] += gradient[k];
        }
        return loss;
    }
}
