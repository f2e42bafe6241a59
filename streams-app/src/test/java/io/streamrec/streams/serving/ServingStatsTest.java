package io.streamrec.streams.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;

import io.streamrec.model.TestBundles;
import io.streamrec.streams.accuracy.AnswerRole;
import io.streamrec.streams.accuracy.ModelAccuracy;
import io.streamrec.streams.deadletter.DeadLetterCause;
import io.streamrec.streams.session.ServedList;
import io.streamrec.streams.session.StableHash;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ServingStatsTest {

    @Test
    void splitsAnswersByWhereTheyCameFromOnStatsAndOnTheRegistry() {
        ServingStats stats = new ServingStats(20);
        stats.recommended("gru4rec", AnswerSource.MODEL, "gru4rec", 3);
        stats.recommended("gru4rec", AnswerSource.MODEL, "gru4rec", 3);
        stats.recommended("gru4rec", AnswerSource.NO_MODEL, "popularity", 0);
        stats.recommended("gru4rec", AnswerSource.UNKNOWN_ITEMS, "popularity", 0);
        stats.recommended("gru4rec", AnswerSource.INFERENCE_ERROR, "popularity", 0);
        assertThat(stats.recommendationsOut()).isEqualTo(5);
        assertThat(stats.modelRecommendations()).isEqualTo(2);
        assertThat(stats.popularityRecommendations()).isEqualTo(3);
        assertThat(stats.snapshot()).containsEntry("popularityUnknownItems", 1L).containsEntry("modelRecommendations", 2L);

        assertThat(stats.registry().get("streamrec.recommendations.out").tags("source", "popularity").counters())
                .extracting(Counter::count).containsExactlyInAnyOrder(1.0, 1.0, 1.0);
        assertThat(stats.registry().scrape()).contains("streamrec_recommendations_out_total{fallback=\"none\","
                + "line=\"gru4rec\",model=\"gru4rec\",source=\"model\",version=\"3\"} 2.0");
    }

    @Test
    void countsDeadLettersByReasonClass() {
        ServingStats stats = new ServingStats(20);
        stats.deadLettered(DeadLetterCause.UNPARSEABLE);
        stats.deadLettered(DeadLetterCause.UNPARSEABLE);
        stats.deadLettered(DeadLetterCause.TOO_LARGE);
        assertThat(stats.deadLetteredCount()).isEqualTo(3);
        assertThat(stats.snapshot()).containsEntry("deadLettered", 3L).containsEntry("deadLetteredByReason",
                Map.of("too_large", 1L, "unparseable", 2L, "invalid", 0L, "output_too_large", 0L));
        assertThat(stats.registry().scrape()).contains("streamrec_dead_letters_total{reason=\"unparseable\"} 2.0");
    }

    @Test
    void publishesProcessingTimePercentilesAndRefusesOnesItDoesNotPublish() {
        ServingStats stats = new ServingStats(20);
        assertThat(stats.processingMicrosPercentile(99)).isZero();
        for (int micros = 1; micros <= 1_000; micros++) {
            stats.processed(micros * 1_000L);
        }
        // two significant digits: within 1 % of the exact nearest-rank figure
        assertThat(stats.processingMicrosPercentile(50)).isCloseTo(500, Offset.offset(6L));
        assertThat(stats.processingMicrosPercentile(99)).isCloseTo(990, Offset.offset(11L));
        assertThat(stats.processingMicrosPercentile(99.9)).isCloseTo(999, Offset.offset(11L));
        assertThat(stats.snapshot()).containsKeys("processingMicrosP50", "processingMicrosP99", "processingMicrosP999");
        assertThatThrownBy(() -> stats.processingMicrosPercentile(90)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stats.registry().scrape()).contains("streamrec_processing_seconds{quantile=\"0.999\"}")
                .contains("streamrec_processing_seconds_count 1000");
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
        stats.bundleRefused(RefusalCause.INVALID);
        stats.bundleRefused(RefusalCause.STALE_VERSION);
        stats.watcherFailed();

        assertThat(stats.snapshot()).containsEntry("refusedBundles", 2L).containsEntry("watcherFailures", 1L);
        assertThat(stats.registry().scrape()).contains("streamrec_bundles_refused_total{reason=\"stale_version\"} 1.0")
                .contains("streamrec_model_watcher_failures_total 1.0");
        assertThat(stats.oneLine()).contains("refused bundles 2, watcher failures 1,");
    }

    @Test
    void snapshotCarriesEachLinesModelAndAnswersAndTheOnlineAccuracyPerRoleAndVersion() {
        ServingStats stats = new ServingStats(2);
        stats.modelInstalled(TestBundles.successorModel("gru4rec", 3, 3, 2, 2).manifest(), false);
        stats.modelInstalled(TestBundles.successorModel("caser", 1, 3, 2, 2).manifest(), false);
        stats.recommended("gru4rec", AnswerSource.MODEL, "gru4rec", 3);
        stats.recommended("caser", AnswerSource.NO_MODEL, "popularity", 0);
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
        assertThat(stats.registry().get("streamrec.online.hit.rate").tags("role", "main", "version", "3").gauge()
                .value()).isEqualTo(0.5);
        assertThat(stats.registry().get("streamrec.online.mrr").tags("role", "shadow", "model", "sasrec").gauge()
                .value()).isEqualTo(1.0);
        assertThat(stats.registry().get("streamrec.online.scored.events").tags("model", "gru4rec").functionCounter()
                .count()).isEqualTo(2.0);
    }

}
