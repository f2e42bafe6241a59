package io.streamrec.trainer.ai2v;

import io.streamrec.trainer.EngineThreads;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.EpochStats;
import io.streamrec.trainer.FamilyRequest;
import io.streamrec.trainer.ModelFamily;
import io.streamrec.trainer.ProgressListener;
import io.streamrec.trainer.TrainingResult;
import io.streamrec.trainer.eval.PopularityBaseline;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.item2vec.Item2VecConfig;
import io.streamrec.trainer.item2vec.Item2VecTrainer;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.data.ItemCatalogue;
import io.streamrec.trainer.item2vec.WindowEvaluator;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Attentive Item2Vec (Barkan et al., ICASSP 2020) as a {@link ModelFamily}. With {@code serving=two-stage} an
 * Item2Vec model (its default settings, this seed and L) is trained too, to propose the candidates AI2V re-ranks;
 * the metrics are then those of the served two-stage path, with the full-catalogue AI2V's under {@code full.}.
 */
public final class Ai2vFamily implements ModelFamily {
    private static final int EVALUATION_BATCH = 64;

    @Override
    public String kind() {
        return "ai2v";
    }

    @Override
    public String description() {
        return "Attentive Item2Vec: target-dependent multi-head attention over the session, optionally re-ranking"
                + " Item2Vec proposals (Barkan et al. 2020)";
    }

    @Override
    public Map<String, String> defaultSettings() {
        return Ai2vConfig.defaults().asMap();
    }

    @Override
    public TrainingResult train(FamilyRequest request, Consumer<String> log, ProgressListener bar) {
        EngineThreads.defaultToOne();
        Ai2vConfig config = Ai2vConfig.defaults().with(request.settings());
        log.accept("AI2V: " + config.describe());
        long started = System.nanoTime();
        EncodedSplit split = EncodedSplit.of(request.train(), request.test(), log);
        ItemCatalogue catalogue = split.catalogue();
        List<int[]> train = split.train();
        List<int[]> test = split.test();
        List<EpochStats> epochs = new ArrayList<>();
        Ai2vTables tables;
        try (Ai2vModel model = new Ai2vTrainer(config, log).onProgress(bar)
                .train(train, catalogue.size(), catalogue.counts(), epochs::add)) {
            tables = model.tables();
        }
        CandidateStage stage = null;
        if (config.serving() == Ai2vConfig.Serving.TWO_STAGE) {
            Item2VecConfig proposer = Item2VecConfig.defaults().with(Map.of("seed", Long.toString(config.seed()),
                    "sequence_length", Integer.toString(config.sequenceLength())));
            log.accept("two-stage: training the Item2Vec proposer (" + proposer.describe() + ")");
            stage = CandidateStage.of(new Item2VecTrainer(proposer, line -> { })
                    .train(train, catalogue.size(), catalogue.counts(), e -> { }), config.candidates());
        }
        Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (Ai2vScorer served = new Ai2vScorer(tables, stage, config.sequenceLength())) {
            if (!test.isEmpty()) {
                WindowEvaluator evaluator = new WindowEvaluator(config.sequenceLength(), EVALUATION_BATCH,
                        request.ties());
                RankMetrics own = evaluator.evaluate(served, test);
                metrics.putAll(own.asMap(""));
                if (stage != null) {
                    try (Ai2vScorer full = new Ai2vScorer(tables, null, config.sequenceLength())) {
                        metrics.putAll(evaluator.evaluate(full, test).asMap("full."));
                    }
                }
                RankMetrics popularity = PopularityBaseline.evaluate(catalogue.counts(), test,
                        request.ties());
                metrics.putAll(popularity.asMap("popularity."));
                log.accept(String.format("evaluated on %,d predictions: Recall@20 %.4f, MRR@20 %.4f"
                                + " (popularity %.4f / %.4f)", own.predictions(), own.recall(20), own.mrr(20),
                        popularity.recall(20), popularity.mrr(20)));
            }
            ModelBundle bundle = Ai2vOnnxExporter.export(tables, stage, catalogue.vocabulary(), config,
                    request.modelName(), request.version(), metrics);
            ParityReport parity = OnnxParityCheck.check(served.asTrainedScorer(), bundle,
                    OnnxParityCheck.samples(test.isEmpty() ? train : test, config.sequenceLength()));
            log.accept(String.format("ONNX parity on %d sequences (1..%d items): max |score difference| %.2e;"
                            + " bundle %s, %,d bytes", parity.rows(), parity.longestSequence(),
                    parity.maxAbsDifference(), bundle.manifest().label(), bundle.onnxModel().length));
            return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
        }
    }
}
