package io.streamrec.trainer.ai2v;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.streamrec.trainer.engine.EmbeddingRows;
import java.util.List;
import java.util.Random;

/**
 * Attentive Item2Vec's network on DJL (Barkan et al., ICASSP 2020). For a target candidate j and context items
 * l_1..l_n (the last n ≤ L items before it), each head h computes
 * <pre>
 *   α_jm = softmax_m( cos(A_c^h u_{l_m}, A_t^h v_j) )          a^h = Σ_m α_jm B_c^h u_{l_m}
 *   z = R·[a^1; …; a^N]          o(j) = W1·φ(W0·[z, t, z∘t, |z−t|]) + b_j,   t = B_t v_j
 * </pre>
 * with separate context (u) and target (v) embeddings. Parameters (all requiring gradients; row blocks of the
 * A and B matrices belong to heads in order):
 * u, v [N+1, d]; A_c, A_t [heads·attention_dim, d]; B_c [heads·value_dim, d]; R [z_dim, heads·value_dim];
 * B_t [z_dim, d]; W0 [mlp_hidden, 4·z_dim] (column blocks z, t, z∘t, |z−t|); W1 [1, mlp_hidden]; b [N+1].
 * The paper writes ψ without hidden biases, so there are none. Index 0 is padding: never a target, and masked out of
 * every attention softmax.
 */
public final class Ai2vModel implements AutoCloseable {
    /** Added to the similarity of padding positions: their softmax weight is exactly 0 in float. */
    static final float MASKED = -1e9f;

    private final NDManager manager;
    private final int itemCount;
    private final Ai2vConfig config;
    final NDArray u;
    final NDArray v;
    final NDArray ac;
    final NDArray at;
    final NDArray bc;
    final NDArray r;
    final NDArray bt;
    final NDArray w0;
    final NDArray w1;
    final NDArray bias;

    private Ai2vModel(NDManager manager, int itemCount, Ai2vConfig config, NDArray[] p) {
        this.manager = manager;
        this.itemCount = itemCount;
        this.config = config;
        this.u = p[0];
        this.v = p[1];
        this.ac = p[2];
        this.at = p[3];
        this.bc = p[4];
        this.r = p[5];
        this.bt = p[6];
        this.w0 = p[7];
        this.w1 = p[8];
        this.bias = p[9];
    }

    /**
     * Embeddings uniform in ±0.1 (row 0 zero), matrices uniform in ±sqrt(6 / (fan_in + fan_out)), biases zero; drawn
     * in Java from the seed, so a seed gives the same model on any engine build.
     */
    public static Ai2vModel initialise(int itemCount, Ai2vConfig c) {
        Random random = new Random(c.seed());
        int n = itemCount + 1;
        int d = c.embeddingDim();
        int ha = c.heads() * c.attentionDim();
        int hv = c.heads() * c.valueDim();
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            NDArray[] p = {
                embedding(manager, random, n, d), embedding(manager, random, n, d),
                matrix(manager, random, ha, d), matrix(manager, random, ha, d), matrix(manager, random, hv, d),
                matrix(manager, random, c.zDim(), hv), matrix(manager, random, c.zDim(), d),
                matrix(manager, random, c.mlpHidden(), 4 * c.zDim()), matrix(manager, random, 1, c.mlpHidden()),
                manager.zeros(new Shape(n))};
            for (NDArray a : p) {
                a.setRequiresGradient(true);
            }
            return new Ai2vModel(manager, itemCount, c, p);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray embedding(NDManager m, Random random, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int i = cols; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * 0.1f;
        }
        return m.create(values, new Shape(rows, cols));
    }

    private static NDArray matrix(NDManager m, Random random, int rows, int cols) {
        float bound = (float) Math.sqrt(6.0 / (rows + cols));
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return m.create(values, new Shape(rows, cols));
    }

    public NDManager manager() {
        return manager;
    }

    public int itemCount() {
        return itemCount;
    }

    public Ai2vConfig config() {
        return config;
    }

    List<NDArray> parameters() {
        return List.of(u, v, ac, at, bc, r, bt, w0, w1, bias);
    }

    /**
     * The scores o(j) [B, C] of candidates {@code candidates} (int64 [B, C]) after contexts {@code context} (int64
     * [B, L], padded at the end) whose real positions {@code mask} (float [B, L]) marks with 1.
     */
    public NDArray logits(NDArray context, NDArray mask, NDArray candidates) {
        long b = context.getShape().get(0);
        long l = context.getShape().get(1);
        long c = candidates.getShape().get(1);
        NDArray uc = EmbeddingRows.gather(u, context.flatten()).reshape(b, l, config.embeddingDim());
        NDArray vt = EmbeddingRows.gather(v, candidates.flatten()).reshape(b, c, config.embeddingDim());
        NDArray alpha = attend(uc, mask, vt);
        NDArray values = uc.matMul(bc.transpose()).reshape(b, l, config.heads(), config.valueDim())
                .transpose(0, 2, 1, 3);
        NDArray heads = alpha.matMul(values).transpose(0, 2, 1, 3)
                .reshape(b, c, (long) config.heads() * config.valueDim());
        NDArray z = heads.matMul(r.transpose());
        NDArray t = vt.matMul(bt.transpose());
        return psi(z, t).add(EmbeddingRows.gather(bias.reshape(itemCount + 1, 1), candidates.flatten()).reshape(b, c));
    }

    /** Every head's attention weights [B, heads, C, L] of the candidates over the context (for tests). */
    public NDArray attention(NDArray context, NDArray mask, NDArray candidates) {
        long b = context.getShape().get(0);
        NDArray uc = EmbeddingRows.gather(u, context.flatten())
                .reshape(b, context.getShape().get(1), config.embeddingDim());
        NDArray vt = EmbeddingRows.gather(v, candidates.flatten())
                .reshape(b, candidates.getShape().get(1), config.embeddingDim());
        return attend(uc, mask, vt);
    }

    private NDArray attend(NDArray uc, NDArray mask, NDArray vt) {
        long b = uc.getShape().get(0);
        long l = uc.getShape().get(1);
        long c = vt.getShape().get(1);
        NDArray keys = unit(uc.matMul(ac.transpose()).reshape(b, l, config.heads(), config.attentionDim()))
                .transpose(0, 2, 3, 1);
        NDArray queries = unit(vt.matMul(at.transpose()).reshape(b, c, config.heads(), config.attentionDim()))
                .transpose(0, 2, 1, 3);
        return queries.matMul(keys).add(additiveMask(mask)).softmax(-1);
    }

    /** ψ(z, t) = W1·φ(W0·[z, t, z∘t, |z−t|]) over the last axis: [B, C, z_dim] × 2 → [B, C]. */
    private NDArray psi(NDArray z, NDArray t) {
        NDArray features = lastAxis(z, t, z.mul(t), z.sub(t).abs());
        NDArray hidden = activate(features.matMul(w0.transpose()), config.activation());
        return hidden.matMul(w1.transpose()).squeeze(-1);
    }

    static NDArray activate(NDArray x, Ai2vConfig.Activation activation) {
        return activation == Ai2vConfig.Activation.RELU ? ai.djl.nn.Activation.relu(x) : x.tanh();
    }

    /** mask [B, L] of 1/0 → [B, 1, 1, L] of 0/{@link #MASKED}, to add to similarities before the softmax. */
    static NDArray additiveMask(NDArray mask) {
        long[] shape = mask.getShape().getShape();
        return mask.sub(1f).mul(-MASKED).reshape(shape[0], 1, 1, shape[1]);
    }

    /** Each vector of the last axis scaled to unit length (zero vectors stay zero): the cosine's normalisation. */
    static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).add(1e-12f).sqrt());
    }

    /** The precomputed per-item tables serving needs (see {@link Ai2vTables}). */
    public Ai2vTables tables() {
        Ai2vConfig c = config;
        int n = itemCount + 1;
        int h = c.heads();
        int dz = c.zDim();
        // every intermediate dies with the scope; only the float copies leave
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray uD = u.stopGradient();
            NDArray vD = v.stopGradient();
            NDArray contextKeys = unit(uD.matMul(ac.stopGradient().transpose()).reshape(n, h, c.attentionDim()));
            NDArray projected = uD.matMul(bc.stopGradient().transpose()).reshape(n, h, c.valueDim())
                    .transpose(1, 0, 2);
            // R's column block h maps head h's output into z, so R_h·B_c^h·u is head h's contribution per item
            NDArray rHeads = r.stopGradient().reshape(dz, h, c.valueDim()).transpose(1, 2, 0);
            NDArray contextValues = projected.matMul(rHeads).transpose(1, 0, 2);
            NDArray targetQueries = unit(vD.matMul(at.stopGradient().transpose()).reshape(n, h, c.attentionDim()));
            NDArray targets = vD.matMul(bt.stopGradient().transpose());
            NDArray w = w0.stopGradient();
            NDArray targetHidden = targets.matMul(w.get(":, " + dz + ":" + 2 * dz).transpose());
            NDArray rest = lastAxis(w.get(":, :" + dz), w.get(":, " + 2 * dz + ":" + 3 * dz),
                    w.get(":, " + 3 * dz + ":")).transpose();
            return new Ai2vTables(itemCount, h, c.attentionDim(), dz, c.mlpHidden(), c.activation(),
                    contextKeys.toFloatArray(), contextValues.toFloatArray(), targetQueries.toFloatArray(),
                    targets.toFloatArray(), targetHidden.toFloatArray(), rest.toFloatArray(),
                    w1.stopGradient().toFloatArray(), bias.stopGradient().toFloatArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Concatenation along the last axis. */
    static NDArray lastAxis(NDArray... arrays) {
        return ai.djl.ndarray.NDArrays.concat(new NDList(arrays), -1);
    }
}
