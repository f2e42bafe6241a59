package io.streamrec.schemas.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationSerdeTest {
    private final RecommendationSerde serde = new RecommendationSerde();

    @Test
    void roundTripsWithTheModelLineThatAnsweredAndTheArmItBelongsTo() {
        Recommendation fallback = new Recommendation("s-1", "u-1", "i1", 5L,
                List.of(new RecommendedItem("i2", 3f)), Recommendation.POPULARITY, 0, 9L, "caser");
        byte[] json = serde.toBytes(fallback);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"modelLine\":\"caser\"");
        assertThat(serde.fromBytes(json)).isEqualTo(fallback);
        assertThat(serde.fromBytes(json).isFallback()).isTrue();
    }

    @Test
    void readsAnswersWrittenBeforeModelLinesExisted() {
        String old = "{\"sessionKey\":\"s-17\",\"eventItemId\":\"i42\",\"eventTimestamp\":1396321337000,"
                + "\"items\":[{\"itemId\":\"i43\",\"score\":7.31}],\"modelName\":\"gru4rec\",\"modelVersion\":2,"
                + "\"servedAt\":1763900000000}";
        Recommendation r = serde.fromBytes(old.getBytes(StandardCharsets.UTF_8));
        assertThat(r.modelLine()).isNull();
        assertThat(r.modelName()).isEqualTo("gru4rec");
        assertThat(r.modelVersion()).isEqualTo(2);
        assertThat(new String(serde.toBytes(r), StandardCharsets.UTF_8)).doesNotContain("modelLine");
    }
}
