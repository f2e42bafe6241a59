package io.streamrec.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row's GRU4Rec setting as the reference implementation's parameter string ({@code run.py -ps}): its keys, in the
 * order of its published parameter files, each from streamrec's setting of the same meaning. Booleans are written
 * True/False and the layer sizes joined by '/', as the reference reads them.
 */
final class ReferenceParameters {
    /** Reference key to streamrec key, where the names differ only; layers is built from two settings. */
    private static final Map<String, String> SAME_MEANING = sameMeaning();

    private ReferenceParameters() {
    }

    private static Map<String, String> sameMeaning() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("loss", "loss");
        keys.put("constrained_embedding", "constrained_embedding");
        keys.put("embedding", "embedding");
        keys.put("elu_param", "elu_param");
        keys.put("layers", null);
        keys.put("n_epochs", "epochs");
        keys.put("batch_size", "batch_size");
        keys.put("dropout_p_embed", "dropout_embedding");
        keys.put("dropout_p_hidden", "dropout_hidden");
        keys.put("learning_rate", "learning_rate");
        keys.put("momentum", "momentum");
        keys.put("n_sample", "n_sample");
        keys.put("sample_alpha", "sample_alpha");
        keys.put("bpreg", "bpreg");
        keys.put("logq", "logq");
        return Collections.unmodifiableMap(keys);
    }

    /** {@code loss=cross-entropy,constrained_embedding=True,...,logq=1.0} for {@code row}. */
    static String of(TrainRow row) {
        List<String> pairs = new ArrayList<>();
        SAME_MEANING.forEach((reference, streamrec) -> pairs.add(reference + "="
                + (streamrec == null ? layers(row) : value(row.get(streamrec)))));
        return String.join(",", pairs);
    }

    /** One hidden size per GRU layer: streamrec stacks {@code layers} layers of {@code hidden_size} units. */
    private static String layers(TrainRow row) {
        int count = Integer.parseInt(row.get("layers"));
        return String.join("/", Collections.nCopies(count, Integer.toString(row.hidden())));
    }

    private static String value(String text) {
        return switch (text) {
            case "true" -> "True";
            case "false" -> "False";
            default -> text;
        };
    }
}
