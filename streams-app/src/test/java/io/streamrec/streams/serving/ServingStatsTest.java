package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.TestBundles;
import org.junit.jupiter.api.Test;

class ServingStatsTest {

    @Test
    void splitsAnswersByWhereTheyCameFrom() {
        ServingStats stats = new ServingStats();
        stats.recommended(AnswerSource.MODEL);
        stats.recommended(AnswerSource.MODEL);
        stats.recommended(AnswerSource.NO_MODEL);
        stats.recommended(AnswerSource.UNKNOWN_ITEMS);
        stats.recommended(AnswerSource.INFERENCE_ERROR);
        assertThat(stats.recommendationsOut()).isEqualTo(5);
        assertThat(stats.modelRecommendations()).isEqualTo(2);
        assertThat(stats.popularityRecommendations()).isEqualTo(3);
        assertThat(stats.snapshot()).containsEntry("popularityUnknownItems", 1L).containsEntry("modelRecommendations", 2L);
    }

    @Test
    void namesTheServingModelAndCountsOnlyReplacementsAsSwaps() {
        ServingStats stats = new ServingStats();
        assertThat(stats.servingModel()).isEqualTo("popularity");
        assertThat(stats.servingModelVersion()).isZero();
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 1, 3, 2, 2).manifest(), false);
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 2, 3, 2, 2).manifest(), true);
        assertThat(stats.servingModelVersion()).isEqualTo(2);
        assertThat(stats.modelLoads()).isEqualTo(2);
        assertThat(stats.modelSwaps()).isEqualTo(1);
    }

    @Test
    void latencyPercentilesAreNearestRankOverTheRecentSamples() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        assertThat(recorder.percentile(50)).isZero();
        for (int i = 1; i <= 100; i++) {
            recorder.record(i);
        }
        assertThat(recorder.percentile(50)).isEqualTo(50);
        assertThat(recorder.percentile(99)).isEqualTo(99);
        assertThat(recorder.percentile(100)).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            recorder.record(1_000);
        }
        assertThat(recorder.percentile(50)).as("older samples have rolled out").isEqualTo(1_000);
    }
}
