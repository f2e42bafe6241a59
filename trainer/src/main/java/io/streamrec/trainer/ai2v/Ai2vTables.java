package io.streamrec.trainer.ai2v;

/**
 * A trained AI2V rewritten for scoring every candidate at once: everything that depends on one item only is computed
 * once per item, so per event only the attention and ψ remain. With heads h, attention size a, z size dz and
 * hidden size H (all row-major):
 *
 * @param contextKeys    [N+1, h·a] unit(A_c^h u_i) per head: the context side of the cosine
 * @param contextValues  [N+1, h·dz] R_h B_c^h u_i per head: z = Σ_h Σ_m α_hm · contextValues[l_m, h], since R is linear
 * @param targetQueries  [N+1, h·a] unit(A_t^h v_j) per head: the target side of the cosine
 * @param targets        [N+1, dz] t_j = B_t v_j
 * @param targetHidden   [N+1, H] W0's t block times t_j, the part of W0·[z, t, z∘t, |z−t|] that needs no z
 * @param restWeights    [3·dz, H] W0's z, z∘t and |z−t| blocks, transposed, for [z, z∘t, |z−t|]·restWeights
 * @param outputWeights  [H] W1
 * @param bias           [N+1] b_j
 */
public record Ai2vTables(int itemCount, int heads, int attentionDim, int zDim, int hidden,
                         Ai2vConfig.Activation activation, float[] contextKeys, float[] contextValues,
                         float[] targetQueries, float[] targets, float[] targetHidden, float[] restWeights,
                         float[] outputWeights, float[] bias) {
}
