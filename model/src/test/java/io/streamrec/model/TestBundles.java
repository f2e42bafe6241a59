package io.streamrec.model;

import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Small, fully predictable contract-conforming bundles for tests: a last-item transition table, where the
 * session's last known item alone decides the ranking. Item {@code i}'s row scores item {@code j} with
 * {@code scores[i][j]}.
 */
public final class TestBundles {
    private TestBundles() {
    }

    /**
     * A bundle over items {@code item-1..item-n} where the item after {@code item-i} is ranked
     * {@code item-(i+1)}, {@code item-(i+2)}, ... (wrapping around), so the expected answer is known exactly.
     */
    public static ModelBundle successorModel(String name, long version, int itemCount, int sequenceLength, int topK) {
        float[][] scores = new float[itemCount + 1][itemCount + 1];
        for (int i = 1; i <= itemCount; i++) {
            for (int step = 1; step <= itemCount; step++) {
                int j = (i - 1 + step) % itemCount + 1;
                scores[i][j] = itemCount - step + 1;
            }
        }
        List<String> items = new java.util.ArrayList<>();
        for (int i = 1; i <= itemCount; i++) {
            items.add("item-" + i);
        }
        return lastItemModel(name, version, items, scores, sequenceLength, topK);
    }

    /** A last-item model with the given score table, [itemCount + 1][itemCount + 1], row 0 unused. */
    public static ModelBundle lastItemModel(String name, long version, List<String> items, float[][] table,
                                            int sequenceLength, int topK) {
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, name, "test-last-item", version,
                Instant.now().toString(), sequenceLength, topK, items.size(), ModelContract.inputs(sequenceLength),
                ModelContract.outputs(topK), Map.of(), Map.of(), null);
        return ModelBundle.sealed(manifest, lastItemGraph(table, items.size(), sequenceLength, topK), items);
    }

    /**
     * The sequence graph of a last-item model over {@code itemCount} items: the scores are the row of
     * {@code table} ([itemCount + 1][itemCount + 1], row 0 unused) of the session's last item.
     */
    public static byte[] lastItemGraph(float[][] table, int itemCount, int sequenceLength, int topK) {
        int n = itemCount + 1;
        float[] flat = new float[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(table[i], 0, flat, i * n, n);
        }
        OnnxGraphBuilder graph = new OnnxGraphBuilder("last_item_table");
        ModelContract.declare(graph, sequenceLength, topK);
        graph.floats("table", flat, n, n);
        graph.longs("one", new long[] {1}, 1);
        graph.longs("axis1", new long[] {1}, 1);
        graph.node("Sub", List.of(ModelContract.LENGTHS, "one"), List.of("last_pos"));
        graph.node("Unsqueeze", List.of("last_pos", "axis1"), List.of("last_pos_2d"));
        graph.node("GatherElements", List.of(ModelContract.ITEM_IDS, "last_pos_2d"), List.of("last_item_2d"),
                Map.of("axis", 1L));
        graph.node("Squeeze", List.of("last_item_2d", "axis1"), List.of("last_item"));
        graph.node("Gather", List.of("table", "last_item"), List.of("scores"), Map.of("axis", 0L));
        ModelContract.appendTopK(graph, "scores", itemCount, topK);
        return graph.build();
    }


    /**
     * {@link #successorModel} plus a step graph whose state is a single counter of the items fed since the state was
     * empty: stepping event by event counts every event, while rebuilding from the last L items counts at most L, so
     * tests can tell which path served. The answer is the last item's successors, as in the sequence graph.
     */
    public static ModelBundle statefulSuccessorModel(String name, long version, int itemCount, int sequenceLength,
                                                     int topK) {
        return withCountingStepGraph(successorModel(name, version, itemCount, sequenceLength, topK), itemCount, topK,
                false, false);
    }

    /**
     * {@link #statefulSuccessorModel} whose step graph adds the state (the count of items fed) to every score: the
     * top score of an answer is {@code itemCount + count}, so a test reading only the output topic can tell whether
     * each session's state was carried exactly, event after event, across batches and restarts.
     */
    public static ModelBundle countingSuccessorModel(String name, long version, int itemCount, int sequenceLength,
                                                     int topK) {
        return withCountingStepGraph(successorModel(name, version, itemCount, sequenceLength, topK), itemCount, topK,
                true, false);
    }

    /**
     * {@link #successorModel} plus a step graph whose answer depends on the whole history its state carries: the
     * state counts the items fed since it was empty, the answer ranks the successors of the item {@code count - 1}
     * places after the last one (its top item is {@code count} places after the last, wrapping around), and every
     * score has the count added. A session of n events stepped event by event ends at count n, a replay of its last
     * L items at count L, and the sequence graph answers as count 1 without the count in its scores; so both the
     * items and the scores of an answer tell which path made it.
     */
    public static ModelBundle shiftingSuccessorModel(String name, long version, int itemCount, int sequenceLength,
                                                     int topK) {
        return withCountingStepGraph(successorModel(name, version, itemCount, sequenceLength, topK), itemCount, topK,
                true, true);
    }

    /**
     * {@code sequence} plus a step graph whose state counts the items fed and whose answer is the last item's
     * successors (or, when {@code shiftByCount}, those of the item {@code count - 1} places after it), with the count
     * added to every score when {@code countInScores}.
     */
    private static ModelBundle withCountingStepGraph(ModelBundle sequence, int itemCount, int topK,
                                                     boolean countInScores, boolean shiftByCount) {
        int n = itemCount + 1;
        float[] flat = new float[n * n];
        for (int i = 1; i <= itemCount; i++) {
            for (int step = 1; step <= itemCount; step++) {
                int j = (i - 1 + step) % itemCount + 1;
                flat[i * n + j] = itemCount - step + 1;
            }
        }
        OnnxGraphBuilder graph = new OnnxGraphBuilder(shiftByCount ? "shifting_step"
                : countInScores ? "counting_scored_step" : "counting_step");
        ModelContract.declareStep(graph, topK, 1);
        graph.floats("table", flat, n, n);
        graph.longs("one", new long[] {1}, 1);
        graph.longs("minus_one", new long[] {-1}, 1);
        graph.longs("end", new long[] {Long.MAX_VALUE}, 1);
        graph.node("Shape", List.of(ModelContract.ITEM_IDS), List.of("ids_shape"));
        graph.node("Gather", List.of("ids_shape", "one"), List.of("steps"), Map.of("axis", 0L));
        graph.node("Cast", List.of("steps"), List.of("steps_float"), Map.of("to", 1L));
        graph.node("Add", List.of(ModelContract.STATE, "steps_float"), List.of(ModelContract.NEXT_STATE));
        graph.node("Slice", List.of(ModelContract.ITEM_IDS, "minus_one", "end", "one"), List.of("last_2d"));
        graph.node("Squeeze", List.of("last_2d", "one"), List.of("last_item"));
        String row = "last_item";
        if (shiftByCount) {
            // row = (last - 1 + count - 1) mod itemCount + 1: the item count - 1 places after the last one
            graph.longs("two", new long[] {2}, 1);
            graph.longs("item_count", new long[] {itemCount}, 1);
            graph.node("Squeeze", List.of(ModelContract.NEXT_STATE, "one"), List.of("count_float"));
            graph.node("Cast", List.of("count_float"), List.of("count"), Map.of("to", 7L));
            graph.node("Add", List.of("last_item", "count"), List.of("shifted_plus_two"));
            graph.node("Sub", List.of("shifted_plus_two", "two"), List.of("shifted_zero_based"));
            graph.node("Mod", List.of("shifted_zero_based", "item_count"), List.of("wrapped"));
            graph.node("Add", List.of("wrapped", "one"), List.of("shifted_item"));
            row = "shifted_item";
        }
        if (countInScores) {
            graph.node("Gather", List.of("table", row), List.of("successor_scores"), Map.of("axis", 0L));
            graph.node("Add", List.of("successor_scores", ModelContract.NEXT_STATE), List.of("scores"));
        } else {
            graph.node("Gather", List.of("table", row), List.of("scores"), Map.of("axis", 0L));
        }
        ModelContract.appendTopK(graph, "scores", itemCount, topK);
        ModelManifest manifest = sequence.manifest().withStepGraph(ModelContract.stepGraph(topK, 1));
        return ModelBundle.sealed(manifest, sequence.onnxModel(), sequence.items(), graph.build());
    }

    /**
     * A personalised bundle that ignores the items: user {@code user-u} (u in 1..userCount, userCount < itemCount) gets
     * {@code item-u} first, then the rest in index order; an anonymous or unknown user (index 0) gets
     * {@code item-<itemCount>} first. Exercises the {@code USER_INDEX} input of the contract.
     */
    public static ModelBundle userFavouriteModel(String name, long version, int itemCount, int userCount,
                                                 int sequenceLength, int topK) {
        int n = itemCount + 1;
        float[] flat = new float[(userCount + 1) * n];
        for (int u = 0; u <= userCount; u++) {
            int favourite = u == 0 ? itemCount : u;
            for (int j = 1; j <= itemCount; j++) {
                flat[u * n + j] = j == favourite ? 2 * n : n - j;
            }
        }
        OnnxGraphBuilder graph = new OnnxGraphBuilder("user_favourite");
        ModelContract.declare(graph, sequenceLength, topK);
        ModelContract.declareUser(graph);
        graph.floats("user_table", flat, userCount + 1, n);
        graph.node("Gather", List.of("user_table", ModelContract.USER_IDS), List.of("scores"), Map.of("axis", 0L));
        ModelContract.appendTopK(graph, "scores", itemCount, topK);
        List<String> items = new java.util.ArrayList<>();
        for (int i = 1; i <= itemCount; i++) {
            items.add("item-" + i);
        }
        List<String> users = new java.util.ArrayList<>();
        for (int u = 1; u <= userCount; u++) {
            users.add("user-" + u);
        }
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, name, "test-user-favourite", version,
                Instant.now().toString(), sequenceLength, topK, itemCount, ModelContract.inputsWithUser(sequenceLength),
                ModelContract.outputs(topK), Map.of(), Map.of(), null);
        return ModelBundle.sealed(manifest, graph.build(), items, null, users);
    }
}
