package io.streamrec.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RanksTest {
    // Index 0 is padding and never a candidate, even with the highest score.
    private final float[] scores = {99f, 0.5f, 0.9f, 0.5f, 0.1f, 0.5f};

    @Test
    void countsTiesAgainstTheModelByDefault() {
        assertThat(Ranks.rank(scores, 1, 2, Ranks.TieMode.CONSERVATIVE)).isEqualTo(1);
        // Item 3 (0.5) has item 2 above it and items 1 and 5 tied with it: conservative rank 4.
        assertThat(Ranks.rank(scores, 1, 3, Ranks.TieMode.CONSERVATIVE)).isEqualTo(4);
        assertThat(Ranks.rank(scores, 1, 4, Ranks.TieMode.CONSERVATIVE)).isEqualTo(5);
    }

    @Test
    void optimisticAndAverageTiesRankHigher() {
        assertThat(Ranks.rank(scores, 1, 3, Ranks.TieMode.OPTIMISTIC)).isEqualTo(2);
        assertThat(Ranks.rank(scores, 1, 3, Ranks.TieMode.AVERAGE)).isEqualTo(3);
    }

    @Test
    void aModelThatScoresEverythingEqualGetsTheWorstRank() {
        float[] flat = new float[101];
        assertThat(Ranks.rank(flat, 1, 50, Ranks.TieMode.CONSERVATIVE)).isEqualTo(100);
    }

    @Test
    void metricsFollowFromTheRanks() {
        RankMetrics m = new RankMetrics();
        m.add(1);
        m.add(4);
        m.add(25);
        m.add(10);
        assertThat(m.predictions()).isEqualTo(4);
        assertThat(m.recall(1)).isEqualTo(0.25);
        assertThat(m.recall(5)).isEqualTo(0.5);
        assertThat(m.recall(20)).isEqualTo(0.75);
        assertThat(m.mrr(20)).isCloseTo((1 + 0.25 + 0.1) / 4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.mrr(5)).isCloseTo((1 + 0.25) / 4, org.assertj.core.data.Offset.offset(1e-12));
        double ndcg20 = (1 + 1 / (Math.log(5) / Math.log(2)) + 1 / (Math.log(11) / Math.log(2))) / 4;
        assertThat(m.ndcg(20)).isCloseTo(ndcg20, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.asMap("p.")).containsEntry("p.recall@10", 0.75).containsEntry("p.predictions", 4.0);
    }
}
