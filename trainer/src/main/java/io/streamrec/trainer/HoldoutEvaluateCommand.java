package io.streamrec.trainer;

import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.eval.holdout.HoldoutEvaluator;
import io.streamrec.trainer.eval.holdout.HoldoutMetrics;
import io.streamrec.trainer.eval.holdout.HoldoutProtocol;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.pipeline.HoldoutRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "evaluate-holdout", mixinStandardHelpOptions = true,
        sortOptions = false, modelTransformer = TrainerSettings.Options.class,
        description = {
            "Train and evaluate a model by the per-user hold-out protocol of Caser's paper (Tang & Wang, WSDM 2018):",
            "every rating an implicit interaction, users and items with fewer than --min-interactions dropped (to a",
            "fixed point), each user's interactions in time order split into the first --train-fraction for training",
            "and the rest for testing (test items unseen in training dropped); all items ranked for each user with the",
            "user's training items removed; Prec@1/5/10, Recall@1/5/10 and MAP over the full ranking. Popularity is",
            "always reported beside the model."
        })
public final class HoldoutEvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    FamilySettingsOptions familySettings = new FamilySettingsOptions();

    private ReportOutput reportOutput;

    @Override
    public Integer call() throws Exception {
        Settings options = TrainerSettings.values(spec);
        reportOutput = new ReportOutput(options.get(TrainerSettings.JSON));
        Path data = TrainerSettings.required(spec, options, TrainerSettings.DATA);
        String model = options.get(TrainerSettings.HOLDOUT_MODEL);
        ModelFamily family = model.trim().equalsIgnoreCase("popularity") ? null : family(model);
        Settings resolved = family == null ? null : familySettings.resolve(family, Map.of());
        log("reading " + data);
        boolean validation = options.get(TrainerSettings.VALIDATION);
        HoldoutProtocol protocol = new HoldoutProtocol(options.get(TrainerSettings.MIN_INTERACTIONS),
                options.get(TrainerSettings.TRAIN_FRACTION), validation);
        HoldoutSplit split = HoldoutSplit.of(DatasetReaders.read(data, options.get(TrainerSettings.FORMAT)), protocol);
        log((validation ? "validation split: " : "split: ") + split.describe());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", protocol);
        report.put("split", Map.of("users", split.userCount(), "items", split.itemCount(),
                "trainInteractions", split.trainInteractions(), "testInteractions", split.testInteractions()));
        HoldoutMetrics popularity = HoldoutEvaluator.evaluate(split, HoldoutEvaluator.popularity(split));
        log("popularity: " + popularity.describe());
        report.put("popularity", popularity.asMap(""));
        if (family != null) {
            train(family, resolved, split, report, options.get(TrainerSettings.EVALUATE_EVERY));
        }
        if (reportOutput.json()) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        return 0;
    }

    private ModelFamily family(String model) {
        try {
            return ModelFamilies.byKind(model);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " or popularity");
        }
    }

    private void train(ModelFamily family, Settings settings, HoldoutSplit split, Map<String, Object> report,
                       int evaluateEvery) {
        long started = System.nanoTime();
        HoldoutRun.Result result = HoldoutRun.run(family, settings.asStrings(), split, this::log, evaluateEvery);
        double seconds = (System.nanoTime() - started) / 1e9;
        log(family.kind() + ": " + result.metrics().describe());
        report.put(family.kind(), result.metrics().asMap(""));
        report.put("settings", settings.asStrings());
        report.put("seconds", seconds);
        report.put("epochs", result.epochs());
        report.put("evaluations", result.evaluations().stream().map(m -> m.asMap("")).toList());
        double perEpoch = result.epochs().stream().mapToDouble(EpochStats::seconds).average().orElse(0);
        log(String.format("%.1f s in all, %.2f s per epoch", seconds, perEpoch));
    }

    private void log(String line) {
        reportOutput.log("holdout", line);
    }
}
