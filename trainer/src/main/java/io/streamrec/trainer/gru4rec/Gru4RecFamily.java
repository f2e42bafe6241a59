package io.streamrec.trainer.gru4rec;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.parity.TrainedScorer;
import java.util.List;
import java.util.Map;

/**
 * GRU4Rec (Hidasi et al., ICLR 2016; Hidasi &amp; Karatzoglou, CIKM 2018) as a {@link ModelFamily}. Evaluated as it
 * trains, sessions stepping in parallel; a history (a hold-out user's, a parity sample) is scored from the state after
 * all of it. Exports the sequence graph and the step graph.
 */
public final class Gru4RecFamily implements ModelFamily {
    /** Test sessions stepping in parallel during evaluation. */
    private static final int EVALUATION_BATCH = 256;

    @Override
    public String kind() {
        return "gru4rec";
    }

    @Override
    public String description() {
        return "GRU4Rec: session-parallel GRU with sampled cross-entropy or BPR-max (Hidasi et al. 2016, 2018)";
    }

    @Override
    public SettingGroup settings() {
        return Gru4RecConfig.SETTINGS;
    }

    @Override
    public TrainedModel train(EncodedSplit data, Settings settings, TrainingContext context) {
        Gru4RecConfig config = Gru4RecConfig.from(settings);
        context.log().accept("GRU4Rec: " + config.describe());
        // session-parallel training needs a next click; a hold-out user with one training item has none
        List<int[]> sessions = data.train().sessions().stream().filter(s -> s.length >= 2).toList();
        Gru4RecModel model = new Gru4RecTrainer(config, context.log()).onProgress(context.progress())
                .train(sessions, data.catalogue().size(), data.catalogue().counts(), context.epochs());
        return new Trained(model, config, data.catalogue().vocabulary());
    }

    private record Trained(Gru4RecModel model, Gru4RecConfig config, List<String> vocabulary)
            implements TrainedModel {
        @Override
        public List<float[]> scores(List<int[]> histories, List<String> ids) {
            return histories.stream().map(h -> Gru4RecEvaluator.scoresAfter(model, h)).toList();
        }

        @Override
        public SessionPredictor predictor() {
            return Gru4RecEvaluator.predictor(model, EVALUATION_BATCH);
        }

        @Override
        public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
            return Gru4RecOnnxExporter.export(model, vocabulary, config, modelName, version, metrics);
        }

        @Override
        public TrainedScorer parityScorer() {
            return Gru4RecEvaluator.scorer(model);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
