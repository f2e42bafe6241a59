package io.streamrec.schemas.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void everyFloatAndStringReadsBackExactly() {
        Random random = new Random(11);
        for (int n = 0; n < 2_000; n++) {
            List<RecommendedItem> items = new ArrayList<>();
            for (int i = random.nextInt(25); i > 0; i--) {
                float score = switch (random.nextInt(4)) {
                    case 0 -> random.nextFloat() * 20 - 10;
                    case 1 -> (float) random.nextGaussian() * 1e-7f;
                    case 2 -> random.nextInt(1000);
                    default -> Float.intBitsToFloat(random.nextInt() & 0x7f7fffff);
                };
                items.add(new RecommendedItem(random.nextBoolean() ? "i" + random.nextInt() : "\"q\u00e9\u2028/" + i,
                        score));
            }
            Recommendation r = new Recommendation("s-" + n, random.nextBoolean() ? null : "u\t" + n, "i" + n,
                    random.nextLong() & Long.MAX_VALUE, items, random.nextBoolean() ? "gru4rec" : Recommendation.POPULARITY,
                    random.nextInt(5), random.nextLong(), random.nextBoolean() ? null : "line-" + n);
            assertThat(serde.fromBytes(serde.toBytes(r))).as("recommendation %d", n).isEqualTo(r);
        }
    }
}
