package io.streamrec.trainer.gru4rec;

import ai.onnx.proto.OnnxMl;
import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.trainer.export.TrainedManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained GRU4Rec as two contract-conforming ONNX graphs in one bundle:
 * <pre>
 *   item_ids [B, L] ─Gather(input table)─▶ [B, L, D] ─Transpose─▶ [L, B, D]
 *   lengths [B] ─Cast(int32)─▶ sequence_lens ─┐
 *        GRU layer 1 (linear_before_reset = 1) ─Y─▶ … ─▶ GRU layer n ─▶ Y_h [1, B, H] ─Squeeze─▶ [B, H]
 *   ─Gemm(output weights, bias)─▶ scores [B, N+1] ─mask padding, TopK─▶ top_items, top_scores
 * </pre>
 * and the step graph: item_ids [B, steps] + state [B, layers·H] ─Split per layer─▶ initial_h of each GRU ─▶ top-K and
 * next_state (the layers' Y_h concatenated). The input table is the output weight matrix itself with a constrained
 * embedding (one initializer used by Gather and Gemm), the embedding with a separate one, and the [N+1, 3H] gate-input
 * table with one-hot input (then the first GRU's W is the identity). With {@code sequence_lens}, each GRU stops a row
 * at its own length, so a right-padded row gives the state after its last real item, as the trainer computes it.
 * The ELU final activation ({@code elu_param}) is left out: it is strictly monotonic, so the top-K is the same, and
 * the scores returned are the pre-activation scores the trainer's evaluator ranks.
 */
public final class Gru4RecOnnxExporter {
    private Gru4RecOnnxExporter() {
    }

    public static ModelBundle export(Gru4RecModel model, List<String> vocabulary, Gru4RecConfig config, String name,
                                     long version, Map<String, Double> metrics) {
        int length = config.sequenceLength();
        int k = Math.min(config.topK(), model.itemCount());
        Map<String, String> training = new java.util.LinkedHashMap<>(config.asMap());
        training.put("optimizer", config.optimizer()); // derived from momentum and nesterov, for the record
        ModelManifest manifest = TrainedManifest.of("gru4rec", name, version, length, k, model.itemCount(),
                ModelContract.inputs(length), metrics, training).withStepGraph(ModelContract.stepGraph(k,
                model.stateSize()));
        return ModelBundle.sealed(manifest, sequenceGraph(model, length, k), vocabulary, stepGraph(model, k));
    }

    /** Last-L items (right-padded, with their lengths) → top-K: for sessions the app holds no state for. */
    static byte[] sequenceGraph(Gru4RecModel model, int length, int k) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("gru4rec");
        ModelContract.declare(graph, length, k);
        addWeights(graph, model);
        gatherInputs(graph, model);
        graph.node("Cast", List.of(ModelContract.LENGTHS), List.of("sequence_lens"),
                Map.of("to", (long) OnnxMl.TensorProto.DataType.INT32.getNumber()));
        String x = "time_major";
        String last = null;
        for (int l = 0; l < model.layers(); l++) {
            boolean top = l == model.layers() - 1;
            String y = top ? "" : "y_" + l;
            last = "last_state_" + l;
            graph.node("GRU", List.of(x, "gru_W_" + l, "gru_R_" + l, "gru_B_" + l, "sequence_lens"), List.of(y, last),
                    Map.of("hidden_size", (long) model.hiddenSize(), "linear_before_reset", 1L));
            if (!top) {
                // Y [T, 1, B, H] → the next layer's input [T, B, H]
                x = "x_" + (l + 1);
                graph.node("Squeeze", List.of(y, "direction_axis"), List.of(x));
            }
        }
        graph.node("Squeeze", List.of(last, "layer_axis"), List.of("session_state"));
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
        ModelContract.declareStep(graph, k, model.stateSize());
        addWeights(graph, model);
        gatherInputs(graph, model);
        int layers = model.layers();
        List<String> layerStates = new ArrayList<>();
        if (layers == 1) {
            layerStates.add(ModelContract.STATE);
        } else {
            long[] split = new long[layers];
            java.util.Arrays.fill(split, model.hiddenSize());
            graph.longs("state_split", split, layers);
            for (int l = 0; l < layers; l++) {
                layerStates.add("state_" + l);
            }
            graph.node("Split", List.of(ModelContract.STATE, "state_split"), layerStates, Map.of("axis", 1L));
        }
        String x = "time_major";
        List<String> nextStates = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            boolean top = l == layers - 1;
            String y = top ? "" : "y_" + l;
            graph.node("Unsqueeze", List.of(layerStates.get(l), "layer_axis"), List.of("initial_h_" + l));
            graph.node("GRU", List.of(x, "gru_W_" + l, "gru_R_" + l, "gru_B_" + l, "", "initial_h_" + l),
                    List.of(y, "last_state_" + l),
                    Map.of("hidden_size", (long) model.hiddenSize(), "linear_before_reset", 1L));
            String h = layers == 1 ? ModelContract.NEXT_STATE : "h_" + l;
            graph.node("Squeeze", List.of("last_state_" + l, "layer_axis"), List.of(h));
            nextStates.add(h);
            if (!top) {
                x = "x_" + (l + 1);
                graph.node("Squeeze", List.of(y, "direction_axis"), List.of(x));
            }
        }
        if (layers > 1) {
            graph.node("Concat", nextStates, List.of(ModelContract.NEXT_STATE), Map.of("axis", 1L));
        }
        appendScores(graph, model, nextStates.get(layers - 1), k);
        return graph.build();
    }

    private static void gatherInputs(OnnxGraphBuilder graph, Gru4RecModel model) {
        String table = model.input() == Gru4RecModel.Input.CONSTRAINED ? "output_weights" : "input_table";
        graph.node("Gather", List.of(table, ModelContract.ITEM_IDS), List.of("embedded"), Map.of("axis", 0L));
        graph.node("Transpose", List.of("embedded"), List.of("time_major"), Map.of("perm", new long[] {1, 0, 2}));
    }

    private static void addWeights(OnnxGraphBuilder graph, Gru4RecModel model) {
        int n = model.itemCount() + 1;
        int h = model.hiddenSize();
        if (model.input() != Gru4RecModel.Input.CONSTRAINED) {
            graph.floats("input_table", model.inputTable(), n, model.embeddingSize());
        }
        float[] flat = model.denseValues();
        for (int l = 0; l < model.layers(); l++) {
            graph.floats("gru_W_" + l, model.onnxInputWeights(l, flat), 1, 3L * h, model.layerInputSize(l));
            graph.floats("gru_R_" + l, model.onnxRecurrentWeights(l, flat), 1, 3L * h, h);
            graph.floats("gru_B_" + l, model.onnxBias(l, flat), 1, 6L * h);
        }
        graph.floats("output_weights", model.outputWeights(), n, h);
        graph.floats("output_bias", model.outputBias(), n);
        graph.longs("layer_axis", new long[] {0}, 1);
        if (model.layers() > 1) {
            graph.longs("direction_axis", new long[] {1}, 1);
        }
    }

    private static void appendScores(OnnxGraphBuilder graph, Gru4RecModel model, String state, int k) {
        graph.node("Gemm", List.of(state, "output_weights", "output_bias"), List.of("scores"), Map.of("transB", 1L));
        ModelContract.appendTopK(graph, "scores", model.itemCount(), k);
    }
}
