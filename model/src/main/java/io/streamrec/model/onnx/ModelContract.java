package io.streamrec.model.onnx;

import ai.onnx.proto.OnnxMl;
import io.streamrec.schemas.bundle.StepGraph;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The names and shapes every exported sequence model uses, and the shared tail of every graph: padding masked
 * out, TopK inside the graph so that only K indices and scores cross the JNI boundary per row.
 */
public final class ModelContract {
    public static final String ITEM_IDS = "item_ids";
    public static final String LENGTHS = "lengths";
    public static final String USER_IDS = "user_ids";
    public static final String TOP_ITEMS = "top_items";
    public static final String TOP_SCORES = "top_scores";
    public static final String BATCH = "batch";
    public static final String STEPS = "steps";
    public static final String STATE = "state";
    public static final String NEXT_STATE = "next_state";

    private ModelContract() {
    }

    public static List<TensorSpec> inputs(int sequenceLength) {
        return List.of(
                new TensorSpec(ITEM_IDS, TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, (long) sequenceLength)),
                new TensorSpec(LENGTHS, TensorRole.SEQUENCE_LENGTH, "INT64", List.of(-1L)));
    }

    public static List<TensorSpec> outputs(int topK) {
        return List.of(
                new TensorSpec(TOP_ITEMS, TensorRole.TOP_ITEMS, "INT64", List.of(-1L, (long) topK)),
                new TensorSpec(TOP_SCORES, TensorRole.TOP_SCORES, "FLOAT", List.of(-1L, (long) topK)));
    }

    /** The contract's inputs plus a user index [batch], for models that personalise (index 0 = unknown user). */
    public static List<TensorSpec> inputsWithUser(int sequenceLength) {
        return List.of(
                new TensorSpec(ITEM_IDS, TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, (long) sequenceLength)),
                new TensorSpec(LENGTHS, TensorRole.SEQUENCE_LENGTH, "INT64", List.of(-1L)),
                new TensorSpec(USER_IDS, TensorRole.USER_INDEX, "INT64", List.of(-1L)));
    }

    /** Declares the user index input [batch] on a graph that also has the contract's other inputs. */
    public static void declareUser(OnnxGraphBuilder graph) {
        graph.input(USER_IDS, OnnxMl.TensorProto.DataType.INT64, BATCH);
    }

    /** The step graph's description for the manifest: item ids [batch, steps] and the state in; top-K and state out. */
    public static StepGraph stepGraph(int topK, int stateSize) {
        return new StepGraph(stateSize,
                List.of(new TensorSpec(ITEM_IDS, TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, -1L)),
                        new TensorSpec(STATE, TensorRole.RECURRENT_STATE, "FLOAT", List.of(-1L, (long) stateSize))),
                List.of(new TensorSpec(TOP_ITEMS, TensorRole.TOP_ITEMS, "INT64", List.of(-1L, (long) topK)),
                        new TensorSpec(TOP_SCORES, TensorRole.TOP_SCORES, "FLOAT", List.of(-1L, (long) topK)),
                        new TensorSpec(NEXT_STATE, TensorRole.NEXT_RECURRENT_STATE, "FLOAT",
                                List.of(-1L, (long) stateSize))));
    }

    /** Declares a step graph's inputs and outputs. */
    public static void declareStep(OnnxGraphBuilder graph, int topK, int stateSize) {
        graph.input(ITEM_IDS, OnnxMl.TensorProto.DataType.INT64, BATCH, STEPS);
        graph.input(STATE, OnnxMl.TensorProto.DataType.FLOAT, BATCH, (long) stateSize);
        graph.output(TOP_ITEMS, OnnxMl.TensorProto.DataType.INT64, BATCH, (long) topK);
        graph.output(TOP_SCORES, OnnxMl.TensorProto.DataType.FLOAT, BATCH, (long) topK);
        graph.output(NEXT_STATE, OnnxMl.TensorProto.DataType.FLOAT, BATCH, (long) stateSize);
    }

    /** Declares the contract's inputs and outputs on a graph. */
    public static void declare(OnnxGraphBuilder graph, int sequenceLength, int topK) {
        graph.input(ITEM_IDS, OnnxMl.TensorProto.DataType.INT64, BATCH, (long) sequenceLength);
        graph.input(LENGTHS, OnnxMl.TensorProto.DataType.INT64, BATCH);
        graph.output(TOP_ITEMS, OnnxMl.TensorProto.DataType.INT64, BATCH, (long) topK);
        graph.output(TOP_SCORES, OnnxMl.TensorProto.DataType.FLOAT, BATCH, (long) topK);
    }

    /**
     * Appends the tail: {@code scores} [batch, itemCount + 1] (column 0 being padding) gets column 0 pushed to
     * -infinity so padding is never recommended, then TopK writes the contract's outputs.
     */
    public static void appendTopK(OnnxGraphBuilder graph, String scores, int itemCount, int topK) {
        float[] mask = new float[itemCount + 1];
        Arrays.fill(mask, 0f);
        mask[0] = Float.NEGATIVE_INFINITY;
        graph.floats("padding_mask", mask, itemCount + 1);
        graph.longs("top_k", new long[] {topK}, 1);
        graph.node("Add", List.of(scores, "padding_mask"), List.of("masked_scores"));
        graph.node("TopK", List.of("masked_scores", "top_k"), List.of(TOP_SCORES, TOP_ITEMS),
                Map.of("axis", -1L, "largest", 1L, "sorted", 1L));
    }
}
