package io.streamrec.trainer.skipgram;

import io.streamrec.trainer.eval.WindowScorer;

/**
 * A trained Item2Vec: every item's input vector u (the vectors the paper uses as item embeddings) and output
 * vector v (only needed in training), row-major [itemCount + 1, d], row 0 (padding) all zero.
 *
 * <p>Serving scores candidate j after the session's last n ≤ L items l_1..l_n by the <b>mean cosine similarity</b>
 * <pre>  score(j) = (1/n) Σ_m cos(u_{l_m}, u_j) = ((1/n) Σ_m û_{l_m}) · û_j ,   û = u / |u|  </pre>
 * i.e. the mean of the session's normalised vectors, dotted with each normalised item vector; the exported graph
 * computes exactly this (the two forms are the same number). Items of the session itself are not excluded: repeat
 * clicks are common in session data.
 */
public final class Item2VecModel {
    private final int itemCount;
    private final int dim;
    final float[] input;
    final float[] output;

    /** A model from its tables: input and output vectors, [itemCount + 1, dim] each, row 0 zero. */
    public Item2VecModel(int itemCount, int dim, float[] input, float[] output) {
        this.itemCount = itemCount;
        this.dim = dim;
        this.input = input;
        this.output = output;
    }

    public int itemCount() {
        return itemCount;
    }

    public int dim() {
        return dim;
    }

    /** û for every item, [itemCount + 1, d]; padding and never-trained (zero) rows stay zero. */
    public float[] normalisedTable() {
        return normalisedRows(input, itemCount + 1, dim);
    }

    /** Rows of {@code table} [rows, dim] scaled to unit length; all-zero rows (padding) stay zero. */
    public static float[] normalisedRows(float[] table, int rows, int dim) {
        float[] out = new float[table.length];
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                norm += (double) table[i * dim + k] * table[i * dim + k];
            }
            if (norm > 0) {
                float scale = (float) (1 / Math.sqrt(norm));
                for (int k = 0; k < dim; k++) {
                    out[i * dim + k] = table[i * dim + k] * scale;
                }
            }
        }
        return out;
    }

    /** A scorer over a fixed normalised table (take it once: normalising costs the whole catalogue). */
    public WindowScorer scorer() {
        float[] table = normalisedTable();
        return windows -> windows.stream().map(w -> meanCosine(table, itemCount, dim, w)).toList();
    }

    /** Scores [itemCount + 1] of every item after {@code window} (item indices, oldest first), by mean cosine. */
    public static float[] meanCosine(float[] normalised, int itemCount, int dim, int[] window) {
        float[] mean = new float[dim];
        for (int item : window) {
            for (int k = 0; k < dim; k++) {
                mean[k] += normalised[item * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= window.length;
        }
        float[] scores = new float[itemCount + 1];
        for (int j = 0; j <= itemCount; j++) {
            float s = 0;
            int row = j * dim;
            for (int k = 0; k < dim; k++) {
                s += mean[k] * normalised[row + k];
            }
            scores[j] = s;
        }
        return scores;
    }
}
