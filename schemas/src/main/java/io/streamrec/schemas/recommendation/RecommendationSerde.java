package io.streamrec.schemas.recommendation;

import io.streamrec.schemas.json.JsonSerde;

public final class RecommendationSerde extends JsonSerde<Recommendation> {
    public RecommendationSerde() {
        super(Recommendation.class);
    }
}
