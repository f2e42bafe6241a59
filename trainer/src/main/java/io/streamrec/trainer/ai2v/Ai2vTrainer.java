package io.streamrec.trainer.ai2v;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.streamrec.trainer.engine.Adam;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.EpochTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains AI2V on DJL (autograd through the attention and ψ; Adam). Every click l_j after a session's first is one
 * example: its context is the last ≤ L items before it, and its loss the paper's −log p(l_j | l_1..j−1) with the
 * softmax taken over the target and {@code negatives} items drawn ∝ clicks^power for it (a draw equal to the target
 * is masked out of that row's softmax), every logit less {@code logq}·log Q(item) for that sampling distribution Q.
 * Examples are shuffled every epoch; the loss reported is the mean per example.
 */
public final class Ai2vTrainer extends EpochTrainer<Ai2vTrainer> {
    private final Ai2vConfig config;

    public Ai2vTrainer(Ai2vConfig config, Consumer<String> log) {
        super(log);
        this.config = config;
    }

    /** One training example: the target at {@code position} of {@code session}. */
    private record Example(int[] session, int position) {
    }

    public Ai2vModel train(List<int[]> sessions, int itemCount, float[] counts, Consumer<EpochStats> epochLog) {
        Ai2vModel model = Ai2vModel.initialise(itemCount, config);
        try {
            train(model, sessions, counts, epochLog);
            return model;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private void train(Ai2vModel model, List<int[]> sessions, float[] counts, Consumer<EpochStats> epochLog) {
        List<Example> examples = new ArrayList<>();
        for (int[] s : sessions) {
            for (int j = 1; j < s.length; j++) {
                examples.add(new Example(s, j));
            }
        }
        int length = config.sequenceLength();
        SampledCandidates sampled = new SampledCandidates(counts, config.negativePower(), config.negatives(),
                config.logq());
        int columns = sampled.columns();
        SplittableRandom random = new SplittableRandom(config.seed() + 17);
        Random shuffler = new Random(config.seed() + 5);
        Engine engine = model.manager().getEngine();
        NDManager m = model.manager();
        try (Adam adam = new Adam(m, model.parameters(), (float) config.learningRate(), 0)) {
            int steps = (examples.size() + config.batchSize() - 1) / config.batchSize();
            for (Epoch epoch : epochs(config.epochs(), steps, "targets", epochLog)) {
                Collections.shuffle(examples, shuffler);
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    List<Example> batch = examples.subList(step * config.batchSize(),
                            Math.min(examples.size(), (step + 1) * config.batchSize()));
                    int b = batch.size();
                    long[] context = new long[b * length];
                    float[] mask = new float[b * length];
                    long[] candidates = new long[b * columns];
                    float[] offsets = new float[b * columns];
                    for (int row = 0; row < b; row++) {
                        Example e = batch.get(row);
                        int from = Math.max(0, e.position() - length);
                        for (int i = from; i < e.position(); i++) {
                            context[row * length + i - from] = e.session()[i];
                            mask[row * length + i - from] = 1f;
                        }
                        sampled.fill(e.session()[e.position()], random, candidates, offsets, row);
                    }
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray ctx = m.create(context, new Shape(b, length));
                        NDArray msk = m.create(mask, new Shape(b, length));
                        NDArray cand = m.create(candidates, new Shape(b, columns));
                        NDArray offset = m.create(offsets, new Shape(b, columns));
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray logits = model.logits(ctx, msk, cand).add(offset);
                            NDArray loss = logits.logSoftmax(1).get(":, 0").neg().mean();
                            collector.backward(loss);
                            lossSum += loss.getFloat() * b;
                        }
                        adam.step();
                    }
                    epoch.stepDone();
                }
                epoch.finish(lossSum / examples.size(), examples.size());
            }
        }
    }
}
