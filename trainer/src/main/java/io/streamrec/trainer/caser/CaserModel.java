package io.streamrec.trainer.caser;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.streamrec.trainer.engine.EmbeddingRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Caser's network on DJL (Tang &amp; Wang, WSDM 2018, section 3). For user u and the L items before time t:
 * <pre>
 *   E       = the L item embeddings, oldest first: an L×d "image"                       [B, 1, L, d]
 *   o_h     = max over time of φ_c(E ∗ F_h) for n_h filters F_h of each height h = 1..L [B, n_h·L]
 *   o_v     = Σ_l F̃_l E_l for n_v vertical filters F̃ of L weights                     [B, n_v·d]
 *   z       = φ_a(W [o_v; o_h] + b), [o_v; o_h] dropped out while training             [B, d]
 *   y       = W' [z; P_u] + b'   a score for every item                                [B, N+1]
 * </pre>
 * (the convolutions have a bias each, as usual). Index conventions: item 0 is padding, user 0 the unknown user. A
 * window shorter than L is right-aligned and padded in front with item 0, whose embedding is a learned row like any
 * other, so the model can tell "no item yet" from an item; the trainer, the evaluators and the exported graph all build
 * windows this way ({@link #window}).
 *
 * <p>Every parameter is a dense array that requires gradients; arrays created per step belong to the caller's
 * {@link NDScope}. Initialisation is drawn in Java from the seed: embeddings N(0, 1/d²), output weights
 * N(0, 1/(2d)²), output biases 0, convolution and fully connected weights and biases uniform in ±1/√fan_in.
 */
public final class CaserModel implements AutoCloseable {
    private final NDManager manager;
    private final CaserConfig config;
    private final int itemCount;
    private final int userCount;

    final NDArray items;            // [N+1, d]
    final NDArray users;            // [U+1, d]
    final NDArray verticalWeight;   // [n_v, 1, L, 1] or null
    final NDArray verticalBias;     // [n_v] or null
    final NDArray[] horizontalWeight; // per height h: [n_h, 1, h, d]; empty without horizontal filters
    final NDArray[] horizontalBias;   // per height h: [n_h]
    final NDArray fcWeight;         // [n_v·d + n_h·L, d]
    final NDArray fcBias;           // [d]
    final NDArray outputWeight;     // [N+1, 2d]; with a tied embedding [N+1, d], the user half (the z half is items)
    final NDArray outputBias;       // [N+1, 1]

    private CaserModel(NDManager manager, CaserConfig config, int itemCount, int userCount, Random random) {
        this.manager = manager;
        this.config = config;
        this.itemCount = itemCount;
        this.userCount = userCount;
        int d = config.embeddingSize();
        int l = config.sequenceLength();
        items = normal(random, 1.0 / d, itemCount + 1, d);
        users = normal(random, 1.0 / d, userCount + 1, d);
        if (config.verticalFilters() > 0) {
            verticalWeight = uniform(random, l, config.verticalFilters(), 1, l, 1);
            verticalBias = uniform(random, l, config.verticalFilters());
        } else {
            verticalWeight = null;
            verticalBias = null;
        }
        int heights = config.horizontalFilters() > 0 ? l : 0;
        horizontalWeight = new NDArray[heights];
        horizontalBias = new NDArray[heights];
        for (int h = 1; h <= heights; h++) {
            horizontalWeight[h - 1] = uniform(random, h * d, config.horizontalFilters(), 1, h, d);
            horizontalBias[h - 1] = uniform(random, h * d, config.horizontalFilters());
        }
        fcWeight = uniform(random, config.convolutionWidth(), config.convolutionWidth(), d);
        fcBias = uniform(random, config.convolutionWidth(), d);
        float[] output = gaussian(random, 1.0 / (2 * d), (itemCount + 1) * 2 * d);
        // tied: only the user half is a parameter of its own, drawn as the untied model draws it
        outputWeight = config.tiedEmbedding() ? parameter(rightHalves(output, 2 * d), itemCount + 1, d)
                : parameter(output, itemCount + 1, 2 * d);
        outputBias = parameter(new float[itemCount + 1], itemCount + 1, 1);
    }

    /** A freshly initialised model over items 1..itemCount and users 1..userCount (0 being padding / unknown). */
    public static CaserModel initialise(int itemCount, int userCount, CaserConfig config) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            return new CaserModel(manager, config, itemCount, userCount, new Random(config.seed()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public CaserConfig config() {
        return config;
    }

    public int itemCount() {
        return itemCount;
    }

    public int userCount() {
        return userCount;
    }

    NDManager manager() {
        return manager;
    }

    /** Every array the optimiser updates. */
    List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>(List.of(items, users, fcWeight, fcBias, outputWeight, outputBias));
        if (verticalWeight != null) {
            all.add(verticalWeight);
            all.add(verticalBias);
        }
        all.addAll(List.of(horizontalWeight));
        all.addAll(List.of(horizontalBias));
        return all;
    }

    /**
     * Writes the L items of {@code sequence} before position {@code end} (exclusive), right-aligned and padded in front
     * with 0, into {@code into[at .. at + L)}: the one way a window is laid out everywhere.
     */
    public static void window(int[] sequence, int end, int length, long[] into, int at) {
        int start = Math.max(0, end - length);
        int pad = length - (end - start);
        for (int i = 0; i < pad; i++) {
            into[at + i] = 0;
        }
        for (int i = start; i < end; i++) {
            into[at + pad + i - start] = sequence[i];
        }
    }

    /**
     * The user-and-sequence vector [z; P_u] [B, 2d] for windows {@code itemIds} [B, L] (int64, right-aligned) and
     * users {@code userIds} [B] (int64). {@code dropoutMask} [B, n_v·d + n_h·L] (inverted: 0 or 1/(1−p)) is applied to
     * the convolutional features when training; null at inference.
     */
    NDArray represent(NDArray itemIds, NDArray userIds, NDArray dropoutMask) {
        long batch = itemIds.getShape().get(0);
        int l = config.sequenceLength();
        int d = config.embeddingSize();
        NDArray image = EmbeddingRows.gather(items, itemIds.reshape(batch * l)).reshape(batch, 1, l, d);
        NDList features = new NDList();
        if (verticalWeight != null) {
            // [B, n_v, 1, d]: each filter a weighted sum of the L rows; no activation (as in the paper)
            features.add(Conv2d.conv2d(image, verticalWeight, verticalBias).singletonOrThrow()
                    .reshape(batch, (long) config.verticalFilters() * d));
        }
        for (int h = 1; h <= horizontalWeight.length; h++) {
            // [B, n_h, L − h + 1, 1] → φ_c → max over the L − h + 1 positions → [B, n_h]
            NDArray conv = Conv2d.conv2d(image, horizontalWeight[h - 1], horizontalBias[h - 1]).singletonOrThrow();
            features.add(activate(conv, config.convActivation()).squeeze(3).max(new int[] {2}));
        }
        NDArray o = features.size() == 1 ? features.singletonOrThrow() : NDArrays.concat(features, 1);
        if (dropoutMask != null) {
            o = o.mul(dropoutMask);
        }
        NDArray z = activate(o.matMul(fcWeight).add(fcBias), config.fcActivation());
        return z.concat(EmbeddingRows.gather(users, userIds), 1);
    }

    /** Scores of every item index for representations [B, 2d] → [B, N+1]; column 0 (padding) is meaningless. */
    NDArray scoreAll(NDArray representation) {
        return representation.matMul(outputWeights().transpose()).add(outputBias.transpose());
    }

    /** The output weights [N+1, 2d] as scored: tied, the item embedding next to {@link #outputWeight}'s user half. */
    NDArray outputWeights() {
        return config.tiedEmbedding() ? items.concat(outputWeight, 1) : outputWeight;
    }

    /** {@link #outputWeights()}' values, row-major [N+1, 2d], for export. */
    float[] outputWeightValues() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return values(outputWeights());
        }
    }

    /** Scores of candidate items {@code candidates} [B, C] (int64) per row → [B, C]. */
    NDArray scoreCandidates(NDArray representation, NDArray candidates) {
        long batch = candidates.getShape().get(0);
        long c = candidates.getShape().get(1);
        NDArray flat = candidates.reshape(batch * c);
        // tied: only the candidates' rows are joined, not the whole catalogue's
        NDArray rows = config.tiedEmbedding()
                ? EmbeddingRows.gather(items, flat).concat(EmbeddingRows.gather(outputWeight, flat), 1)
                : EmbeddingRows.gather(outputWeight, flat);
        NDArray w = rows.reshape(batch, c, 2L * config.embeddingSize());
        NDArray b = EmbeddingRows.gather(outputBias, flat).reshape(batch, c);
        return w.mul(representation.expandDims(1)).sum(new int[] {2}).add(b);
    }

    /**
     * Inference (no dropout, no gradients): full score vectors [B·(N+1)] for B right-aligned windows
     * {@code windows} [B·L] and users {@code userIds} [B].
     */
    public float[] scores(long[] windows, long[] userIds) {
        int batch = userIds.length;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray ids = manager.create(windows, new Shape(batch, config.sequenceLength()));
            NDArray u = manager.create(userIds);
            return scoreAll(represent(ids, u, null)).toFloatArray();
        }
    }

    /** The full score vector [N+1] after {@code window} (oldest first, its last L items used) for one user. */
    public float[] scores(int[] window, int userIndex) {
        long[] ids = new long[config.sequenceLength()];
        window(window, window.length, config.sequenceLength(), ids, 0);
        return scores(ids, new long[] {userIndex});
    }

    static NDArray activate(NDArray x, CaserConfig.Activation activation) {
        return switch (activation) {
            case RELU -> ai.djl.nn.Activation.relu(x);
            case TANH -> ai.djl.nn.Activation.tanh(x);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
            case IDENTITY -> x;
        };
    }

    private NDArray normal(Random random, double std, long... shape) {
        return parameter(gaussian(random, std, (int) new Shape(shape).size()), shape);
    }

    private static float[] gaussian(Random random, double std, int size) {
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    /** The right half of every row of a row-major matrix with {@code width} columns. */
    private static float[] rightHalves(float[] matrix, int width) {
        int half = width / 2;
        int rows = matrix.length / width;
        float[] right = new float[rows * half];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(matrix, r * width + half, right, r * half, half);
        }
        return right;
    }

    private NDArray uniform(Random random, int fanIn, long... shape) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return parameter(values, shape);
    }

    private NDArray parameter(float[] values, long... shape) {
        NDArray p = manager.create(values, new Shape(shape));
        p.setRequiresGradient(true);
        return p;
    }

    /** A parameter's values, row-major, for export. */
    static float[] values(NDArray parameter) {
        try (NDArray detached = parameter.stopGradient()) {
            return detached.toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
