package io.streamrec.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;

/**
 * The row lookup the model families train through; GRU4Rec's output item matrix is the exception, as its trainer
 * reads those rows itself ({@code OutputLayer}).
 */
public final class EmbeddingRows {
    private EmbeddingRows() {
    }

    /**
     * Rows {@code index} (int64 [m]) of {@code table} [n, c] → [m, c]. Differentiable (libtorch's embedding, an
     * index_select): the gradient flows back into the rows used.
     */
    public static NDArray gather(NDArray table, NDArray index) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
