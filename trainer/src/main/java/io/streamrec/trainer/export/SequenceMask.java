package io.streamrec.trainer.export;

import ai.onnx.proto.OnnxMl;
import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import java.util.List;
import java.util.Map;

/**
 * The graph nodes that turn the contract's {@code lengths} [B] into a float mask [B, L] (1 for the row's real
 * positions 0..length−1, 0 for the padding after them). Serving never special-cases a model, so a graph must not
 * trust padding to be harmless: this mask is what keeps it out of a mean or an attention softmax.
 */
public final class SequenceMask {
    private SequenceMask() {
    }

    /**
     * Adds the nodes (and their constants, names prefixed {@code mask_}) and returns the name of the float mask
     * [B, L]. Also defines {@code mask_lengths} [B, 1] float, the row lengths, for means.
     */
    public static String append(OnnxGraphBuilder graph, int length) {
        long[] positions = new long[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i;
        }
        graph.longs("mask_positions", positions, length);
        graph.longs("mask_axis_1", new long[] {1}, 1);
        graph.node("Unsqueeze", List.of(ModelContract.LENGTHS, "mask_axis_1"), List.of("mask_lengths_long"));
        graph.node("Less", List.of("mask_positions", "mask_lengths_long"), List.of("mask_valid"));
        graph.node("Cast", List.of("mask_valid"), List.of("mask"),
                Map.of("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
        graph.node("Cast", List.of("mask_lengths_long"), List.of("mask_lengths"),
                Map.of("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
        return "mask";
    }
}
