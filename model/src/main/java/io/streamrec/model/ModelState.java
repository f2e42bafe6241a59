package io.streamrec.model;

import java.util.Arrays;

/**
 * A model's own summary of a session (a recurrent network's hidden state), tagged with the model that produced it.
 * A state is only ever fed back to the same model name and version: after a swap it is rebuilt from the session's raw
 * items, so states of different model versions never mix.
 */
public record ModelState(String modelName, long modelVersion, float[] values) {

    public boolean belongsTo(String name, long version) {
        return modelName.equals(name) && modelVersion == version;
    }

    /** Whether {@code model} made this state, so that it may be fed back to it. */
    public boolean madeBy(OnnxModel model) {
        return belongsTo(model.manifest().name(), model.manifest().version());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelState s && s.modelName.equals(modelName) && s.modelVersion == modelVersion
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * modelName.hashCode() + Long.hashCode(modelVersion)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ModelState[" + modelName + " v" + modelVersion + ", " + values.length + " values]";
    }
}
