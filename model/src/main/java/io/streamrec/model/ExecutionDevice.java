package io.streamrec.model;

/** Where ONNX Runtime runs a model. CUDA is asked for, not assumed: without it the model runs on CPU. */
public enum ExecutionDevice {
    CPU,
    CUDA
}
