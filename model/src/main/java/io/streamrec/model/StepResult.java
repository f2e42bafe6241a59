package io.streamrec.model;

import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.List;

/** The answer of a step graph: the top-K after the step's items and the session's state after them. */
public record StepResult(List<RecommendedItem> items, float[] state) {
    public StepResult {
        items = List.copyOf(items);
    }
}
