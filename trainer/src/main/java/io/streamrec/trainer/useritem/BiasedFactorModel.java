package io.streamrec.trainer.useritem;

import io.streamrec.schemas.bundle.ModelBundle;
import java.util.List;
import java.util.Map;

/**
 * A {@link BiasedFactors} model as every protocol and the export see it, by the indices of the interactions it was
 * trained on.
 *
 * @param kind     the family, for the manifest
 * @param userIds  the training users, the bundle's user vocabulary
 * @param itemIds  the training items, the bundle's item vocabulary
 * @param training the settings it was trained with, for the manifest
 */
public record BiasedFactorModel(String kind, BiasedFactors factors, List<String> userIds, List<String> itemIds,
                                int sequenceLength, int topK, Map<String, String> training) implements UserItemModel {

    @Override
    public float predict(int user, int item) {
        return factors.predict(user, item);
    }

    @Override
    public void scoreItems(int user, float[] out) {
        factors.scoreItems(user, out);
    }

    @Override
    public void scoreSession(int[] items, float[] out) {
        factors.scoreSession(items, out);
    }

    @Override
    public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
        return BiasedFactorExporter.export(this, modelName, version, metrics);
    }
}
