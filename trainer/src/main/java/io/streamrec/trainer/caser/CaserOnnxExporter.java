package io.streamrec.trainer.caser;

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
 * Writes a trained Caser as one contract-conforming ONNX graph with a user input:
 * <pre>
 *   item_ids [B, L] (oldest first, padded at the end), lengths [B]
 *     ─ right-align: window[b, j] = item_ids[b, (j + len_b) mod L] if j + len_b ≥ L, else 0 (GatherElements, Mul)
 *     ─Gather(items)─▶ [B, L, d] ─Unsqueeze─▶ image [B, 1, L, d]
 *   image ─Conv(L×1, n_v)─▶ [B, n_v, 1, d] ─Reshape─▶ [B, n_v·d]
 *   image ─Conv(h×d, n_h)─▶ φ_c ─ReduceMax(time)─▶ [B, n_h]           for h = 1..L
 *   Concat ─Gemm(fc)─▶ φ_a ─▶ z [B, d] ; user_ids [B] ─Gather(users)─▶ P_u [B, d]
 *   Concat(z, P_u) ─Gemm(output weights, output bias)─▶ scores [B, N+1] ─mask padding, TopK─▶ top_items, top_scores
 * </pre>
 * Serving sends the last (up to) L items left-aligned; rotating each row by its length moves them to the right end
 * with the padding in front, which is how {@link CaserModel#window} lays out every window the model trained on. Entries
 * past a row's length are ignored whatever they hold. Dropout is training-only and absent here.
 */
public final class CaserOnnxExporter {
    private CaserOnnxExporter() {
    }

    /**
     * @param items item ids, item index i + 1 on line i
     * @param users user ids, user index u + 1 on line u (empty for a model of anonymous sessions only)
     */
    public static ModelBundle export(CaserModel model, List<String> items, List<String> users, String name,
                                     long version, Map<String, Double> metrics) {
        CaserConfig config = model.config();
        int length = config.sequenceLength();
        int k = Math.min(config.topK(), model.itemCount());
        ModelManifest manifest = TrainedManifest.of("caser", name, version, length, k, model.itemCount(),
                ModelContract.inputsWithUser(length), metrics, config.asMap());
        return ModelBundle.sealed(manifest, graph(model, k), items, null, users);
    }

    static byte[] graph(CaserModel model, int k) {
        CaserConfig config = model.config();
        int l = config.sequenceLength();
        int d = config.embeddingSize();
        OnnxGraphBuilder graph = new OnnxGraphBuilder("caser");
        ModelContract.declare(graph, l, k);
        ModelContract.declareUser(graph);
        rightAlign(graph, l);
        graph.floats("item_embeddings", CaserModel.values(model.items), model.itemCount() + 1, d);
        graph.node("Gather", List.of("item_embeddings", "window"), List.of("embedded"), Map.of("axis", 0L));
        graph.longs("channel_axis", new long[] {1}, 1);
        graph.node("Unsqueeze", List.of("embedded", "channel_axis"), List.of("image"));

        List<String> features = new ArrayList<>();
        if (model.verticalWeight != null) {
            graph.floats("vertical_weight", CaserModel.values(model.verticalWeight), config.verticalFilters(), 1, l, 1);
            graph.floats("vertical_bias", CaserModel.values(model.verticalBias), config.verticalFilters());
            graph.node("Conv", List.of("image", "vertical_weight", "vertical_bias"), List.of("vertical_map"),
                    Map.of("kernel_shape", new long[] {l, 1}));
            graph.longs("vertical_shape", new long[] {0, (long) config.verticalFilters() * d}, 2);
            graph.node("Reshape", List.of("vertical_map", "vertical_shape"), List.of("vertical"));
            features.add("vertical");
        }
        for (int h = 1; h <= model.horizontalWeight.length; h++) {
            String weight = "horizontal_weight_" + h;
            String bias = "horizontal_bias_" + h;
            graph.floats(weight, CaserModel.values(model.horizontalWeight[h - 1]), config.horizontalFilters(), 1, h, d);
            graph.floats(bias, CaserModel.values(model.horizontalBias[h - 1]), config.horizontalFilters());
            graph.node("Conv", List.of("image", weight, bias), List.of("horizontal_map_" + h),
                    Map.of("kernel_shape", new long[] {h, d}));
            String activated = activate(graph, "horizontal_map_" + h, "horizontal_act_" + h, config.convActivation());
            graph.node("ReduceMax", List.of(activated), List.of("horizontal_" + h),
                    Map.of("axes", new long[] {2, 3}, "keepdims", 0L));
            features.add("horizontal_" + h);
        }
        String convolutional = features.get(0);
        if (features.size() > 1) {
            convolutional = "convolutional";
            graph.node("Concat", features, List.of(convolutional), Map.of("axis", 1L));
        }
        graph.floats("fc_weight", CaserModel.values(model.fcWeight), config.convolutionWidth(), d);
        graph.floats("fc_bias", CaserModel.values(model.fcBias), d);
        graph.node("Gemm", List.of(convolutional, "fc_weight", "fc_bias"), List.of("fc"));
        String z = activate(graph, "fc", "z", config.fcActivation());

        graph.floats("user_embeddings", CaserModel.values(model.users), model.userCount() + 1, d);
        graph.node("Gather", List.of("user_embeddings", ModelContract.USER_IDS), List.of("user_vector"),
                Map.of("axis", 0L));
        graph.node("Concat", List.of(z, "user_vector"), List.of("representation"), Map.of("axis", 1L));
        graph.floats("output_weights", model.outputWeightValues(), model.itemCount() + 1, 2L * d);
        graph.floats("output_bias", CaserModel.values(model.outputBias), model.itemCount() + 1);
        graph.node("Gemm", List.of("representation", "output_weights", "output_bias"), List.of("scores"),
                Map.of("transB", 1L));
        ModelContract.appendTopK(graph, "scores", model.itemCount(), k);
        return graph.build();
    }

    /** item_ids + lengths → "window" [B, L]: each row's items moved to the right end, 0 in front. */
    private static void rightAlign(OnnxGraphBuilder graph, int l) {
        long[] positions = new long[l];
        for (int j = 0; j < l; j++) {
            positions[j] = j;
        }
        graph.longs("positions", positions, 1, l);
        graph.longs("window_length", new long[] {l}, 1);
        graph.longs("length_axis", new long[] {1}, 1);
        graph.node("Unsqueeze", List.of(ModelContract.LENGTHS, "length_axis"), List.of("length_column"));
        graph.node("Add", List.of("positions", "length_column"), List.of("shifted"));
        graph.node("Mod", List.of("shifted", "window_length"), List.of("source"));
        graph.node("GatherElements", List.of(ModelContract.ITEM_IDS, "source"), List.of("rotated"), Map.of("axis", 1L));
        graph.node("GreaterOrEqual", List.of("shifted", "window_length"), List.of("occupied"));
        graph.node("Cast", List.of("occupied"), List.of("occupied_mask"),
                Map.of("to", (long) OnnxMl.TensorProto.DataType.INT64.getNumber()));
        graph.node("Mul", List.of("rotated", "occupied_mask"), List.of("window"));
    }

    private static String activate(OnnxGraphBuilder graph, String input, String output,
                                   CaserConfig.Activation activation) {
        String op = switch (activation) {
            case RELU -> "Relu";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case IDENTITY -> null;
        };
        if (op == null) {
            return input;
        }
        graph.node(op, List.of(input), List.of(output));
        return output;
    }
}
