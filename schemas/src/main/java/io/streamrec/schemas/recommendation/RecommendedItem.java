package io.streamrec.schemas.recommendation;

/** One ranked item: its raw id, as producers wrote it in events, and the model's score. */
public record RecommendedItem(String itemId, float score) {
}
