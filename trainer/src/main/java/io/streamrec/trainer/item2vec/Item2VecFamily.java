package io.streamrec.trainer.item2vec;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.eval.HistoryScorer;
import io.streamrec.trainer.family.DeclaredFamily;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecModel;
import io.streamrec.trainer.skipgram.Item2VecTrainer;
import java.util.List;
import java.util.Map;

/**
 * Item2Vec (Barkan &amp; Koenigstein 2016) as a {@link ModelFamily}: skip-gram item vectors, a history scored by the
 * mean cosine similarity of every item to its last L items.
 */
public final class Item2VecFamily extends DeclaredFamily<Item2VecConfig> {
    public Item2VecFamily() {
        super("Item2Vec",
                "Item2Vec: skip-gram with negative sampling over sessions as sets, served by mean cosine similarity"
                + " to the last L items (Barkan & Koenigstein 2016)", Item2VecConfig.SETTINGS, Item2VecConfig::from);
    }

    @Override
    protected TrainedModel train(EncodedSplit data, Item2VecConfig config, TrainingContext context) {
        Item2VecModel model = new Item2VecTrainer(config, context.log()).onProgress(context.progress())
                .train(data.train().sessions(), data.catalogue().size(), data.catalogue().counts(), context.epochs());
        return new Trained(model, model.scorer().lastItems(config.sequenceLength()), config,
                data.catalogue().vocabulary());
    }

    /** Plain Java arrays: nothing to close. */
    private record Trained(Item2VecModel model, HistoryScorer scorer, Item2VecConfig config,
                           List<String> vocabulary) implements TrainedModel {
        @Override
        public List<float[]> scores(List<int[]> histories, List<String> ids) {
            return scorer.scores(histories, ids);
        }

        @Override
        public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
            return Item2VecOnnxExporter.export(model, vocabulary, config, modelName, version, metrics);
        }
    }
}
