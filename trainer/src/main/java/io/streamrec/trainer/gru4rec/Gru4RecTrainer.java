package io.streamrec.trainer.gru4rec;

import io.streamrec.trainer.engine.EmbeddingRows;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.EpochTrainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains GRU4Rec (Hidasi et al., ICLR 2016; Hidasi &amp; Karatzoglou, CIKM 2018):
 * <ul>
 *   <li>session-parallel mini-batches ({@link SessionParallelBatches}): each of {@code batchSize} slots steps through
 *       one session, its state zeroed when the next session takes the slot; the state is carried from step to step
 *       but not back-propagated through (one step of BPTT), as in the paper;</li>
 *   <li>negatives: the other rows' targets plus {@code nSample} items drawn ∝ popularity^{@code sampleAlpha}, shared
 *       by the whole mini-batch, taken from a {@link SampleStore} filled ahead;</li>
 *   <li>loss: cross-entropy over the softmax of (targets + samples), less {@code logq}·log P(item) of the sampling
 *       distribution on every column, or BPR-max with score regularisation {@code bpreg}; optional ELU on the scores;
 *       the mean over the mini-batch's rows, whose gradient Adagrad treats differently from the sum's
 *       ({@link OutputLayer#crossEntropy});</li>
 *   <li>input: constrained embedding (rows of the output item matrix), a separate embedding, or one-hot;
 *       {@code layers} GRU layers; dropout on the input embedding and on every layer's output;</li>
 *   <li>Adagrad with Nesterov momentum ({@link Adagrad}); item rows are updated only where the step used them.</li>
 * </ul>
 * Only the item rows a step touches (the inputs, targets and samples, each once) are scored, differentiated and
 * updated, so a step costs O(batch + nSample) rows whatever the catalogue size. The output layer over those rows, the
 * cross-entropy and the item rows' Adagrad run in Java ({@link OutputLayer}); the GRU and BPR-max run on libtorch's
 * autograd, which receives the output layer's gradient.
 */
public final class Gru4RecTrainer extends EpochTrainer<Gru4RecTrainer> {
    private final Gru4RecConfig config;
    private final OutputKernels kernels = OutputKernels.best();

    public Gru4RecTrainer(Gru4RecConfig config, Consumer<String> log) {
        super(log);
        this.config = config;
    }

    /**
     * @param sessions    training sessions as item indices (1..itemCount), in start-time order, each ≥ 2 clicks
     * @param itemCounts  training clicks per item index, for negative sampling
     * @param epochLog    receives each epoch's figures
     */
    public Gru4RecModel train(List<int[]> sessions, int itemCount, float[] itemCounts, Consumer<EpochStats> epochLog) {
        Gru4RecModel model = Gru4RecModel.initialise(itemCount, config);
        try {
            train(model, sessions, itemCounts, epochLog);
            return model;
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private void train(Gru4RecModel model, List<int[]> sessions, float[] itemCounts, Consumer<EpochStats> epochLog) {
        // Session-parallel batches stop at the first slot that cannot be refilled, so a batch wider than the data
        // would never take a step.
        int batch = Math.min(config.batchSize(), sessions.size());
        int h = config.hiddenSize();
        int samples = config.nSample();
        int columns = batch + samples;
        long eventsPerEpoch = 0;
        for (int[] s : sessions) {
            eventsPerEpoch += s.length - 1;
        }
        long stepsPerEpoch = Math.max(1, eventsPerEpoch / batch);
        SampleStore store = samples > 0 ? new SampleStore(itemCounts, config.sampleAlpha(), samples,
                Math.min(config.sampleStoreSize(), (long) samples * (stepsPerEpoch * config.epochs() + 1)),
                config.seed() * 31 + 7) : null;
        float[] logP = null;
        if (store != null && config.logq() > 0 && config.loss() == Gru4RecConfig.Loss.CROSS_ENTROPY) {
            logP = new float[itemCounts.length];
            for (int i = 1; i < logP.length; i++) {
                logP[i] = (float) (config.logq() * Math.log(Math.max(store.probability(i), 1e-30)));
            }
        }
        Random dropout = new Random(config.seed() ^ 0x5DEECE66DL);
        Adagrad optimiser = new Adagrad(config.learningRate(), config.momentum(), config.nesterov());
        Engine engine = model.manager().getEngine();
        boolean constrained = model.input() == Gru4RecModel.Input.CONSTRAINED;
        boolean oneHot = model.input() == Gru4RecModel.Input.ONE_HOT;
        boolean bprMax = config.loss() == Gru4RecConfig.Loss.BPR_MAX;
        RowSet itemRows = new RowSet(model.itemCount() + 1, columns + (constrained ? batch : 0));
        RowSet inputRows = constrained ? itemRows : new RowSet(model.itemCount() + 1, batch);
        long[] candidates = new long[columns];
        long[] targetPositions = new long[batch];
        long[] inputPositions = new long[batch];
        float[] positiveCorrection = new float[batch];
        int inputWidth = model.embeddingSize();

        if (kernels instanceof PlainOutputKernels) {
            log("warning: the JVM lacks jdk.incubator.vector, so GRU4Rec's output layer runs as plain loops"
                    + " (several times slower); start it with --add-modules jdk.incubator.vector, as ./streamrec does");
        }
        try (OutputLayer output = new OutputLayer(model.items.toFloatArray(), h, batch, config, kernels,
                RowHalves.forMachine());
             NDManager trainingManager = model.manager().newSubManager();
             Adagrad.Slot embeddingSlot = model.embedding == null ? null : optimiser.slot(trainingManager,
                     model.embedding);
             Adagrad.Slot denseSlot = optimiser.slot(trainingManager, model.dense)) {
            for (Epoch epoch : epochs(config.epochs(), stepsPerEpoch, "events", epochLog)) {
                double lossSum = 0;
                long events = 0;
                NDArray hidden = trainingManager.zeros(new Shape(batch, model.stateSize()));
                SessionParallelBatches batches = new SessionParallelBatches(sessions, batch, false);
                while (batches.next()) {
                    long[] inputs = batches.inputs();
                    long[] targets = batches.targets();
                    System.arraycopy(targets, 0, candidates, 0, batch);
                    if (store != null) {
                        store.next(candidates, batch);
                    }
                    // The candidate columns (targets, then samples) as distinct rows with multiplicities: softmax over
                    // the 'batch + nSample' columns equals softmax over the distinct ones with log(count) added, so
                    // the loss and its gradients are exactly those of the full column set, at the cost of the
                    // distinct rows only. Input-only rows (constrained embedding) come after the candidates.
                    itemRows.clear();
                    for (int c = 0; c < columns; c++) {
                        itemRows.add(candidates[c]);
                    }
                    int distinct = itemRows.size();
                    double constant = 0;
                    for (int b = 0; b < batch; b++) {
                        int at = itemRows.position(targets[b]);
                        targetPositions[b] = at;
                        int count = itemRows.count(at);
                        // BPR-max: the row's own positive column leaves the negatives once
                        positiveCorrection[b] = count > 1 ? (float) Math.log((count - 1.0) / count) : -1e9f;
                        constant += Math.log(count);
                    }
                    float[] shift = new float[distinct];
                    for (int u = 0; u < distinct; u++) {
                        shift[u] = (float) Math.log(itemRows.count(u));
                        if (logP != null) {
                            shift[u] -= logP[(int) itemRows.row(u)];
                        }
                    }
                    if (!constrained) {
                        inputRows.clear();
                    }
                    for (int b = 0; b < batch; b++) {
                        inputPositions[b] = inputRows.place(inputs[b]);
                    }
                    // Every array this step creates dies with the scope. Only the new state survives, detached.
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDManager m = model.manager();
                        NDArray inputIndex = null;
                        NDArray inputLeaf;
                        if (constrained) {
                            inputLeaf = m.create(output.inputRows(inputs), new Shape(batch, h));
                        } else {
                            inputIndex = m.create(inputRows.rows());
                            inputLeaf = EmbeddingRows.gather(model.embedding, inputIndex);
                        }
                        inputLeaf.setRequiresGradient(true);
                        NDArray start = anyReset(batches.resets())
                                ? hidden.mul(m.create(keepMask(batches.resets()), new Shape(batch, 1))) : hidden;
                        NDArray embeddingMask = config.dropoutEmbedding() > 0
                                ? m.create(dropoutMask(dropout, config.dropoutEmbedding(), batch, oneHot ? 1 : inputWidth),
                                        new Shape(batch, oneHot ? 1 : inputWidth)) : null;
                        NDArray[] hiddenMasks = null;
                        if (config.dropoutHidden() > 0) {
                            hiddenMasks = new NDArray[model.layers()];
                            for (int l = 0; l < hiddenMasks.length; l++) {
                                hiddenMasks[l] = m.create(dropoutMask(dropout, config.dropoutHidden(), batch, h),
                                        new Shape(batch, h));
                            }
                        }
                        long[] rows = itemRows.rowArray();
                        NDArray next;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray x = constrained ? inputLeaf : EmbeddingRows.gather(inputLeaf, m.create(inputPositions));
                            if (embeddingMask != null) {
                                x = x.mul(embeddingMask);
                            }
                            NDArray[] out = model.forward(x, start, model.layerViews(), hiddenMasks);
                            next = out[0];
                            // The output layer runs outside autograd (OutputLayer); the loss is differentiated from
                            // its scores, and the GRU from the output gradient that the output layer hands back.
                            float[] logits = output.logits(out[1].toFloatArray(), rows, distinct);
                            float[] scoreGrad;
                            if (bprMax) {
                                // the output layer's buffer may be longer than this step's scores
                                NDArray scores = m.create(FloatBuffer.wrap(logits, 0, distinct * batch),
                                        new Shape(distinct, batch));
                                scores.setRequiresGradient(true);
                                NDArray loss = bprMax(scores.transpose(), m.create(targetPositions, new Shape(batch, 1)),
                                        m.create(shift), m.create(positiveCorrection, new Shape(batch, 1)));
                                collector.backward(loss);
                                lossSum += loss.getFloat() * batch;
                                scoreGrad = scores.getGradient().toFloatArray();
                            } else {
                                lossSum += output.crossEntropy(distinct, targetPositions, shift, config.eluParam())
                                        + constant;
                                scoreGrad = output.scoreGradients();
                            }
                            float[] outputGrad = output.backward(rows, distinct, itemRows.size(), scoreGrad);
                            collector.backward(out[1].mul(m.create(outputGrad, new Shape(batch, h))).sum());
                        }
                        if (constrained) {
                            float[] inputGrad = inputLeaf.getGradient().toFloatArray();
                            for (int b = 0; b < batch; b++) {
                                output.addInputGradient((int) inputPositions[b], inputGrad, b * h);
                            }
                        } else {
                            optimiser.updateRows(model.embedding, inputIndex, inputLeaf.stopGradient(),
                                    inputLeaf.getGradient(), embeddingSlot);
                        }
                        output.update(rows, itemRows.size());
                        NDArray g = model.dense.getGradient();
                        optimiser.update(model.dense, g, denseSlot);
                        g.subi(g);
                        NDArray carried = next.stopGradient();
                        NDScope.unregister(carried);
                        hidden.close();
                        hidden = carried;
                    }
                    events += batch;
                    epoch.stepDone();
                }
                hidden.close();
                epoch.finish(events == 0 ? Double.NaN : lossSum / events, events);
            }
            // nothing reads the model's item matrix while it trains: it takes the trained rows once, at the end
            model.items.set(FloatBuffer.wrap(output.weights()));
        }
    }

    /**
     * BPR-max (CIKM 2018), the mean over rows, from the scores [B, U] over the U distinct candidate items, after the ELU
     * of {@code elu_param} when set. (Cross-entropy, the other loss, is computed outside autograd:
     * {@link OutputKernels#crossEntropy}.)
     *
     * @param targets    [B, 1] each row's target column
     * @param logCounts  [U] log(multiplicity of the column among the batch + nSample candidates)
     * @param correction [B, 1] log((c−1)/c) for the row's target column of multiplicity c (−1e9 when c = 1), so that
     *                   the positive itself leaves the negatives once
     */
    NDArray bprMax(NDArray logits, NDArray targets, NDArray logCounts, NDArray correction) {
        NDArray scores = config.eluParam() > 0 ? Activation.elu(logits, config.eluParam()) : logits;
        return bprMax(scores, targets, logCounts, correction, config.bpreg());
    }

    /**
     * BPR-max, the mean over rows of −log Σ_j s_j σ(r_i − r_j) + λ Σ_j s_j r_j², where j runs over the row's negatives
     * (every candidate column but the row's own positive), s = softmax of the negatives' scores and r_i the positive's
     * score. With distinct columns, the multiplicities enter the softmax as log-count shifts. The mean, not the sum:
     * see {@link OutputLayer#crossEntropy} for why the scale of a gradient matters to Adagrad.
     */
    static NDArray bprMax(NDArray scores, NDArray targets, NDArray logCounts, NDArray correction, float bpreg) {
        long columns = scores.getShape().get(1);
        NDArray ownColumn = targets.squeeze(1).oneHot((int) columns);
        NDArray weights = scores.add(logCounts).add(ownColumn.mul(correction)).softmax(1);
        NDArray positive = scores.gather(targets, 1);
        NDArray ranked = Activation.sigmoid(positive.sub(scores)).mul(weights).sum(new int[] {1});
        NDArray loss = ranked.add(1e-24f).log().sum().neg();
        NDArray total = bpreg > 0 ? loss.add(weights.mul(scores.square()).sum().mul(bpreg)) : loss;
        return total.div(scores.getShape().get(0));
    }

    /** Inverted dropout: each entry 1/(1−p) with probability 1−p, else 0. */
    static float[] dropoutMask(Random random, float p, int rows, int cols) {
        float keep = 1 - p;
        float[] mask = new float[rows * cols];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1 / keep : 0;
        }
        return mask;
    }

    private static boolean anyReset(boolean[] resets) {
        for (boolean r : resets) {
            if (r) {
                return true;
            }
        }
        return false;
    }

    private static float[] keepMask(boolean[] resets) {
        float[] keep = new float[resets.length];
        for (int i = 0; i < resets.length; i++) {
            keep[i] = resets[i] ? 0 : 1;
        }
        return keep;
    }

    /** The distinct item rows a step uses, each with its position in the step's row order and its multiplicity. */
    static final class RowSet {
        private final int[] position;
        private final long[] rows;
        private final int[] counts;
        private int size;

        RowSet(int items, int capacity) {
            position = new int[items];
            Arrays.fill(position, -1);
            rows = new long[capacity];
            counts = new int[capacity];
        }

        /** Adds one occurrence of {@code item}; returns its position. */
        int add(long item) {
            int p = place(item);
            counts[p]++;
            return p;
        }

        /** The position of {@code item}, added (with multiplicity 0) if new. */
        int place(long item) {
            int i = (int) item;
            int p = position[i];
            if (p < 0) {
                p = size++;
                position[i] = p;
                rows[p] = item;
                counts[p] = 0;
            }
            return p;
        }

        int position(long item) {
            return position[(int) item];
        }

        int count(int at) {
            return counts[at];
        }

        long row(int at) {
            return rows[at];
        }

        int size() {
            return size;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                position[(int) rows[i]] = -1;
            }
            size = 0;
        }

        long[] rows() {
            return Arrays.copyOf(rows, size);
        }

        /** The rows, valid up to {@link #size()} (the array itself: it changes with the set). */
        long[] rowArray() {
            return rows;
        }
    }
}
