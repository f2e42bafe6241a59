package io.streamrec.trainer.eval.holdout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoldoutMetricsTest {
    private static final org.assertj.core.data.Offset<Double> EXACT = within(1e-12);

    @Test
    void precisionRecallAndAveragePrecisionMatchHandComputedValues() {
        HoldoutMetrics metrics = new HoldoutMetrics();
        // user A: three held-out items at ranks 6, 1, 3 (order does not matter)
        metrics.add(new int[] {6, 1, 3});
        assertThat(metrics.precision(1)).isCloseTo(1.0, EXACT);
        assertThat(metrics.precision(5)).isCloseTo(2.0 / 5, EXACT);
        assertThat(metrics.precision(10)).isCloseTo(3.0 / 10, EXACT);
        assertThat(metrics.recall(1)).isCloseTo(1.0 / 3, EXACT);
        assertThat(metrics.recall(5)).isCloseTo(2.0 / 3, EXACT);
        assertThat(metrics.recall(10)).isCloseTo(1.0, EXACT);
        // AP = (1/1 + 2/3 + 3/6) / 3
        assertThat(metrics.map()).isCloseTo((1 + 2.0 / 3 + 0.5) / 3, EXACT);

        // user B: one held-out item at rank 2
        metrics.add(new int[] {2});
        assertThat(metrics.users()).isEqualTo(2);
        assertThat(metrics.precision(1)).isCloseTo((1.0 + 0) / 2, EXACT);
        assertThat(metrics.precision(5)).isCloseTo((0.4 + 0.2) / 2, EXACT);
        assertThat(metrics.precision(10)).isCloseTo((0.3 + 0.1) / 2, EXACT);
        assertThat(metrics.recall(1)).isCloseTo((1.0 / 3 + 0) / 2, EXACT);
        assertThat(metrics.recall(5)).isCloseTo((2.0 / 3 + 1) / 2, EXACT);
        assertThat(metrics.map()).isCloseTo(((1 + 2.0 / 3 + 0.5) / 3 + 0.5) / 2, EXACT);
        assertThat(metrics.asMap("caser.")).containsEntry("caser.users", 2.0).containsKeys("caser.prec@1",
                "caser.recall@10", "caser.map");
    }

    @Test
    void ranksSkipTheUsersTrainingItemsAndPaddingAndBreakTiesTowardTheLowerIndex() {
        //                index:   0    1    2    3    4    5    6
        float[] scores = {99f, 5f, 9f, 7f, 7f, 1f, 8f};
        // item 2 (score 9) was in training: removed, so item 6 (8) leads, then 3 and 4 tie at 7 (3 first), then 1, 5
        int[] ranks = HoldoutEvaluator.ranks(scores, new int[] {2}, new int[] {4, 3, 5, 6});
        assertThat(ranks).containsExactly(3, 2, 5, 1);
    }

    @Test
    void theEvaluatorScoresOnlyUsersWithHeldOutItems() {
        HoldoutSplit split = HoldoutSplitTest.split(HoldoutSplitTest.users(
                "u1", "a b c d e", "u2", "a b c d e", "u3", "e d c b a", "u4", "a b c d e"), 1, 0.6);
        // every user trains on three items and is tested on two; popularity ranks by training counts
        HoldoutMetrics metrics = HoldoutEvaluator.evaluate(split, HoldoutEvaluator.popularity(split));
        assertThat(metrics.users()).isEqualTo(4);
        // with its own training items removed, each user has exactly its two held-out items left: ranks 1 and 2
        // (u1: d, e; u3: a, b), so AP 1, P@1 1 and R@1 1/2 for everyone
        assertThat(metrics.map()).isCloseTo(1.0, EXACT);
        assertThat(metrics.precision(1)).isCloseTo(1.0, EXACT);
        assertThat(metrics.recall(1)).isCloseTo(0.5, EXACT);
    }
}
