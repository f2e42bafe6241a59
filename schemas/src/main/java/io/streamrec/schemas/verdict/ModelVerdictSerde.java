package io.streamrec.schemas.verdict;

import io.streamrec.schemas.json.JsonSerde;

/** {@link ModelVerdict} as JSON. */
public final class ModelVerdictSerde extends JsonSerde<ModelVerdict> {
    public ModelVerdictSerde() {
        super(ModelVerdict.class);
    }
}
