package io.streamrec.trainer.ai2v;

import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.trainer.export.SequenceMask;
import io.streamrec.trainer.export.TrainedManifest;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained AI2V as one contract-conforming graph that scores all candidates of a batch at once, in the
 * steps of {@link Ai2vScorer} (C = every item, or the M proposals of the two-stage graph):
 * <pre>
 *   item_ids [B, L] ─Gather(context_keys)─▶ keys [B, h, a, L]      ─Gather(context_values)─▶ values [B, h·L, dz]
 *   queries [1, h, N+1, a] (or Gather of the M proposals [B, h, M, a])
 *   α = Softmax(queries·keys + (mask − 1)·1e9) [B, h, C, L] ─▶ [B, C, h·L] ─MatMul(values)─▶ z [B, C, dz]
 *   o = W1·φ([z, z∘t, |z − t|]·rest_weights + target_hidden) + b ─▶ [B, C] ─TopK─▶ top_items, top_scores
 * </pre>
 * The two-stage graph first computes the Item2Vec mean cosine of every item (as the Item2Vec exporter does), keeps
 * the top M (padding masked), runs the above on those M, and maps the final TopK positions back to item indices
 * with GatherElements. With M = N it ranks exactly as the full graph.
 */
public final class Ai2vOnnxExporter {
    private Ai2vOnnxExporter() {
    }

    public static ModelBundle export(Ai2vTables tables, CandidateStage stage, List<String> vocabulary,
                                     Ai2vConfig config, String name, long version, Map<String, Double> metrics) {
        int length = config.sequenceLength();
        int k = Math.min(config.topK(), stage == null ? tables.itemCount() : stage.count());
        ModelManifest manifest = TrainedManifest.of("ai2v", name, version, length, k, tables.itemCount(),
                ModelContract.inputs(length), metrics, config.asMap());
        return ModelBundle.sealed(manifest, graph(tables, stage, length, k), vocabulary);
    }

    static byte[] graph(Ai2vTables t, CandidateStage stage, int length, int k) {
        int n = t.itemCount() + 1;
        int h = t.heads();
        int a = t.attentionDim();
        int dz = t.zDim();
        OnnxGraphBuilder g = new OnnxGraphBuilder(stage == null ? "ai2v" : "ai2v_two_stage");
        ModelContract.declare(g, length, k);
        String mask = SequenceMask.append(g, length);
        g.floats("one", new float[] {1f}, 1);
        g.floats("masked", new float[] {-Ai2vModel.MASKED}, 1);
        g.longs("axes_1_2", new long[] {1, 2}, 2);
        g.longs("axis_2", new long[] {2}, 1);
        g.node("Sub", List.of(mask, "one"), List.of("mask_minus_one"));
        g.node("Mul", List.of("mask_minus_one", "masked"), List.of("mask_additive_2d"));
        g.node("Unsqueeze", List.of("mask_additive_2d", "axes_1_2"), List.of("mask_additive"));

        g.floats("context_keys", t.contextKeys(), n, (long) h * a);
        g.floats("context_values", t.contextValues(), n, (long) h * dz);
        g.floats("targets", t.targets(), n, dz);
        g.floats("target_hidden", t.targetHidden(), n, t.hidden());
        g.floats("rest_weights", t.restWeights(), 3L * dz, t.hidden());
        g.floats("output_weights", t.outputWeights(), t.hidden(), 1);
        g.floats("bias", t.bias(), n);
        g.longs("keys_shape", new long[] {0, length, h, a}, 4);
        g.longs("values_split_shape", new long[] {0, length, h, dz}, 4);
        g.longs("values_shape", new long[] {0, (long) h * length, dz}, 3);
        g.longs("weights_shape", new long[] {0, 0, (long) h * length}, 3);

        g.node("Gather", List.of("context_keys", ModelContract.ITEM_IDS), List.of("keys_flat"), Map.of("axis", 0L));
        g.node("Reshape", List.of("keys_flat", "keys_shape"), List.of("keys_split"));
        g.node("Transpose", List.of("keys_split"), List.of("keys"), Map.of("perm", new long[] {0, 2, 3, 1}));

        String queries;
        String targets;
        String targetHidden;
        String bias;
        if (stage == null) {
            g.floats("target_queries", headsFirst(t.targetQueries(), n, h, a), 1, h, n, a);
            queries = "target_queries";
            targets = "targets";
            targetHidden = "target_hidden";
            bias = "bias";
        } else {
            proposals(g, stage, mask);
            g.floats("target_queries", t.targetQueries(), n, (long) h * a);
            g.longs("queries_shape", new long[] {0, stage.count(), h, a}, 4);
            g.node("Gather", List.of("target_queries", "candidates"), List.of("queries_flat"), Map.of("axis", 0L));
            g.node("Reshape", List.of("queries_flat", "queries_shape"), List.of("queries_split"));
            g.node("Transpose", List.of("queries_split"), List.of("queries"), Map.of("perm", new long[] {0, 2, 1, 3}));
            g.node("Gather", List.of("targets", "candidates"), List.of("candidate_targets"), Map.of("axis", 0L));
            g.node("Gather", List.of("target_hidden", "candidates"), List.of("candidate_hidden"), Map.of("axis", 0L));
            g.node("Gather", List.of("bias", "candidates"), List.of("candidate_bias"), Map.of("axis", 0L));
            queries = "queries";
            targets = "candidate_targets";
            targetHidden = "candidate_hidden";
            bias = "candidate_bias";
        }
        g.node("MatMul", List.of(queries, "keys"), List.of("similarity"));
        g.node("Add", List.of("similarity", "mask_additive"), List.of("similarity_masked"));
        g.node("Softmax", List.of("similarity_masked"), List.of("attention"), Map.of("axis", -1L));
        g.node("Transpose", List.of("attention"), List.of("attention_by_candidate"),
                Map.of("perm", new long[] {0, 2, 1, 3}));
        g.node("Reshape", List.of("attention_by_candidate", "weights_shape"), List.of("weights"));
        g.node("Gather", List.of("context_values", ModelContract.ITEM_IDS), List.of("values_flat"), Map.of("axis", 0L));
        g.node("Reshape", List.of("values_flat", "values_split_shape"), List.of("values_split"));
        g.node("Transpose", List.of("values_split"), List.of("values_by_head"), Map.of("perm", new long[] {0, 2, 1, 3}));
        g.node("Reshape", List.of("values_by_head", "values_shape"), List.of("values"));
        g.node("MatMul", List.of("weights", "values"), List.of("z"));

        g.node("Mul", List.of("z", targets), List.of("z_times_t"));
        g.node("Sub", List.of("z", targets), List.of("z_minus_t"));
        g.node("Abs", List.of("z_minus_t"), List.of("z_distance"));
        g.node("Concat", List.of("z", "z_times_t", "z_distance"), List.of("features"), Map.of("axis", -1L));
        g.node("MatMul", List.of("features", "rest_weights"), List.of("hidden_from_z"));
        g.node("Add", List.of("hidden_from_z", targetHidden), List.of("hidden_pre"));
        g.node(t.activation() == Ai2vConfig.Activation.RELU ? "Relu" : "Tanh", List.of("hidden_pre"),
                List.of("hidden"));
        g.node("MatMul", List.of("hidden", "output_weights"), List.of("score_column"));
        g.node("Squeeze", List.of("score_column", "axis_2"), List.of("psi"));
        g.node("Add", List.of("psi", bias), List.of("scores"));
        if (stage == null) {
            ModelContract.appendTopK(g, "scores", t.itemCount(), k);
        } else {
            g.longs("top_k", new long[] {k}, 1);
            g.node("TopK", List.of("scores", "top_k"), List.of(ModelContract.TOP_SCORES, "top_positions"),
                    Map.of("axis", -1L, "largest", 1L, "sorted", 1L));
            g.node("GatherElements", List.of("candidates", "top_positions"), List.of(ModelContract.TOP_ITEMS),
                    Map.of("axis", 1L));
        }
        return g.build();
    }

    /** The first stage: Item2Vec mean cosine of every item, padding masked, top M → {@code candidates} [B, M]. */
    private static void proposals(OnnxGraphBuilder g, CandidateStage stage, String mask) {
        int n = stage.itemCount() + 1;
        float[] padding = new float[n];
        padding[0] = Float.NEGATIVE_INFINITY;
        g.floats("proposer_vectors", stage.normalised(), n, stage.dim());
        g.floats("proposer_padding", padding, n);
        g.longs("proposals", new long[] {stage.count()}, 1);
        g.node("Gather", List.of("proposer_vectors", ModelContract.ITEM_IDS), List.of("proposer_rows"),
                Map.of("axis", 0L));
        g.node("Unsqueeze", List.of(mask, "axis_2"), List.of("proposer_mask"));
        g.node("Mul", List.of("proposer_rows", "proposer_mask"), List.of("proposer_kept"));
        g.node("ReduceSum", List.of("proposer_kept", "mask_axis_1"), List.of("proposer_sum"), Map.of("keepdims", 0L));
        g.node("Div", List.of("proposer_sum", "mask_lengths"), List.of("proposer_session"));
        g.node("Gemm", List.of("proposer_session", "proposer_vectors"), List.of("proposer_scores"),
                Map.of("transB", 1L));
        g.node("Add", List.of("proposer_scores", "proposer_padding"), List.of("proposer_masked"));
        g.node("TopK", List.of("proposer_masked", "proposals"), List.of("proposal_scores", "candidates"),
                Map.of("axis", -1L, "largest", 1L, "sorted", 1L));
    }

    /** [n, h·a] (row = item, heads side by side) → [h, n, a]: the full graph's queries, heads as a batch axis. */
    private static float[] headsFirst(float[] table, int n, int h, int a) {
        float[] out = new float[table.length];
        for (int i = 0; i < n; i++) {
            for (int head = 0; head < h; head++) {
                System.arraycopy(table, (i * h + head) * a, out, (head * n + i) * a, a);
            }
        }
        return out;
    }
}
