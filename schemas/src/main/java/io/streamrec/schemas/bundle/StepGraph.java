package io.streamrec.schemas.bundle;

import java.util.List;

/**
 * The optional stateful graph of a bundle ({@code step.onnx}): one item per session and the session's state in, the
 * top-K and the next state out. A model with a state that summarises the whole session (a recurrent network) uses it
 * to answer each event in one step, exactly, however long the session; the sequence graph stays the answer for
 * sessions the app holds no state for.
 *
 * <p>Inputs: {@link TensorRole#ITEM_SEQUENCE} int64 [batch, 1] and {@link TensorRole#RECURRENT_STATE} float
 * [batch, stateSize]. Outputs: {@link TensorRole#TOP_ITEMS}, {@link TensorRole#TOP_SCORES} and
 * {@link TensorRole#NEXT_RECURRENT_STATE} float [batch, stateSize].
 */
public record StepGraph(int stateSize, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public StepGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
