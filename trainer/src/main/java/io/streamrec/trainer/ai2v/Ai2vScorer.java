package io.streamrec.trainer.ai2v;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.streamrec.trainer.engine.EmbeddingRows;
import io.streamrec.trainer.eval.WindowScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores windows with a trained AI2V from its {@link Ai2vTables}, on DJL, in the same steps as the exported graph
 * (so evaluation, parity and serving agree): for every candidate j,
 * <pre>
 *   α[h, j, m] = softmax_m(targetQueries[j, h] · contextKeys[l_m, h] + mask_m)
 *   z_j = Σ_h Σ_m α[h, j, m] · contextValues[l_m, h]
 *   o(j) = W1·φ([z_j, z_j∘t_j, |z_j − t_j|]·restWeights + targetHidden[j]) + b_j
 * </pre>
 * Candidates are every item ({@code stage} null) or the stage's M proposals, the rest scoring −∞. Windows are
 * processed in chunks sized so that the [chunk, heads, candidates, L] attention stays near 16 M floats.
 */
public final class Ai2vScorer implements WindowScorer, AutoCloseable {
    private static final long CHUNK_FLOATS = 16L << 20;

    private final Ai2vTables t;
    private final CandidateStage stage;
    private final int length;
    private final NDManager manager;
    private final NDArray contextKeys;
    private final NDArray contextValues;
    private final NDArray targetQueries;
    private final NDArray allQueries;
    private final NDArray targets;
    private final NDArray targetHidden;
    private final NDArray rest;
    private final NDArray outputWeights;
    private final NDArray bias;

    public Ai2vScorer(Ai2vTables tables, CandidateStage stage, int sequenceLength) {
        this.t = tables;
        this.stage = stage;
        this.length = sequenceLength;
        int n = tables.itemCount() + 1;
        int h = tables.heads();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        contextKeys = manager.create(tables.contextKeys(), new Shape(n, (long) h * tables.attentionDim()));
        contextValues = manager.create(tables.contextValues(), new Shape(n, (long) h * tables.zDim()));
        targetQueries = manager.create(tables.targetQueries(), new Shape(n, (long) h * tables.attentionDim()));
        allQueries = targetQueries.reshape(n, h, tables.attentionDim()).transpose(1, 0, 2).expandDims(0);
        targets = manager.create(tables.targets(), new Shape(n, tables.zDim()));
        targetHidden = manager.create(tables.targetHidden(), new Shape(n, tables.hidden()));
        rest = manager.create(tables.restWeights(), new Shape(3L * tables.zDim(), tables.hidden()));
        outputWeights = manager.create(tables.outputWeights(), new Shape(tables.hidden(), 1));
        bias = manager.create(tables.bias(), new Shape(n, 1));
    }

    @Override
    public List<float[]> scores(List<int[]> windows) {
        int candidates = stage == null ? t.itemCount() + 1 : stage.count();
        long perWindow = (long) candidates * Math.max((long) t.heads() * length, 4L * t.zDim() + t.hidden());
        int chunk = (int) Math.max(1, Math.min(windows.size(), CHUNK_FLOATS / perWindow));
        List<float[]> out = new ArrayList<>(windows.size());
        for (int from = 0; from < windows.size(); from += chunk) {
            out.addAll(chunk(windows.subList(from, Math.min(windows.size(), from + chunk))));
        }
        return out;
    }

    private List<float[]> chunk(List<int[]> windows) {
        int b = windows.size();
        long[] ids = new long[b * length];
        float[] mask = new float[b * length];
        int[][] proposals = new int[b][];
        for (int row = 0; row < b; row++) {
            int[] w = windows.get(row);
            int[] last = Arrays.copyOfRange(w, Math.max(0, w.length - length), w.length);
            for (int i = 0; i < last.length; i++) {
                ids[row * length + i] = last[i];
                mask[row * length + i] = 1f;
            }
            if (stage != null) {
                proposals[row] = stage.propose(last);
            }
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray candidates = null;
            if (stage != null) {
                long[] flat = new long[b * stage.count()];
                for (int row = 0; row < b; row++) {
                    for (int j = 0; j < stage.count(); j++) {
                        flat[row * stage.count() + j] = proposals[row][j];
                    }
                }
                candidates = manager.create(flat, new Shape(b, stage.count()));
            }
            float[] scores = score(manager.create(ids, new Shape(b, length)), manager.create(mask,
                    new Shape(b, length)), candidates).toFloatArray();
            List<float[]> rows = new ArrayList<>(b);
            int n = t.itemCount() + 1;
            for (int row = 0; row < b; row++) {
                if (stage == null) {
                    rows.add(Arrays.copyOfRange(scores, row * n, (row + 1) * n));
                } else {
                    float[] full = new float[n];
                    Arrays.fill(full, Float.NEGATIVE_INFINITY);
                    for (int j = 0; j < stage.count(); j++) {
                        full[proposals[row][j]] = scores[row * stage.count() + j];
                    }
                    rows.add(full);
                }
            }
            return rows;
        }
    }

    /** Scores [B, C] of the candidates (int64 [B, M]), or of every item [B, N+1] when {@code candidates} is null. */
    NDArray score(NDArray ids, NDArray mask, NDArray candidates) {
        long b = ids.getShape().get(0);
        int h = t.heads();
        NDArray keys = EmbeddingRows.gather(contextKeys, ids.flatten()).reshape(b, length, h, t.attentionDim())
                .transpose(0, 2, 3, 1);
        NDArray queries = candidates == null ? allQueries
                : gather(targetQueries, candidates).reshape(b, candidates.getShape().get(1), h, t.attentionDim())
                        .transpose(0, 2, 1, 3);
        NDArray alpha = queries.matMul(keys).add(Ai2vModel.additiveMask(mask)).softmax(-1);
        long c = alpha.getShape().get(2);
        NDArray weights = alpha.transpose(0, 2, 1, 3).reshape(b, c, (long) h * length);
        NDArray values = EmbeddingRows.gather(contextValues, ids.flatten()).reshape(b, length, h, t.zDim())
                .transpose(0, 2, 1, 3).reshape(b, (long) h * length, t.zDim());
        NDArray z = weights.matMul(values);
        NDArray target = candidates == null ? targets : gather(targets, candidates);
        NDArray hiddenBase = candidates == null ? targetHidden : gather(targetHidden, candidates);
        NDArray hidden = Ai2vModel.activate(Ai2vModel.lastAxis(z, z.mul(target), z.sub(target).abs()).matMul(rest)
                .add(hiddenBase), t.activation());
        NDArray itemBias = candidates == null ? bias.reshape(1, c) : gather(bias, candidates).reshape(b, c);
        return hidden.matMul(outputWeights).squeeze(-1).add(itemBias);
    }

    private static NDArray gather(NDArray table, NDArray candidates) {
        long[] shape = candidates.getShape().getShape();
        return EmbeddingRows.gather(table, candidates.flatten()).reshape(shape[0], shape[1], table.getShape().get(1));
    }

    @Override
    public void close() {
        manager.close();
    }
}
