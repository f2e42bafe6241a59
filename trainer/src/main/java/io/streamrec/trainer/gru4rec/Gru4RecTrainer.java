package io.streamrec.trainer.gru4rec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains GRU4Rec with session-parallel mini-batches and a cross-entropy loss over the mini-batch's own targets (each
 * row's target is its positive, the other rows' targets its negatives), optionally widened by {@code nSample}
 * popularity-sampled items shared by the whole mini-batch. The hidden state is carried from step to step but not
 * back-propagated through (one step of BPTT), as in the paper; it is zeroed for a slot whose session changes.
 */
public final class Gru4RecTrainer {
    private final Gru4RecConfig config;
    private final Consumer<String> progress;

    public Gru4RecTrainer(Gru4RecConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Per-epoch figures, for progress lines and tests. */
    public record EpochStats(int epoch, double meanLoss, long events, double seconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /**
     * @param sessions    training sessions as item indices (1..itemCount), in start-time order, each ≥ 2 clicks
     * @param itemCounts  training clicks per item index, for negative sampling
     * @param epochLog    receives each epoch's figures
     */
    public Gru4RecModel train(List<int[]> sessions, int itemCount, float[] itemCounts, Consumer<EpochStats> epochLog) {
        Gru4RecModel model = Gru4RecModel.initialise(itemCount, config.embeddingSize(), config.hiddenSize(),
                config.seed());
        try {
            Adagrad optimiser = new Adagrad(model.parameters(), model.manager(), config.learningRate());
            NegativeSampler sampler = config.nSample() > 0
                    ? new NegativeSampler(itemCounts, config.sampleAlpha(), config.seed()) : null;
            Random dropout = new Random(config.seed() ^ 0x5DEECE66DL);
            Engine engine = model.manager().getEngine();
            // Session-parallel batches stop at the first slot that cannot be refilled, so a batch wider than the
            // data would never take a step.
            int batch = Math.min(config.batchSize(), sessions.size());
            try (NDManager epochManager = model.manager().newSubManager()) {
                NDArray identity = epochManager.eye(batch);
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    long started = System.nanoTime();
                    double lossSum = 0;
                    long steps = 0;
                    long events = 0;
                    NDArray hidden = epochManager.zeros(new Shape(batch, config.hiddenSize()));
                    SessionParallelBatches batches = new SessionParallelBatches(sessions, batch, false);
                    while (batches.next()) {
                        // Every array this step creates dies with the scope. A per-step sub-manager would not do: an
                        // operation's result belongs to its first operand's manager, here the model's long-lived one.
                        // Only the new hidden state survives, detached from the graph and unregistered.
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDManager step = model.manager();
                            NDArray inputs = step.create(batches.inputs());
                            NDArray targets = step.create(batches.targets());
                            NDArray keep = step.create(keepMask(batches.resets()), new Shape(batch, 1));
                            NDArray start = hidden.mul(keep);
                            NDArray next;
                            try (GradientCollector collector = engine.newGradientCollector()) {
                                next = model.step(inputs, start);
                                NDArray output = config.dropoutHidden() > 0
                                        ? next.mul(step.create(dropoutMask(dropout, batch), new Shape(batch, config.hiddenSize())))
                                        : next;
                                NDArray loss = loss(model, output, targets, identity, sampler, step);
                                collector.backward(loss);
                                lossSum += loss.getFloat();
                            }
                            optimiser.step();
                            NDArray carried = next.stopGradient();
                            NDScope.unregister(carried);
                            hidden.close();
                            hidden = carried;
                        }
                        steps++;
                        events += batch;
                    }
                    hidden.close();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    EpochStats stats = new EpochStats(epoch, steps == 0 ? Double.NaN : lossSum / steps, events, seconds);
                    epochLog.accept(stats);
                    progress.accept(String.format("epoch %d/%d: loss %.4f, %,d events in %.1f s (%,.0f events/s)",
                            epoch, config.epochs(), stats.meanLoss(), events, seconds, stats.eventsPerSecond()));
                }
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private NDArray loss(Gru4RecModel model, NDArray output, NDArray targets, NDArray identity,
                         NegativeSampler sampler, NDManager step) {
        NDArray logits = model.scores(output, targets);
        if (sampler != null) {
            NDArray sampled = step.create(sampler.draw(config.nSample()));
            logits = logits.concat(model.scores(output, sampled), 1);
            identity = identity.concat(step.zeros(new Shape(identity.getShape().get(0), config.nSample())), 1);
        }
        // Cross-entropy of the softmax over (mini-batch targets [+ samples]); the positive is on the diagonal.
        return logits.logSoftmax(1).mul(identity).sum().neg().div(output.getShape().get(0));
    }

    private float[] dropoutMask(Random random, int batch) {
        float keep = 1 - config.dropoutHidden();
        float[] mask = new float[batch * config.hiddenSize()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1 / keep : 0;
        }
        return mask;
    }

    private static float[] keepMask(boolean[] resets) {
        float[] keep = new float[resets.length];
        for (int i = 0; i < resets.length; i++) {
            keep[i] = resets[i] ? 0 : 1;
        }
        return keep;
    }
}
