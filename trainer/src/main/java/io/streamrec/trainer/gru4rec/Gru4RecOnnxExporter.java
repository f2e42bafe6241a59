package io.streamrec.trainer.gru4rec;

import ai.onnx.proto.OnnxMl;
import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained GRU4Rec as a contract-conforming ONNX graph:
 * <pre>
 *   item_ids [B, L] ─Gather(embedding)─▶ [B, L, E] ─Transpose─▶ [L, B, E]
 *   lengths [B] ─Cast(int32)─▶ sequence_lens ─┐
 *                                          GRU (linear_before_reset = 1) ─▶ Y_h [1, B, H] ─Squeeze─▶ [B, H]
 *   ─Gemm(output weights, bias)─▶ scores [B, N+1] ─mask padding, TopK─▶ top_items, top_scores
 * </pre>
 * With {@code sequence_lens}, the GRU stops each row at its own length, so a right-padded row gives the state after
 * its last real item: the same state the trainer computes step by step.
 */
public final class Gru4RecOnnxExporter {
    private Gru4RecOnnxExporter() {
    }

    public static ModelBundle export(Gru4RecModel model, List<String> vocabulary, Gru4RecConfig config, String name,
                                     long version, Map<String, Double> metrics) {
        int length = config.sequenceLength();
        int k = Math.min(config.topK(), model.itemCount());
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, name, "gru4rec", version,
                Instant.now().toString(), length, k, model.itemCount(), ModelContract.inputs(length),
                ModelContract.outputs(k), metrics, config.asMap(), null,
                ModelContract.stepGraph(k, model.hiddenSize()));
        return ModelBundle.sealed(manifest, sequenceGraph(model, length, k), vocabulary, stepGraph(model, k));
    }

    /** Last-L items (right-padded, with their lengths) → top-K: for sessions the app holds no state for. */
    static byte[] sequenceGraph(Gru4RecModel model, int length, int k) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("gru4rec");
        ModelContract.declare(graph, length, k);
        addWeights(graph, model);
        graph.node("Gather", List.of("embedding", ModelContract.ITEM_IDS), List.of("embedded"), Map.of("axis", 0L));
        graph.node("Transpose", List.of("embedded"), List.of("time_major"), Map.of("perm", new long[] {1, 0, 2}));
        graph.node("Cast", List.of(ModelContract.LENGTHS), List.of("sequence_lens"),
                Map.of("to", (long) OnnxMl.TensorProto.DataType.INT32.getNumber()));
        graph.node("GRU", List.of("time_major", "gru_W", "gru_R", "gru_B", "sequence_lens"), List.of("", "last_state"),
                Map.of("hidden_size", (long) model.hiddenSize(), "linear_before_reset", 1L));
        graph.node("Squeeze", List.of("last_state", "layer_axis"), List.of("session_state"));
        appendScores(graph, model, "session_state", k);
        return graph.build();
    }

    /**
     * State + the items since it → top-K + the next state. Serving feeds one item per event on the state kept in its
     * store, which is exact for sessions of any length; rebuilding a state after a swap feeds the last L items from a
     * zero state.
     */
    static byte[] stepGraph(Gru4RecModel model, int k) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("gru4rec_step");
        ModelContract.declareStep(graph, k, model.hiddenSize());
        addWeights(graph, model);
        graph.node("Gather", List.of("embedding", ModelContract.ITEM_IDS), List.of("embedded"), Map.of("axis", 0L));
        graph.node("Transpose", List.of("embedded"), List.of("time_major"), Map.of("perm", new long[] {1, 0, 2}));
        graph.node("Unsqueeze", List.of(ModelContract.STATE, "layer_axis"), List.of("initial_h"));
        graph.node("GRU", List.of("time_major", "gru_W", "gru_R", "gru_B", "", "initial_h"), List.of("", "last_state"),
                Map.of("hidden_size", (long) model.hiddenSize(), "linear_before_reset", 1L));
        graph.node("Squeeze", List.of("last_state", "layer_axis"), List.of(ModelContract.NEXT_STATE));
        appendScores(graph, model, ModelContract.NEXT_STATE, k);
        return graph.build();
    }

    private static void addWeights(OnnxGraphBuilder graph, Gru4RecModel model) {
        int n = model.itemCount() + 1;
        int e = model.embeddingSize();
        int h = model.hiddenSize();
        graph.floats("embedding", model.embedding.toFloatArray(), n, e);
        graph.floats("gru_W", model.inputWeights.toFloatArray(), 1, 3L * h, e);
        graph.floats("gru_R", model.recurrentWeights.toFloatArray(), 1, 3L * h, h);
        float[] bias = new float[6 * h];
        System.arraycopy(model.inputBias.toFloatArray(), 0, bias, 0, 3 * h);
        System.arraycopy(model.recurrentBias.toFloatArray(), 0, bias, 3 * h, 3 * h);
        graph.floats("gru_B", bias, 1, 6L * h);
        graph.floats("output_weights", model.outputWeights.toFloatArray(), n, h);
        graph.floats("output_bias", model.outputBias.toFloatArray(), n);
        graph.longs("layer_axis", new long[] {0}, 1);
    }

    private static void appendScores(OnnxGraphBuilder graph, Gru4RecModel model, String state, int k) {
        graph.node("Gemm", List.of(state, "output_weights", "output_bias"), List.of("scores"), Map.of("transB", 1L));
        ModelContract.appendTopK(graph, "scores", model.itemCount(), k);
    }
}
