package io.streamrec.schemas.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model bundle holds and how to call it. Every model kind is described by the same fields; {@code kind}
 * is informational (reports, logs) and never changes how the serving side runs the graph.
 *
 * @param formatVersion  bundle format version; readers refuse versions they do not know
 * @param name           the model line, also the record key on the model topic (several kinds may share a topic)
 * @param kind           the model family, e.g. {@code gru4rec}
 * @param version        increases with every published model of a line; a lower or equal version is not swapped in
 * @param createdAt      ISO-8601 instant the bundle was made
 * @param sequenceLength L, the length of the {@link TensorRole#ITEM_SEQUENCE} input
 * @param topK           how many items the graph returns per row
 * @param itemCount      vocabulary size (without the padding index)
 * @param inputs         graph inputs, by role
 * @param outputs        graph outputs, by role
 * @param metrics        offline evaluation results, e.g. {@code recall@20}
 * @param training       training settings, for the record
 * @param contentSha256  SHA-256 over the ONNX bytes, the vocabulary bytes and the step graph's bytes (when there is
 *                       one), lowercase hex
 * @param stepGraph      the stateful one-step graph, or null when the model has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        int formatVersion,
        String name,
        String kind,
        long version,
        String createdAt,
        int sequenceLength,
        int topK,
        int itemCount,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        Map<String, Double> metrics,
        Map<String, String> training,
        String contentSha256,
        StepGraph stepGraph) {

    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        training = training == null ? Map.of() : Map.copyOf(training);
    }

    /** A manifest without a step graph. */
    public ModelManifest(int formatVersion, String name, String kind, long version, String createdAt,
                         int sequenceLength, int topK, int itemCount, List<TensorSpec> inputs, List<TensorSpec> outputs,
                         Map<String, Double> metrics, Map<String, String> training, String contentSha256) {
        this(formatVersion, name, kind, version, createdAt, sequenceLength, topK, itemCount, inputs, outputs, metrics,
                training, contentSha256, null);
    }

    public Optional<StepGraph> step() {
        return Optional.ofNullable(stepGraph);
    }

    public Optional<TensorSpec> input(TensorRole role) {
        return inputs.stream().filter(t -> t.role() == role).findFirst();
    }

    public Optional<TensorSpec> output(TensorRole role) {
        return outputs.stream().filter(t -> t.role() == role).findFirst();
    }

    public ModelManifest withContentSha256(String sha256) {
        return new ModelManifest(formatVersion, name, kind, version, createdAt, sequenceLength, topK, itemCount,
                inputs, outputs, metrics, training, sha256, stepGraph);
    }

    public ModelManifest withStepGraph(StepGraph step) {
        return new ModelManifest(formatVersion, name, kind, version, createdAt, sequenceLength, topK, itemCount,
                inputs, outputs, metrics, training, contentSha256, step);
    }

    /** "name v7 (gru4rec)", for logs. */
    public String label() {
        return name + " v" + version + " (" + kind + ")";
    }
}
