package io.streamrec.trainer.gru4rec;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.family.DeclaredFamily;
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
public final class Gru4RecFamily extends DeclaredFamily<Gru4RecConfig> {
    /** Test sessions stepping in parallel during evaluation. */
    private static final int EVALUATION_BATCH = 256;

    public Gru4RecFamily() {
        super("GRU4Rec",
                "GRU4Rec: session-parallel GRU with sampled cross-entropy or BPR-max (Hidasi et al. 2016, 2018)",
                Gru4RecConfig.SETTINGS, Gru4RecConfig::from);
    }

    @Override
    protected TrainedModel train(EncodedSplit data, Gru4RecConfig config, TrainingContext context) {
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
