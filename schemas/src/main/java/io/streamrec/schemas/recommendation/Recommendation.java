package io.streamrec.schemas.recommendation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to one click event: the items the session is most likely to want next, best first.
 *
 * @param sessionKey     the key the session's state is kept under (see {@code ClickEvent#sessionKey()})
 * @param eventItemId    the item of the event this answers
 * @param eventTimestamp the event's time, epoch milliseconds
 * @param modelName      the model that produced the list; {@value #POPULARITY} for the popularity fallback
 * @param modelVersion   that model's version; 0 for the popularity fallback
 * @param servedAt       wall-clock time the list was computed, epoch milliseconds
 * @param modelLine      the model line (A/B arm) the session is routed to, or null from writers that predate lines.
 *                       It names the arm even when that arm's model could not answer and {@code modelName} is
 *                       {@value #POPULARITY}, so that an experiment counts every answer of an arm, fallbacks
 *                       included, against that arm
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(
        String sessionKey,
        String userId,
        String eventItemId,
        long eventTimestamp,
        List<RecommendedItem> items,
        String modelName,
        long modelVersion,
        long servedAt,
        String modelLine) {

    public static final String POPULARITY = "popularity";

    public Recommendation {
        items = List.copyOf(items);
    }

    @JsonIgnore
    public boolean isFallback() {
        return POPULARITY.equals(modelName);
    }
}
