package io.streamrec.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamrec.schemas.bundle.StepGraph;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a bundle's step graph for a batch of sessions: the items since each state (one per event in steady state, the
 * last L known items when a state has to be rebuilt) and the states in; top-K and the next states out.
 */
final class StepGraphRunner implements AutoCloseable {
    private static final String GRAPH = "step graph";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final StepGraph graph;
    private final ItemVocabulary vocabulary;
    private final String itemsInput;
    private final String stateInput;
    private final String itemsOutput;
    private final String scoresOutput;
    private final String stateOutput;

    StepGraphRunner(OrtEnvironment env, OrtSession session, StepGraph graph, ItemVocabulary vocabulary) {
        this.env = env;
        this.session = session;
        this.graph = graph;
        this.vocabulary = vocabulary;
        this.itemsInput = role(graph.inputs(), TensorRole.ITEM_SEQUENCE);
        this.stateInput = role(graph.inputs(), TensorRole.RECURRENT_STATE);
        this.itemsOutput = role(graph.outputs(), TensorRole.TOP_ITEMS);
        this.scoresOutput = role(graph.outputs(), TensorRole.TOP_SCORES);
        this.stateOutput = role(graph.outputs(), TensorRole.NEXT_RECURRENT_STATE);
    }

    static Optional<String> missingRole(StepGraph graph) {
        for (TensorRole role : List.of(TensorRole.ITEM_SEQUENCE, TensorRole.RECURRENT_STATE)) {
            if (graph.inputs().stream().noneMatch(t -> t.role() == role)) {
                return Optional.of("step graph has no input with role " + role);
            }
        }
        for (TensorRole role : List.of(TensorRole.TOP_ITEMS, TensorRole.TOP_SCORES, TensorRole.NEXT_RECURRENT_STATE)) {
            if (graph.outputs().stream().noneMatch(t -> t.role() == role)) {
                return Optional.of("step graph has no output with role " + role);
            }
        }
        return Optional.empty();
    }

    private static String role(List<TensorSpec> specs, TensorRole role) {
        return specs.stream().filter(t -> t.role() == role).findFirst().orElseThrow().name();
    }

    int stateSize() {
        return graph.stateSize();
    }

    /** Feeds item indices (oldest first, at least one) on top of {@code state} (null: a fresh session). */
    StepResult run(int[] indices, float[] state) throws OrtException {
        return run(new int[][] {indices}, new float[][] {state}).get(0);
    }

    /**
     * One call of the graph for a batch of sessions: row {@code b} feeds {@code rows[b]} (item indices, oldest first)
     * on top of {@code states[b]} (null: a fresh session). Every row has the same number of items, because the step
     * graph has no lengths input: a shorter row padded with zeros would step the padding into the state.
     */
    List<StepResult> run(int[][] rows, float[][] states) throws OrtException {
        int batch = rows.length;
        int steps = rows[0].length;
        int width = graph.stateSize();
        long[] items = new long[batch * steps];
        float[] before = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            if (rows[b].length != steps) {
                throw new IllegalArgumentException("rows of one step call must have the same length: " + steps
                        + " and " + rows[b].length);
            }
            for (int i = 0; i < steps; i++) {
                items[b * steps + i] = rows[b][i];
            }
            if (states[b] != null) {
                if (states[b].length != width) {
                    throw new IllegalArgumentException("state has " + states[b].length
                            + " values, the model's has " + width);
                }
                System.arraycopy(states[b], 0, before, b * width, width);
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(itemsInput, OnnxTensor.createTensor(env, LongBuffer.wrap(items), new long[] {batch, steps}));
            inputs.put(stateInput, OnnxTensor.createTensor(env, FloatBuffer.wrap(before), new long[] {batch, width}));
            try (OrtSession.Result result = session.run(inputs)) {
                long[] top = OrtOutputs.longs(OrtOutputs.tensor(result, itemsOutput, GRAPH));
                float[] scores = OrtOutputs.floats(OrtOutputs.tensor(result, scoresOutput, GRAPH));
                float[] next = OrtOutputs.floats(OrtOutputs.tensor(result, stateOutput, GRAPH));
                if (top.length % batch != 0 || scores.length != top.length || next.length != batch * width) {
                    throw new OrtException("step graph returned " + top.length + " items, " + scores.length
                            + " scores and " + next.length + " state values for a batch of " + batch);
                }
                int k = top.length / batch;
                List<StepResult> results = new ArrayList<>(batch);
                for (int b = 0; b < batch; b++) {
                    List<RecommendedItem> ranked = new ArrayList<>(k);
                    for (int j = 0; j < k; j++) {
                        ranked.add(new RecommendedItem(vocabulary.itemAt((int) top[b * k + j]), scores[b * k + j]));
                    }
                    results.add(new StepResult(ranked, Arrays.copyOfRange(next, b * width, (b + 1) * width)));
                }
                return results;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
