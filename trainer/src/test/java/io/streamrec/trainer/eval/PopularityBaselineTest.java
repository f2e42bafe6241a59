package io.streamrec.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityBaselineTest {

    @Test
    void ranksEveryNextClickByTrainingCountsCountingTiesAgainstIt() {
        float[] counts = {0f, 10f, 7f, 7f, 1f};  // index 0 is padding
        // predictions: 2 (tied with 3, below 1: rank 3), then 1 (rank 1); 4 (rank 4)
        List<int[]> sessions = List.of(new int[] {4, 2, 1}, new int[] {3, 4});

        RankMetrics metrics = PopularityBaseline.evaluate(counts, sessions, Ranks.TieMode.CONSERVATIVE);

        assertThat(metrics.predictions()).isEqualTo(3);
        assertThat(metrics.recall(1)).isEqualTo(1 / 3.0);
        assertThat(metrics.recall(5)).isEqualTo(1.0);
        assertThat(metrics.mrr(5)).isCloseTo((1 / 3.0 + 1 + 1 / 4.0) / 3, within(1e-12));
    }
}
