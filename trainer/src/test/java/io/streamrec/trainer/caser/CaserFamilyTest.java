package io.streamrec.trainer.caser;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.ModelFamilies;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaserFamilyTest {
    @Test
    void trainOnAnonymousSessionsBeatsPopularityByTheSessionProtocolAndExportsAParityCheckedBundle() {
        SessionDataset.Split data = SyntheticSessions.generate(new SyntheticSessions.Config(100, 2000, 5)).split(0.1);
        Map<String, String> settings = new LinkedHashMap<>();
        // sessions are short: a window at every position; otherwise the paper's loss, smaller and faster
        settings.putAll(Map.of("windows", "all", "epochs", "4", "embedding_size", "32", "batch_size", "128",
                "learning_rate", "0.02", "dropout", "0.2"));
        TrainingResult result = TrainingPipeline.run(ModelFamilies.byKind("caser"), new TrainingRequest(data.train(),
                data.test(), settings, "caser", 1), line -> { });

        assertThat(result.epochs()).hasSize(4);
        assertThat(result.epochs().get(3).meanLoss()).isLessThan(result.epochs().get(0).meanLoss() * 0.95);
        Map<String, Double> m = result.metrics();
        // measured: Recall@20 0.70 against popularity's 0.43
        assertThat(m.get("recall@20")).isGreaterThan(m.get("popularity.recall@20") + 0.15);
        assertThat(m.get("mrr@20")).isGreaterThan(m.get("popularity.mrr@20"));
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-4);
        assertThat(result.bundle().users()).isEmpty();
        assertThat(result.bundle().manifest().training()).containsEntry("windows", "all");
    }

    @Test
    void withSessionIdsAsUsersTheUserVocabularyTravelsInTheBundle() {
        SessionDataset users = CaserTrainingTest.cyclingUsers(40, 3);
        Map<String, String> settings = new LinkedHashMap<>(CaserTrainingTest.small(2).asMap());
        settings.put("user_source", "session_id");
        TrainingResult result = TrainingPipeline.run(new CaserFamily(), new TrainingRequest(users,
                SessionDataset.of(java.util.List.of()), settings, "caser", 2), line -> { });
        assertThat(result.bundle().users()).hasSize(40).contains("user0", "user39");
        assertThat(result.metrics()).isEmpty();
        assertThat(result.parity().rows()).isEqualTo(64);
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-4);
    }
}
