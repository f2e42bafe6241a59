package io.streamrec.trainer.useritem;

import ai.onnx.proto.OnnxMl;
import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.trainer.export.TrainedManifest;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BiasedFactorModel} as one contract-conforming ONNX graph, every table shifted by one row so that
 * index 0 (padding item, unknown user) is a zero row:
 * <pre>
 *   item_ids [B, L] ─Gather(session factors)─▶ [B, L, d] ─× (position &lt; length)─ReduceSum─▶ [B, d]
 *       ─× max(length, 1)^-e─▶ fold-in vector
 *   user_ids [B] ─Gather(user vectors)─▶ [B, d];  Where(user_ids &gt; 0, user vector, fold-in vector) ─▶ x [B, d]
 *   Gemm(x, item factorsᵀ, μ + b_i) + Gather(user biases, user_ids) ─▶ scores [B, N+1] ─mask padding, TopK─▶
 * </pre>
 * A known user is scored as {@link BiasedFactors#scoreItems}, an anonymous one (index 0) as
 * {@link BiasedFactors#scoreSession} of the session's items, whose entries past its length are ignored.
 */
public final class BiasedFactorExporter {
    private static final long FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();

    private BiasedFactorExporter() {
    }

    public static ModelBundle export(BiasedFactorModel model, String name, long version, Map<String, Double> metrics) {
        BiasedFactors f = model.factors();
        int k = Math.min(model.topK(), f.itemCount());
        ModelManifest manifest = TrainedManifest.of(model.kind(), name, version, model.sequenceLength(), k,
                f.itemCount(), ModelContract.inputsWithUser(model.sequenceLength()), metrics, model.training());
        return ModelBundle.sealed(manifest, graph(model.kind(), f, model.sequenceLength(), k), model.itemIds(), null,
                model.userIds());
    }

    static byte[] graph(String kind, BiasedFactors f, int length, int k) {
        int d = f.factors();
        OnnxGraphBuilder graph = new OnnxGraphBuilder(kind);
        ModelContract.declare(graph, length, k);
        ModelContract.declareUser(graph);

        foldIn(graph, f, length);
        graph.floats("user_vectors", shifted(f.userVectors(), d), f.userCount() + 1L, d);
        graph.node("Gather", List.of("user_vectors", ModelContract.USER_IDS), List.of("user_vector"),
                Map.of("axis", 0L));
        graph.longs("zero", new long[] {0}, 1);
        graph.node("Greater", List.of(ModelContract.USER_IDS, "zero"), List.of("known"));
        graph.longs("column_axis", new long[] {1}, 1);
        graph.node("Unsqueeze", List.of("known", "column_axis"), List.of("known_column"));
        graph.node("Where", List.of("known_column", "user_vector", "session_vector"), List.of("vector"));

        float[] offsets = shifted(f.itemBias(), 1);
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] += f.mean();
        }
        graph.floats("item_factors", shifted(f.itemFactors(), d), f.itemCount() + 1L, d);
        graph.floats("item_offsets", offsets, f.itemCount() + 1L);
        graph.node("Gemm", List.of("vector", "item_factors", "item_offsets"), List.of("item_scores"),
                Map.of("transB", 1L));
        graph.floats("user_biases", shifted(f.userBias(), 1), f.userCount() + 1L);
        graph.node("Gather", List.of("user_biases", ModelContract.USER_IDS), List.of("user_bias"),
                Map.of("axis", 0L));
        graph.node("Unsqueeze", List.of("user_bias", "column_axis"), List.of("user_bias_column"));
        graph.node("Add", List.of("item_scores", "user_bias_column"), List.of("scores"));
        ModelContract.appendTopK(graph, "scores", f.itemCount(), k);
        return graph.build();
    }

    /** item_ids, lengths → "session_vector" [B, d]: the fold-in of each row's first length items. */
    private static void foldIn(OnnxGraphBuilder graph, BiasedFactors f, int length) {
        int d = f.factors();
        long[] positions = new long[length];
        for (int j = 0; j < length; j++) {
            positions[j] = j;
        }
        graph.longs("positions", positions, 1, length);
        graph.longs("one", new long[] {1}, 1);
        graph.longs("window_length", new long[] {length}, 1);
        graph.node("Max", List.of(ModelContract.LENGTHS, "one"), List.of("at_least_one"));
        graph.node("Min", List.of("at_least_one", "window_length"), List.of("count"));
        graph.longs("length_axis", new long[] {1}, 1);
        graph.node("Unsqueeze", List.of("count", "length_axis"), List.of("count_column"));
        graph.node("Less", List.of("positions", "count_column"), List.of("present"));
        graph.node("Cast", List.of("present"), List.of("present_weight"), Map.of("to", FLOAT));
        graph.longs("factor_axis", new long[] {2}, 1);
        graph.node("Unsqueeze", List.of("present_weight", "factor_axis"), List.of("present_mask"));

        graph.floats("session_factors", shifted(f.sessionFactors(), d), f.itemCount() + 1L, d);
        graph.node("Gather", List.of("session_factors", ModelContract.ITEM_IDS), List.of("session_rows"),
                Map.of("axis", 0L));
        graph.node("Mul", List.of("session_rows", "present_mask"), List.of("present_rows"));
        graph.node("ReduceSum", List.of("present_rows", "length_axis"), List.of("session_sum"),
                Map.of("keepdims", 0L));
        graph.node("Cast", List.of("count_column"), List.of("count_float"), Map.of("to", FLOAT));
        graph.floats("exponent", new float[] {-f.sessionExponent()}, 1);
        graph.node("Pow", List.of("count_float", "exponent"), List.of("scale"));
        graph.node("Mul", List.of("session_sum", "scale"), List.of("session_vector"));
    }

    /** {@code rows} with a zero row of {@code width} in front: index 0 of the graph's tables. */
    private static float[] shifted(float[] rows, int width) {
        float[] out = new float[rows.length + width];
        System.arraycopy(rows, 0, out, width, rows.length);
        return out;
    }
}
