package io.streamrec.trainer.gru4rec;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Gru4RecFamilyTest {

    @Test
    void trainsAModelThatClearlyBeatsPopularityAndExportsAServableBundle() throws Exception {
        SessionDataset.Split split = SyntheticSessions.generate(new SyntheticSessions.Config(200, 3000, 3)).split(0.1);
        List<String> progress = new ArrayList<>();
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EPOCHS, 3).with(HIDDEN_SIZE, 48).with(EMBEDDING, 32);
        TrainingResult result = TrainingPipeline.run(new Gru4RecFamily(), new TrainingRequest(split.train(),
                split.test(), config.asMap(), "gru4rec", 7), line -> {
                    progress.add(line);
                    System.out.println(line);
                });

        assertThat(result.metrics().get("recall@20")).isGreaterThan(result.metrics().get("popularity.recall@20") + 0.2);
        assertThat(result.metrics().get("mrr@20")).isGreaterThan(result.metrics().get("popularity.mrr@20"));
        assertThat(result.parity().maxAbsDifference()).isLessThan(1e-4);
        assertThat(result.bundle().manifest().version()).isEqualTo(7);
        assertThat(result.bundle().manifest().kind()).isEqualTo("gru4rec");
        assertThat(progress).anyMatch(line -> line.startsWith("epoch 3/3"));
        try (OnnxModel served = OnnxModel.load(ModelBundleCodec.decode(ModelBundleCodec.encode(result.bundle())),
                ScoringOptions.cpu())) {
            assertThat(served.recommend(split.test().sessions().get(0).items())).hasSize(20);
        }
    }
}
