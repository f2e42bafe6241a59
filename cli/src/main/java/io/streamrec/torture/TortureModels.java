package io.streamrec.torture;

import io.streamrec.model.onnx.ModelContract;
import io.streamrec.model.onnx.OnnxGraphBuilder;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small but real model for the scenarios: random item embeddings, the session's last item scored against every
 * item by dot product, top-K in the graph. Built in milliseconds (training one would cost the run minutes), it
 * follows the same contract as the trainer's exports, so the app loads, warms up and scores it like any other.
 */
public final class TortureModels {
    static final int SEQUENCE_LENGTH = 20;
    private static final int DIMENSIONS = 16;

    private TortureModels() {
    }

    /** Model line {@code name} at {@code version} over {@code catalogue}, its embeddings drawn from {@code seed}. */
    public static ModelBundle lastItemModel(String name, long version, Catalogue catalogue, int topK, long seed) {
        int rows = catalogue.size() + 1;
        Random random = new Random(seed);
        float[] embeddings = new float[rows * DIMENSIONS];
        float[] transposed = new float[DIMENSIONS * rows];
        // row 0 is padding and stays zero; the top-K tail masks it out anyway
        for (int item = 1; item < rows; item++) {
            for (int d = 0; d < DIMENSIONS; d++) {
                float v = (float) random.nextGaussian();
                embeddings[item * DIMENSIONS + d] = v;
                transposed[d * rows + item] = v;
            }
        }
        OnnxGraphBuilder graph = new OnnxGraphBuilder("torture_last_item_dot");
        ModelContract.declare(graph, SEQUENCE_LENGTH, topK);
        graph.floats("embeddings", embeddings, rows, DIMENSIONS);
        graph.floats("embeddings_t", transposed, DIMENSIONS, rows);
        graph.longs("one", new long[] {1}, 1);
        graph.longs("axis1", new long[] {1}, 1);
        graph.node("Sub", List.of(ModelContract.LENGTHS, "one"), List.of("last_pos"));
        graph.node("Unsqueeze", List.of("last_pos", "axis1"), List.of("last_pos_2d"));
        graph.node("GatherElements", List.of(ModelContract.ITEM_IDS, "last_pos_2d"), List.of("last_item_2d"),
                Map.of("axis", 1L));
        graph.node("Squeeze", List.of("last_item_2d", "axis1"), List.of("last_item"));
        graph.node("Gather", List.of("embeddings", "last_item"), List.of("last_vector"), Map.of("axis", 0L));
        graph.node("MatMul", List.of("last_vector", "embeddings_t"), List.of("scores"));
        ModelContract.appendTopK(graph, "scores", catalogue.size(), topK);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, name, "torture-last-item-dot",
                version, Instant.now().toString(), SEQUENCE_LENGTH, topK, catalogue.size(),
                ModelContract.inputs(SEQUENCE_LENGTH), ModelContract.outputs(topK),
                Map.of("recall@20", 0.25, "mrr@20", 0.1), Map.of("seed", Long.toString(seed)), null);
        return ModelBundle.sealed(manifest, graph.build(), catalogue.all());
    }
}
