package io.streamrec.trainer;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.BundleEvaluator;
import io.streamrec.trainer.eval.RankMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainerSettings.Options.class,
        description = {
            "Evaluate a model bundle as the streams app serves it (ONNX Runtime, the app's serving rule: one step per",
            "event with a step graph), by the GRU4Rec protocol: Recall@K, MRR@K, NDCG@K for K in 1, 5, 10, 20."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "Bundle written by train --output.")
    Path bundle;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings options = TrainerSettings.values(spec);
        ReportOutput reportOutput = new ReportOutput(options.get(TrainerSettings.JSON));
        Path testData = TrainerSettings.required(spec, options, TrainerSettings.TEST_DATA);
        ModelBundle decoded = ModelBundleCodec.decode(Files.readAllBytes(bundle));
        SessionDataset test = io.streamrec.trainer.data.DatasetReaders.readTest(testData,
                options.get(TrainerSettings.FORMAT));
        long started = System.nanoTime();
        RankMetrics metrics;
        try (OnnxModel model = OnnxModel.load(decoded, new ScoringOptions(options.get(TrainerSettings.DEVICE), 1, 1))) {
            metrics = BundleEvaluator.evaluate(model, test);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (reportOutput.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", decoded.manifest().label());
            report.put("metrics", metrics.asMap(""));
            report.put("seconds", seconds);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            System.out.printf("%s on %,d predictions (%.1f s, %,.0f events/s through ONNX Runtime):%n",
                    decoded.manifest().label(), metrics.predictions(), seconds, metrics.predictions() / seconds);
            for (int k : RankMetrics.CUTOFFS) {
                System.out.printf("  Recall@%-2d %.4f   MRR@%-2d %.4f   NDCG@%-2d %.4f%n", k, metrics.recall(k), k,
                        metrics.mrr(k), k, metrics.ndcg(k));
            }
        }
        return 0;
    }
}
