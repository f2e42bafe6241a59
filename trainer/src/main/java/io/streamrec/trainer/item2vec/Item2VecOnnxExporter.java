package io.streamrec.trainer.item2vec;

import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.trainer.export.SequenceMask;
import io.streamrec.trainer.export.TrainedManifest;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecModel;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained Item2Vec as a contract-conforming graph computing {@link Item2VecModel}'s mean cosine score:
 * <pre>
 *   item_ids [B, L] ─Gather(û table [N+1, d])─▶ [B, L, d] ─× mask [B, L, 1]─▶ ReduceSum(L) ─÷ lengths─▶ s [B, d]
 *   s ─Gemm(û table, transB)─▶ scores [B, N+1] ─mask padding, TopK─▶ top_items, top_scores
 * </pre>
 * One table serves both lookups; its row 0 is zero, and the mask removes padding positions whatever they hold.
 */
public final class Item2VecOnnxExporter {
    private Item2VecOnnxExporter() {
    }

    public static ModelBundle export(Item2VecModel model, List<String> vocabulary, Item2VecConfig config, String name,
                                     long version, Map<String, Double> metrics) {
        int length = config.sequenceLength();
        int k = Math.min(config.topK(), model.itemCount());
        ModelManifest manifest = TrainedManifest.of("item2vec", name, version, length, k, model.itemCount(),
                ModelContract.inputs(length), metrics, config.asMap());
        return ModelBundle.sealed(manifest, graph(model, length, k), vocabulary);
    }

    static byte[] graph(Item2VecModel model, int length, int k) {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("item2vec");
        ModelContract.declare(graph, length, k);
        graph.floats("item_vectors", model.normalisedTable(), model.itemCount() + 1, model.dim());
        String mask = SequenceMask.append(graph, length);
        graph.longs("axis_2", new long[] {2}, 1);
        graph.node("Gather", List.of("item_vectors", ModelContract.ITEM_IDS), List.of("rows"), Map.of("axis", 0L));
        graph.node("Unsqueeze", List.of(mask, "axis_2"), List.of("mask_3d"));
        graph.node("Mul", List.of("rows", "mask_3d"), List.of("kept_rows"));
        graph.node("ReduceSum", List.of("kept_rows", "mask_axis_1"), List.of("summed"), Map.of("keepdims", 0L));
        graph.node("Div", List.of("summed", "mask_lengths"), List.of("session_vector"));
        graph.node("Gemm", List.of("session_vector", "item_vectors"), List.of("scores"), Map.of("transB", 1L));
        ModelContract.appendTopK(graph, "scores", model.itemCount(), k);
        return graph.build();
    }
}
