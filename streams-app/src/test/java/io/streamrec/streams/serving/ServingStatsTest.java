package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.TestBundles;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.accuracy.ModelAccuracy;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.StableHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServingStatsTest {

    @Test
    void splitsAnswersByWhereTheyCameFrom() {
        ServingStats stats = new ServingStats(20);
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
        ServingStats stats = new ServingStats(20);
        assertThat(stats.servingModel()).isEqualTo("popularity");
        assertThat(stats.servingModelVersion()).isZero();
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 1, 3, 2, 2).manifest(), false);
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 2, 3, 2, 2).manifest(), true);
        assertThat(stats.servingModelVersion()).isEqualTo(2);
        assertThat(stats.modelLoads()).isEqualTo(2);
        assertThat(stats.modelSwaps()).isEqualTo(1);
    }

    @Test
    void countsRefusedBundlesAndWatcherFailuresOnStatsAndInTheLogLine() {
        ServingStats stats = new ServingStats(20);
        stats.bundleRefused();
        stats.bundleRefused();
        stats.watcherFailed();

        assertThat(stats.snapshot()).containsEntry("refusedBundles", 2L).containsEntry("watcherFailures", 1L);
        assertThat(stats.oneLine()).contains("refused bundles 2, watcher failures 1,");
    }

    @Test
    void snapshotCarriesEachLinesModelAndAnswersAndTheOnlineAccuracyPerRoleAndVersion() {
        ServingStats stats = new ServingStats(2);
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 3, 3, 2, 2).manifest(), false);
        stats.modelInstalled(TestBundles.successorModel("caser", 1, 3, 2, 2).manifest(), false);
        stats.recommended("gru4rec", AnswerSource.MODEL);
        stats.recommended("caser", AnswerSource.NO_MODEL);
        ServedList gru = new ServedList("gru4rec", 3, new int[] {StableHash.fingerprint("a"),
                StableHash.fingerprint("b")});
        stats.clickScored(AnswerRole.MAIN, gru, "b");
        stats.clickScored(AnswerRole.MAIN, gru, "z");
        stats.clickScored(AnswerRole.SHADOW, new ServedList("sasrec", 1, new int[] {StableHash.fingerprint("z")}), "z");

        assertThat(stats.servingModel()).isEqualTo("caser v1 (test-last-item), gru4rec v3 (test-last-item)");
        Map<String, Object> snapshot = stats.snapshot();
        // /stats names every line's model, as /health does, not only the one installed last
        assertThat(snapshot).containsEntry("servingModel", "caser v1 (test-last-item), gru4rec v3 (test-last-item)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) snapshot.get("lines");
        assertThat(lines).extracting(l -> l.get("line")).containsExactly("caser", "gru4rec");
        assertThat(lines.get(0)).containsEntry("modelVersion", 1L).containsEntry("answers", 1L)
                .containsEntry("popularityAnswers", 1L);
        assertThat(snapshot.get("onlineAccuracy")).isEqualTo(List.of(
                new ModelAccuracy("main", "gru4rec", 3, 2, 2, 1, 0.5, 0.25),
                new ModelAccuracy("shadow", "sasrec", 1, 2, 1, 1, 1.0, 1.0)));
        assertThat(stats.oneLine()).contains("online HR@2/MRR@2: gru4rec v3 0.500/0.250 (2) shadow sasrec v1");
    }

}
