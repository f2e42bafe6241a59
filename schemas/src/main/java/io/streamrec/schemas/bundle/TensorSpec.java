package io.streamrec.schemas.bundle;

import java.util.List;

/**
 * One named graph input or output.
 *
 * @param name  the name in the ONNX graph
 * @param role  what it carries
 * @param type  ONNX element type name: {@code INT64} or {@code FLOAT}
 * @param shape dimensions; -1 for the dynamic batch dimension
 */
public record TensorSpec(String name, TensorRole role, String type, List<Long> shape) {
    public TensorSpec {
        shape = List.copyOf(shape);
    }
}
