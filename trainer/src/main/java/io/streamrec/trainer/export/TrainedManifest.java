package io.streamrec.trainer.export;

import io.streamrec.model.onnx.ModelContract;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.bundle.TensorSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The manifest every family writes for a model trained just now: the current format, the contract's outputs. */
public final class TrainedManifest {
    private TrainedManifest() {
    }

    /**
     * @param inputs   the contract's inputs the graph takes ({@link ModelContract#inputs} or with a user)
     * @param topK     the items the graph returns (at most what it can rank)
     * @param training the settings it was trained with, as the family's configuration writes them
     */
    public static ModelManifest of(String kind, String name, long version, int sequenceLength, int topK,
                                   int itemCount, List<TensorSpec> inputs, Map<String, Double> metrics,
                                   Map<String, String> training) {
        return new ModelManifest(ModelManifest.FORMAT_VERSION, name, kind, version, Instant.now().toString(),
                sequenceLength, topK, itemCount, inputs, ModelContract.outputs(topK), metrics, training, null);
    }
}
