package io.streamrec.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionBaselinesTest {
    // items 1..5; training sessions as indices
    private static final List<int[]> TRAIN = List.of(
            new int[] {1, 2, 3},
            new int[] {1, 2, 4},
            new int[] {1, 3},
            new int[] {2, 3, 2});

    @Test
    void markovCountsDirectSuccessorsOfTheLastItemOnly() {
        MarkovBaseline markov = new MarkovBaseline(5, TRAIN);

        SparseScores after1 = markov.next(1);
        assertThat(after1.score(2)).isEqualTo(2.0);
        assertThat(after1.score(3)).isEqualTo(1.0);
        assertThat(after1.score(4)).isZero();
        SparseScores after2 = markov.next(2);   // 2→3 twice, 2→4 once
        assertThat(after2.score(3)).isEqualTo(2.0);
        assertThat(after2.score(4)).isEqualTo(1.0);
        assertThat(markov.next(5).size()).isZero();
        assertThat(markov.transitions()).isEqualTo(5); // 1→2, 1→3, 2→3, 2→4, 3→2
    }

    @Test
    void sequentialRulesWeighPairsByOneOverTheirDistance() {
        SequentialRulesBaseline sr = new SequentialRulesBaseline(5, TRAIN, 2);

        SparseScores after1 = sr.next(1);
        // 1→2: d=1 twice = 2; 1→3: d=2 in session 1, d=1 in session 3 = 1.5; 1→4: d=2 = 0.5
        assertThat(after1.score(2)).isCloseTo(2.0, within(1e-12));
        assertThat(after1.score(3)).isCloseTo(1.5, within(1e-12));
        assertThat(after1.score(4)).isCloseTo(0.5, within(1e-12));
        // window 1 is the Markov chain
        assertThat(new SequentialRulesBaseline(5, TRAIN, 1).next(1).score(3)).isEqualTo(1.0);
    }

    @Test
    void sessionKnnScoresItemsBySummedCosineSimilarityOfNeighboursSharingAnItem() {
        // by recency: the last session is the most recent
        List<int[]> pool = List.of(new int[] {1, 2}, new int[] {1, 3, 4}, new int[] {5});
        SessionKnnBaseline knn = new SessionKnnBaseline(5, pool, 10, 0);

        SparseScores scores = knn.next(1);

        // current {1}: sim to {1,2} = 1/sqrt(2), to {1,3,4} = 1/sqrt(3), to {5} none
        assertThat(scores.score(2)).isCloseTo(1 / Math.sqrt(2), within(1e-9));
        assertThat(scores.score(3)).isCloseTo(1 / Math.sqrt(3), within(1e-9));
        assertThat(scores.score(1)).isCloseTo(1 / Math.sqrt(2) + 1 / Math.sqrt(3), within(1e-9));
        assertThat(scores.score(5)).isZero();

        SparseScores afterTwo = knn.next(3); // current {1,3}: {1,2} 1/2, {1,3,4} 2/sqrt(6)
        assertThat(afterTwo.score(4)).isCloseTo(2 / Math.sqrt(6), within(1e-9));
        knn.reset();
        assertThat(knn.next(5).score(1)).isZero();
    }

    @Test
    void sessionKnnKeepsOnlyTheKMostSimilarNeighbours() {
        List<int[]> pool = List.of(new int[] {1, 2}, new int[] {1, 3, 4, 5});
        SessionKnnBaseline knn = new SessionKnnBaseline(5, pool, 1, 0);

        SparseScores scores = knn.next(1);

        assertThat(scores.score(2)).isCloseTo(1 / Math.sqrt(2), within(1e-9));
        assertThat(scores.score(3)).isZero(); // {1,3,4,5} (1/2) is not among the top 1
    }

    @Test
    void evaluatorPredictsEveryClickAfterTheFirstWithTheStateResetPerSession() {
        MarkovBaseline markov = new MarkovBaseline(5, TRAIN);
        List<int[]> test = List.of(new int[] {1, 2, 3}, new int[] {2, 4});

        RankMetrics metrics = BaselineEvaluator.evaluate(markov, 5, test, Ranks.TieMode.CONSERVATIVE);

        // 1→2: rank 1; 2→3: rank 1; 2→4: rank 2
        assertThat(metrics.predictions()).isEqualTo(3);
        assertThat(metrics.recall(1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.mrr(5)).isCloseTo((1 + 1 + 0.5) / 3, within(1e-12));
    }

    @Test
    void popularityTieBreakOrdersEqualRulesAndTheUnscoredItemsByClicks() {
        // item 4 followed 1 as often as item 3 did; 4 is the more popular
        List<int[]> train = List.of(new int[] {1, 3}, new int[] {1, 4}, new int[] {4, 5}, new int[] {2, 5});
        float[] clicks = {0, 2, 1, 1, 2, 2};
        MarkovBaseline plain = new MarkovBaseline(5, train);
        MarkovBaseline byPopularity = new MarkovBaseline(5, train, TieBreak.POPULARITY.weights(clicks));
        PopularityOrder order = new PopularityOrder(clicks);

        // conservative ties: 3 and 4 tie, each ranks 2 without a tie-break
        assertThat(plain.next(1).rank(5, 4, Ranks.TieMode.CONSERVATIVE)).isEqualTo(2);
        assertThat(byPopularity.next(1).rank(5, 4, Ranks.TieMode.CONSERVATIVE)).isEqualTo(1);
        assertThat(byPopularity.next(1).rank(5, 3, Ranks.TieMode.CONSERVATIVE)).isEqualTo(2);
        // unscored items after 1 are 1, 2, 5 (clicks 2, 1, 2): without a fallback all tie at rank 5
        assertThat(plain.next(1).rank(5, 2, Ranks.TieMode.CONSERVATIVE)).isEqualTo(5);
        // with it, 2 ranks behind the scored 3, 4 and the more clicked 1 and 5
        assertThat(plain.next(1).rank(5, 2, Ranks.TieMode.CONSERVATIVE, order)).isEqualTo(5);
        // 5 ties with 1 (2 clicks each): conservative 4, optimistic 3
        assertThat(plain.next(1).rank(5, 5, Ranks.TieMode.CONSERVATIVE, order)).isEqualTo(4);
        assertThat(plain.next(1).rank(5, 5, Ranks.TieMode.OPTIMISTIC, order)).isEqualTo(3);
    }

    @Test
    void popularityOrderCountsMoreAndEquallyClickedItems() {
        PopularityOrder order = new PopularityOrder(new float[] {0, 5, 3, 3, 9, 1});

        assertThat(order.moreClicked(4)).isZero();
        assertThat(order.moreClicked(2)).isEqualTo(2);
        assertThat(order.equallyClicked(2)).isEqualTo(1);
        assertThat(order.equallyClicked(1)).isZero();
        assertThat(order.moreClicked(5)).isEqualTo(4);
    }

    @Test
    void popularityBaselineRanksLikeTheDensePopularityEvaluation() {
        float[] counts = {0, 5, 3, 3, 9, 1};
        List<int[]> test = List.of(new int[] {1, 2, 3}, new int[] {4, 5, 1});

        RankMetrics sparse = BaselineEvaluator.evaluate(new PopularityScores(counts), 5, test,
                Ranks.TieMode.CONSERVATIVE);
        RankMetrics dense = PopularityBaseline.evaluate(counts, test, Ranks.TieMode.CONSERVATIVE);

        assertThat(sparse.asMap("")).isEqualTo(dense.asMap(""));
    }
}
