package io.streamrec.trainer;

import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.data.ItemCatalogue;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.eval.PopularityBaseline;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.gru4rec.Gru4RecEvaluator;
import io.streamrec.trainer.gru4rec.Gru4RecModel;
import io.streamrec.trainer.gru4rec.Gru4RecOnnxExporter;
import io.streamrec.trainer.gru4rec.Gru4RecTrainer;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Train → evaluate → export → parity check: everything between data and a publishable bundle. Nothing leaves this
 * method unless ONNX Runtime reproduces the trained model.
 */
public final class TrainingJob {
    private static final int EVALUATION_BATCH = 256;

    private TrainingJob() {
    }

    public static TrainingResult run(TrainingRequest request, Consumer<String> progress) {
        return run(request, progress, (epoch, fraction) -> { });
    }

    /** As {@link #run(TrainingRequest, Consumer)}, with a listener for a within-epoch progress bar. */
    public static TrainingResult run(TrainingRequest request, Consumer<String> progress,
                                     ProgressListener bar) {
        EngineThreads.defaultToOne();
        long started = System.nanoTime();
        EncodedSplit split = EncodedSplit.of(request.train(), request.test(), progress);
        ItemCatalogue items = split.catalogue();
        List<int[]> train = split.train();
        List<int[]> test = split.test();
        Gru4RecTrainer trainer = new Gru4RecTrainer(request.config(), progress).onProgress(bar);
        List<EpochStats> epochs = new ArrayList<>();
        try (Gru4RecModel model = trainer.train(train, items.size(), items.counts(), epochs::add)) {
            Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (!test.isEmpty()) {
                RankMetrics gru = new Gru4RecEvaluator(EVALUATION_BATCH, request.ties()).evaluate(model, test);
                RankMetrics popularity = PopularityBaseline.evaluate(items.counts(), test, request.ties());
                metrics.putAll(gru.asMap(""));
                metrics.putAll(popularity.asMap("popularity."));
                progress.accept(String.format("evaluated on %,d predictions: Recall@20 %.4f, MRR@20 %.4f"
                                + " (popularity %.4f / %.4f)", gru.predictions(), gru.recall(20), gru.mrr(20),
                        popularity.recall(20), popularity.mrr(20)));
            }
            ModelBundle bundle = Gru4RecOnnxExporter.export(model, items.vocabulary(), request.config(),
                    request.modelName(), request.version(), metrics);
            List<int[]> samples = OnnxParityCheck.samples(test.isEmpty() ? train : test,
                    request.config().sequenceLength());
            ParityReport parity = OnnxParityCheck.check(Gru4RecEvaluator.scorer(model), bundle, samples);
            progress.accept(String.format("ONNX parity on %d sequences (1..%d items): max |score difference| %.2e;"
                            + " bundle %s, %,d bytes", parity.rows(), parity.longestSequence(),
                    parity.maxAbsDifference(), bundle.manifest().label(), bundle.onnxModel().length));
            return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
        }
    }
}
