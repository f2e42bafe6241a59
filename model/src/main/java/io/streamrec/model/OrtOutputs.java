package io.streamrec.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Optional;

/** Reading a graph's named outputs back into Java arrays, for the sequence and the step graph alike. */
final class OrtOutputs {
    private OrtOutputs() {
    }

    /** The output tensor {@code name} of {@code result}; {@code graph} names the graph in the error. */
    static OnnxTensor tensor(OrtSession.Result result, String name, String graph) throws OrtException {
        Optional<OnnxValue> value = result.get(name);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
            throw new OrtException(graph + " did not return tensor " + name);
        }
        return tensor;
    }

    static long[] longs(OnnxTensor tensor) {
        LongBuffer buffer = tensor.getLongBuffer();
        long[] out = new long[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
