package io.streamrec.trainer.item2vec;

import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.data.ItemCatalogue;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.EpochStats;
import io.streamrec.trainer.FamilyRequest;
import io.streamrec.trainer.ModelFamily;
import io.streamrec.trainer.ProgressListener;
import io.streamrec.trainer.TrainingResult;
import io.streamrec.trainer.eval.PopularityBaseline;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Item2Vec (Barkan &amp; Koenigstein 2016) as a {@link ModelFamily}: train, evaluate, export, parity-check. */
public final class Item2VecFamily implements ModelFamily {
    static final int EVALUATION_BATCH = 64;

    @Override
    public String kind() {
        return "item2vec";
    }

    @Override
    public String description() {
        return "Item2Vec: skip-gram with negative sampling over sessions as sets, served by mean cosine similarity"
                + " to the last L items (Barkan & Koenigstein 2016)";
    }

    @Override
    public Map<String, String> defaultSettings() {
        return Item2VecConfig.defaults().asMap();
    }

    @Override
    public TrainingResult train(FamilyRequest request, Consumer<String> log, ProgressListener bar) {
        Item2VecConfig config = Item2VecConfig.defaults().with(request.settings());
        log.accept("Item2Vec: " + config.describe());
        long started = System.nanoTime();
        EncodedSplit split = EncodedSplit.of(request.train(), request.test(), log);
        ItemCatalogue catalogue = split.catalogue();
        List<int[]> train = split.train();
        List<int[]> test = split.test();
        List<EpochStats> epochs = new ArrayList<>();
        Item2VecModel model = new Item2VecTrainer(config, log).onProgress(bar)
                .train(train, catalogue.size(), catalogue.counts(), epochs::add);
        Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
        WindowScorer scorer = model.scorer();
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!test.isEmpty()) {
            RankMetrics own = new WindowEvaluator(config.sequenceLength(), EVALUATION_BATCH,
                    request.ties()).evaluate(scorer, test);
            RankMetrics popularity = PopularityBaseline.evaluate(catalogue.counts(), test, request.ties());
            metrics.putAll(own.asMap(""));
            metrics.putAll(popularity.asMap("popularity."));
            log.accept(String.format("evaluated on %,d predictions: Recall@20 %.4f, MRR@20 %.4f"
                            + " (popularity %.4f / %.4f)", own.predictions(), own.recall(20), own.mrr(20),
                    popularity.recall(20), popularity.mrr(20)));
        }
        ModelBundle bundle = Item2VecOnnxExporter.export(model, catalogue.vocabulary(), config, request.modelName(),
                request.version(), metrics);
        ParityReport parity = OnnxParityCheck.check(scorer.asTrainedScorer(), bundle,
                OnnxParityCheck.samples(test.isEmpty() ? train : test, config.sequenceLength()));
        log.accept(String.format("ONNX parity on %d sequences (1..%d items): max |score difference| %.2e;"
                        + " bundle %s, %,d bytes", parity.rows(), parity.longestSequence(), parity.maxAbsDifference(),
                bundle.manifest().label(), bundle.onnxModel().length));
        return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
    }
}
