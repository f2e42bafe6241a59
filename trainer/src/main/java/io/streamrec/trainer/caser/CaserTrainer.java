package io.streamrec.trainer.caser;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.streamrec.trainer.engine.Adam;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.EpochTrainer;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains Caser as the paper does (section 3.5): every epoch, the training windows (L previous items → T next items,
 * {@link TrainingWindows}) in a fresh random order, in mini-batches; for each target, {@code negatives} items drawn
 * uniformly from those the sequence never contains, fresh every epoch; the loss
 * <pre>
 *   mean over targets of −log σ(y_target)  +  mean over negatives of −log(1 − σ(y_negative))
 * </pre>
 * (or, with {@code loss=softmax}, the mean over targets of −log softmax(y)[target] over every item); Adam with an L2
 * penalty. Each window's user is replaced by the unknown user (index 0) with probability {@code unknown_user_rate}, so
 * that vector learns what anonymous sessions share.
 */
public final class CaserTrainer extends EpochTrainer<CaserTrainer> {
    private final CaserConfig config;
    private EpochHook afterEpoch = (epoch, model) -> { };

    /** Called after each epoch with the model as it stands (for example to evaluate on validation data). */
    @FunctionalInterface
    public interface EpochHook {
        void after(int epoch, CaserModel model);
    }

    public CaserTrainer(CaserConfig config, Consumer<String> log) {
        super(log);
        this.config = config;
    }

    public CaserTrainer afterEpoch(EpochHook hook) {
        this.afterEpoch = hook;
        return this;
    }

    /**
     * @param sequences item indices (1..itemCount) per sequence, oldest first: a user's training history or a session
     * @param userOf    each sequence's user index (1..userCount), or 0 for an anonymous session
     * @param epochLog  receives each epoch's figures
     */
    public CaserModel train(List<int[]> sequences, int[] userOf, int itemCount, int userCount,
                            Consumer<EpochStats> epochLog) {
        if (userOf.length != sequences.size()) {
            throw new IllegalArgumentException(userOf.length + " users for " + sequences.size() + " sequences");
        }
        TrainingWindows windows = TrainingWindows.of(sequences, userOf, config);
        if (windows.count() == 0) {
            throw new IllegalArgumentException("no sequence has two items to train on");
        }
        CaserModel model = CaserModel.initialise(itemCount, userCount, config);
        try {
            run(model, windows, new NegativeSampler(sequences, itemCount), epochLog);
            return model;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private void run(CaserModel model, TrainingWindows windows, NegativeSampler sampler, Consumer<EpochStats> epochLog) {
        int l = config.sequenceLength();
        int t = config.targets();
        int negatives = config.loss() == CaserConfig.Loss.BCE ? config.negatives() * t : 0;
        int width = config.convolutionWidth();
        int n = windows.count();
        int batchSize = Math.min(config.batchSize(), n);
        long stepsPerEpoch = (n + batchSize - 1) / batchSize;
        Random random = new Random(config.seed() * 31 + 17);
        Engine engine = model.manager().getEngine();
        long[] ids = new long[batchSize * l];
        long[] users = new long[batchSize];
        long[] candidates = new long[batchSize * (t + negatives)];
        float[] mask = new float[batchSize * t];
        float[] dropout = new float[batchSize * width];
        try (NDManager training = model.manager().newSubManager();
             Adam adam = new Adam(training, model.parameters(), config.learningRate(), config.l2())) {
            NDArray paddingColumn = config.loss() == CaserConfig.Loss.SOFTMAX ? paddingColumn(training, model) : null;
            for (Epoch epoch : epochs(config.epochs(), stepsPerEpoch, "windows", epochLog)) {
                int[] order = shuffled(n, random);
                double lossSum = 0;
                for (int from = 0; from < n; from += batchSize) {
                    int b = Math.min(batchSize, n - from);
                    float targetsInBatch = fill(windows, sampler, order, from, b, random, negatives, ids, users,
                            candidates, mask);
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDManager m = model.manager();
                        NDArray itemIds = m.create(slice(ids, b * l), new Shape(b, l));
                        NDArray userIds = m.create(slice(users, b));
                        NDArray candidateIds = m.create(slice(candidates, b * (t + negatives)), new Shape(b, t + negatives));
                        NDArray targetMask = m.create(slice(mask, b * t), new Shape(b, t));
                        NDArray dropoutMask = null;
                        if (config.dropout() > 0) {
                            fillDropout(dropout, b * width, config.dropout(), random);
                            dropoutMask = m.create(slice(dropout, b * width), new Shape(b, width));
                        }
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray x = model.represent(itemIds, userIds, dropoutMask);
                            NDArray loss = config.loss() == CaserConfig.Loss.BCE
                                    ? bce(model.scoreCandidates(x, candidateIds), t, targetMask, targetsInBatch)
                                    : softmax(model.scoreAll(x).add(paddingColumn), candidateIds, targetMask,
                                            targetsInBatch);
                            collector.backward(loss);
                            lossSum += loss.getFloat() * b;
                        }
                        adam.step();
                    }
                    epoch.stepDone();
                }
                epoch.finish(lossSum / n, n);
                afterEpoch.after(epoch.number(), model);
            }
        }
    }

    /**
     * Lays out windows {@code order[from .. from + b)}: inputs, users (some replaced by the unknown user), targets
     * followed by their negatives, and the target mask. Returns the number of real targets.
     */
    private float fill(TrainingWindows windows, NegativeSampler sampler, int[] order, int from, int b, Random random,
                       int negatives, long[] ids, long[] users, long[] candidates, float[] mask) {
        int l = windows.length();
        int t = windows.targetCount();
        int c = t + negatives;
        float real = 0;
        for (int r = 0; r < b; r++) {
            int w = order[from + r];
            System.arraycopy(windows.inputs(), w * l, ids, r * l, l);
            boolean anonymous = config.unknownUserRate() > 0 && random.nextFloat() < config.unknownUserRate();
            users[r] = anonymous ? 0 : windows.users()[w];
            for (int j = 0; j < t; j++) {
                long target = windows.targets()[w * t + j];
                candidates[r * c + j] = target;
                mask[r * t + j] = target == 0 ? 0 : 1;
                real += mask[r * t + j];
            }
            if (negatives > 0) {
                sampler.draw(windows.sequence()[w], random, candidates, r * c + t, negatives);
            }
        }
        return real;
    }

    /** The paper's loss from candidate scores [B, T + negatives]: targets first, masked where absent. */
    static NDArray bce(NDArray scores, int t, NDArray targetMask, float targetsInBatch) {
        NDArray positive = scores.get(":, :" + t);
        NDArray negative = scores.get(":, " + t + ":");
        NDArray positiveLoss = Activation.softPlus(positive.neg()).mul(targetMask).sum().div(targetsInBatch);
        return positiveLoss.add(Activation.softPlus(negative).mean());
    }

    /** Cross-entropy over the whole catalogue per target; column 0 (padding) already pushed down. */
    static NDArray softmax(NDArray scores, NDArray candidates, NDArray targetMask, float targetsInBatch) {
        NDArray logProbabilities = scores.logSoftmax(1).gather(candidates, 1);
        return logProbabilities.mul(targetMask).sum().div(targetsInBatch).neg();
    }

    /** [1, N+1] with −1e9 at the padding column, so the softmax never gives padding any mass. */
    private static NDArray paddingColumn(NDManager manager, CaserModel model) {
        float[] column = new float[model.itemCount() + 1];
        column[0] = -1e9f;
        return manager.create(column, new Shape(1, column.length));
    }

    /** Inverted dropout: each entry 1/(1 − p) with probability 1 − p, else 0. */
    private static void fillDropout(float[] mask, int size, float p, Random random) {
        float keep = 1 - p;
        for (int i = 0; i < size; i++) {
            mask[i] = random.nextFloat() < keep ? 1 / keep : 0;
        }
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static long[] slice(long[] a, int length) {
        return length == a.length ? a : java.util.Arrays.copyOf(a, length);
    }

    private static float[] slice(float[] a, int length) {
        return length == a.length ? a : java.util.Arrays.copyOf(a, length);
    }
}
