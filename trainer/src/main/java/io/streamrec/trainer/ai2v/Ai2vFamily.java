package io.streamrec.trainer.ai2v;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.data.ItemCatalogue;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.family.DeclaredFamily;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecTrainer;
import java.util.List;
import java.util.Map;

/**
 * Attentive Item2Vec (Barkan et al., ICASSP 2020) as a {@link ModelFamily}. With {@code serving=two-stage} an
 * Item2Vec model (its default settings, this seed and L) is trained too, to propose the candidates AI2V re-ranks;
 * the metrics are then those of the served two-stage path, with the full-catalogue AI2V's under {@code full.}.
 */
public final class Ai2vFamily extends DeclaredFamily<Ai2vConfig> {
    public Ai2vFamily() {
        super("AI2V",
                "Attentive Item2Vec: target-dependent multi-head attention over the session, optionally re-ranking"
                + " Item2Vec proposals (Barkan et al. 2020)", Ai2vConfig.SETTINGS, Ai2vConfig::from);
    }

    @Override
    protected TrainedModel train(EncodedSplit data, Ai2vConfig config, TrainingContext context) {
        ItemCatalogue catalogue = data.catalogue();
        List<int[]> train = data.train().sessions();
        Ai2vTables tables;
        try (Ai2vModel model = new Ai2vTrainer(config, context.log()).onProgress(context.progress())
                .train(train, catalogue.size(), catalogue.counts(), context.epochs())) {
            tables = model.tables();
        }
        CandidateStage stage = null;
        if (config.serving() == Ai2vConfig.Serving.TWO_STAGE) {
            Item2VecConfig proposer = Item2VecConfig.defaults().with(Item2VecConfig.SEED, config.seed())
                    .with(Item2VecConfig.SEQUENCE_LENGTH, config.sequenceLength());
            context.log().accept("two-stage: training the Item2Vec proposer (" + proposer.describe() + ")");
            stage = CandidateStage.of(new Item2VecTrainer(proposer, line -> { })
                    .train(train, catalogue.size(), catalogue.counts(), e -> { }), config.candidates());
        }
        return new Trained(tables, stage, config, catalogue.vocabulary());
    }

    /** The served scorer (two-stage or full) and, for a two-stage model, the full-catalogue one beside it. */
    private static final class Trained implements TrainedModel {
        private static final int EVALUATION_BATCH = 64;

        private final Ai2vTables tables;
        private final CandidateStage stage;
        private final Ai2vConfig config;
        private final List<String> vocabulary;
        private final Ai2vScorer served;
        private Ai2vScorer full;

        Trained(Ai2vTables tables, CandidateStage stage, Ai2vConfig config, List<String> vocabulary) {
            this.tables = tables;
            this.stage = stage;
            this.config = config;
            this.vocabulary = vocabulary;
            this.served = new Ai2vScorer(tables, stage, config.sequenceLength());
        }

        @Override
        public List<float[]> scores(List<int[]> histories, List<String> ids) {
            return served.lastItems(config.sequenceLength()).scores(histories, ids);
        }

        @Override
        public Map<String, SessionPredictor> alsoEvaluated() {
            if (stage == null) {
                return Map.of();
            }
            if (full == null) {
                full = new Ai2vScorer(tables, null, config.sequenceLength());
            }
            return Map.of("full.", SessionPredictor.byPrefix(full.lastItems(config.sequenceLength()),
                    EVALUATION_BATCH));
        }

        @Override
        public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
            return Ai2vOnnxExporter.export(tables, stage, vocabulary, config, modelName, version, metrics);
        }

        @Override
        public void close() {
            served.close();
            if (full != null) {
                full.close();
            }
        }
    }
}
