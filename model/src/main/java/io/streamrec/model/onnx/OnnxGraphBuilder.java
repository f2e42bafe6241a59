package io.streamrec.model.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an ONNX graph with the generated protobuf classes. Exporters describe their graph with it node by node;
 * it knows nothing of any model.
 */
public final class OnnxGraphBuilder {
    /** ONNX opset 17: GRU with {@code linear_before_reset}, TopK with a tensor K, all that exporters here need. */
    public static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int nodeCount;

    public OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
    }

    /** A graph input; each dimension is a {@code Long} size or a {@code String} symbolic name such as "batch". */
    public OnnxGraphBuilder input(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return this;
    }

    public OnnxGraphBuilder output(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
        return this;
    }

    public OnnxGraphBuilder floats(String name, float[] data, long... dims) {
        OnnxMl.TensorProto.Builder tensor = initializer(name, OnnxMl.TensorProto.DataType.FLOAT, data.length, dims);
        for (float v : data) {
            tensor.addFloatData(v);
        }
        graph.addInitializer(tensor);
        return this;
    }

    public OnnxGraphBuilder longs(String name, long[] data, long... dims) {
        OnnxMl.TensorProto.Builder tensor = initializer(name, OnnxMl.TensorProto.DataType.INT64, data.length, dims);
        for (long v : data) {
            tensor.addInt64Data(v);
        }
        graph.addInitializer(tensor);
        return this;
    }

    /** A named constant tensor of {@code dims}, checked to hold {@code size} values, for the caller to fill. */
    private OnnxMl.TensorProto.Builder initializer(String name, OnnxMl.TensorProto.DataType type, int size,
                                                   long... dims) {
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(type.getNumber());
        for (long d : dims) {
            tensor.addDims(d);
        }
        checkSize(name, size, dims);
        return tensor;
    }

    /**
     * One operator. Attribute values may be {@code Long}, {@code Integer}, {@code Float}, {@code Double},
     * {@code String}, {@code long[]} or {@code float[]}.
     */
    public OnnxGraphBuilder node(String opType, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(opType)
                .setName(opType + "_" + nodeCount++)
                .addAllInput(inputs)
                .addAllOutput(outputs);
        attributes.forEach((key, value) -> node.addAttribute(attribute(key, value)));
        graph.addNode(node);
        return this;
    }

    public OnnxGraphBuilder node(String opType, List<String> inputs, List<String> outputs) {
        return node(opType, inputs, outputs, Map.of());
    }

    public byte[] build() {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("streamrec")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static void checkSize(String name, int length, long[] dims) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != length) {
            throw new IllegalArgumentException(name + ": " + length + " values for shape of " + expected);
        }
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String symbolic) {
                dim.setDimParam(symbolic);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(shape)))
                .build();
    }

    private static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder attr = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Long || value instanceof Integer) {
            attr.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            attr.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String s) {
            attr.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ints) {
            attr.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : ints) {
                attr.addInts(v);
            }
        } else if (value instanceof float[] fs) {
            attr.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float v : fs) {
                attr.addFloats(v);
            }
        } else {
            throw new IllegalArgumentException("unsupported attribute type for " + name + ": " + value.getClass());
        }
        return attr.build();
    }
}
