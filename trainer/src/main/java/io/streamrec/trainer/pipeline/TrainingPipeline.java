package io.streamrec.trainer.pipeline;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.engine.EngineThreads;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import io.streamrec.trainer.parity.TrainedScorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Everything between session data and a publishable bundle, the same for every family: encode the split with the
 * training items' catalogue, train the family, evaluate the model and the baselines on the held-out sessions by the
 * session protocol, export the bundle and check that ONNX Runtime reproduces the trained model. Nothing leaves
 * {@link #run} unless it does.
 */
public final class TrainingPipeline {
    private TrainingPipeline() {
    }

    public static TrainingResult run(ModelFamily family, TrainingRequest request, Consumer<String> log) {
        return run(family, request, log, ProgressListener.NONE);
    }

    /** As {@link #run(ModelFamily, TrainingRequest, Consumer)}, with a listener for a within-epoch progress bar. */
    public static TrainingResult run(ModelFamily family, TrainingRequest request, Consumer<String> log,
                                     ProgressListener bar) {
        Settings settings = family.settings().resolve(request.settings());
        EngineThreads.defaultToOne();
        long started = System.nanoTime();
        EncodedSplit data = EncodedSplit.of(request.train(), request.test(), log);
        List<EpochStats> epochs = new ArrayList<>();
        TrainingContext context = TrainingContext.recording(log, bar, epochs);
        try (TrainedModel model = family.train(data, settings, context)) {
            Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Double> metrics = evaluate(model, data, request, log);
            ModelBundle bundle = model.export(request.modelName(), request.version(), metrics);
            ParityReport parity = checkParity(model, bundle, data, log);
            return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
        }
    }

    /** The model's metrics (unprefixed), its other serving paths' and each baseline's (prefixed); none without a test set. */
    private static Map<String, Double> evaluate(TrainedModel model, EncodedSplit data, TrainingRequest request,
                                                Consumer<String> log) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        EncodedSplit.Part test = data.test();
        if (test.isEmpty()) {
            return metrics;
        }
        RankMetrics own = model.predictor().evaluate(test.sessions(), test.ids(), request.ties());
        metrics.putAll(own.asMap(""));
        model.alsoEvaluated().forEach((prefix, predictor) ->
                metrics.putAll(predictor.evaluate(test.sessions(), test.ids(), request.ties()).asMap(prefix)));
        List<String> beside = new ArrayList<>();
        for (Baseline baseline : request.baselines()) {
            RankMetrics m = baseline.evaluate(data, request.ties());
            metrics.putAll(m.asMap(baseline.name() + "."));
            beside.add(String.format("%s %.4f / %.4f", baseline.name(), m.recall(20), m.mrr(20)));
        }
        log.accept(String.format("evaluated on %,d predictions: Recall@20 %.4f, MRR@20 %.4f%s", own.predictions(),
                own.recall(20), own.mrr(20), beside.isEmpty() ? "" : beside.stream()
                        .collect(Collectors.joining(", ", " (", ")"))));
        return metrics;
    }

    /**
     * Parity on samples of every length 1..L cut from the held-out sessions (the training ones without a test set),
     * each scored for the user the model chooses (anonymous unless it has users).
     */
    private static ParityReport checkParity(TrainedModel model, ModelBundle bundle, EncodedSplit data,
                                            Consumer<String> log) {
        List<int[]> source = data.test().isEmpty() ? data.train().sessions() : data.test().sessions();
        List<int[]> samples = OnnxParityCheck.samples(source, bundle.manifest().sequenceLength());
        return checkParity(model.parityScorer(), bundle, samples, model.parityUsers(samples.size()), log);
    }

    /** The parity check of {@code samples}, row i scored for {@code users.get(i)}, with its log line. */
    static ParityReport checkParity(TrainedScorer scorer, ModelBundle bundle, List<int[]> samples, List<String> users,
                                    Consumer<String> log) {
        ParityReport parity = OnnxParityCheck.check(scorer, bundle, samples, users);
        log.accept(String.format("ONNX parity on %d sequences (1..%d items%s): max |score difference| %.2e;"
                        + " bundle %s, %,d bytes", parity.rows(), parity.longestSequence(),
                users.stream().anyMatch(Objects::nonNull) ? ", known and unknown users" : "",
                parity.maxAbsDifference(), bundle.manifest().label(), bundle.onnxModel().length));
        return parity;
    }
}
