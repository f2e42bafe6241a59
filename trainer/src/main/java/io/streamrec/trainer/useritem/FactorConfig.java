package io.streamrec.trainer.useritem;

import io.streamrec.schemas.settings.Settings;
import java.util.Locale;

/** A biased factor family's resolved settings (see {@link FactorSettings}), typed. */
public record FactorConfig(int factors, int epochs, float learningRate, float regularisation,
                           float biasRegularisation, float initStd, long seed, int sequenceLength, int topK,
                           Settings settings) {

    /** One line for logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%d factors, %d epochs, SGD step %s, λ %s (biases %s), init std %s,"
                + " seed %d", factors, epochs, learningRate, regularisation, biasRegularisation, initStd, seed);
    }
}
