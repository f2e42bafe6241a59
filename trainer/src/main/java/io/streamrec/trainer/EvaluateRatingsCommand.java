package io.streamrec.trainer;

import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.useritem.RatingBaselines;
import io.streamrec.trainer.useritem.RatingCrossValidation;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "evaluate-ratings", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainerSettings.Options.class,
        description = {
            "Cross-validate rating models (k-fold: the ratings cut into --folds random parts, each tested once with the",
            "others for training; at 5 folds every split is 80/20) and print each model's RMSE and MAE, mean ± standard",
            "deviation over the folds, and its training time, next to the global-mean and bias baselines. Any family of",
            "the rating protocol runs (--model, comma-separated); its settings come from its defaults, the environment or",
            "config file, --params (each family's built-in set of that name, or a file) and --set KEY=VALUE (a key goes",
            "to the families that have it)."
        })
public final class EvaluateRatingsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    FamilySettingsOptions familySettings = new FamilySettingsOptions();

    @Override
    public Integer call() throws Exception {
        Settings options = TrainerSettings.values(spec);
        Path data = TrainerSettings.required(spec, options, TrainerSettings.DATA);
        List<UserItemFamily> families = families(options.get(TrainerSettings.RATING_MODELS));
        Map<String, Settings> settings = settings(families);
        log("reading " + data);
        Interactions ratings = DatasetReaders.readInteractions(data, options.get(TrainerSettings.FORMAT));
        log(ratings.toString());
        int folds = options.get(TrainerSettings.FOLDS);
        if (folds > ratings.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds " + folds + " is more than the "
                    + ratings.size() + " ratings in " + data);
        }
        List<RatingCrossValidation.Candidate> candidates = new ArrayList<>();
        RatingBaselines.ALL.forEach(b -> candidates.add(new RatingCrossValidation.Candidate(b.name(), b.fit())));
        TrainingContext quiet = TrainingContext.logging(line -> { });
        for (UserItemFamily family : families) {
            candidates.add(new RatingCrossValidation.Candidate(family.kind(),
                    train -> family.fit(train, settings.get(family.kind()), quiet)));
        }
        boolean validation = options.get(TrainerSettings.RATING_VALIDATION);
        List<RatingCrossValidation.Result> results = RatingCrossValidation.run(ratings, folds,
                options.get(TrainerSettings.FOLD_SEED), validation, candidates, this::log);
        System.out.print(table(results, folds, validation));
        Path json = options.get(TrainerSettings.JSON_FILE);
        if (json != null) {
            Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                    report(data, ratings, options, validation, results, settings)));
            log("wrote " + json);
        }
        return 0;
    }

    /** The families --model names; a usage error for an unknown one or one of another protocol. */
    private List<UserItemFamily> families(String models) {
        try {
            return choose(models, ModelFamilies.userItem());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The rating families of {@code registered} that {@code models} (comma-separated kinds) names, each once.
     *
     * @throws IllegalArgumentException naming an unknown kind, or one of a ranking family
     */
    static List<UserItemFamily> choose(String models, List<UserItemFamily> registered) {
        List<String> ratingKinds = registered.stream().filter(f -> f.protocol() == UserItemFamily.Protocol.RATINGS)
                .map(UserItemFamily::kind).toList();
        List<UserItemFamily> chosen = new ArrayList<>();
        for (String kind : Arrays.stream(models.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList()) {
            UserItemFamily family = registered.stream().filter(f -> f.kind().equalsIgnoreCase(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown rating model '" + kind + "'; one of "
                            + ratingKinds));
            if (family.protocol() != UserItemFamily.Protocol.RATINGS) {
                throw new IllegalArgumentException("'" + kind + "' is a ranking model, which predicts no ratings;"
                        + " evaluate-ratings runs " + ratingKinds);
            }
            if (!chosen.contains(family)) {
                chosen.add(family);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--model names no model; give one or more of " + ratingKinds);
        }
        return chosen;
    }

    /** Each family's settings; a --set key that none of them has is refused rather than ignored. */
    private Map<String, Settings> settings(List<UserItemFamily> families) {
        for (String key : familySettings.assignments().keySet()) {
            if (families.stream().noneMatch(f -> f.settings().find(key).isPresent())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--set " + key + ": no setting of "
                        + families.stream().map(UserItemFamily::kind).toList());
            }
        }
        Map<String, Settings> out = new LinkedHashMap<>();
        families.forEach(f -> out.put(f.kind(), familySettings.resolveAmong(f)));
        return out;
    }

    static String table(List<RatingCrossValidation.Result> results, int folds, boolean validation) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%d-fold cross-validation%s, mean ± std"
                + " over folds; training time of all folds%n%-14s %-17s %-17s %9s %9s%n", folds,
                validation ? " (on validation parts)" : "", "model", "RMSE", "MAE", "wall s", "CPU s"));
        for (RatingCrossValidation.Result r : results) {
            out.append(String.format(Locale.ROOT, "%-14s %-17s %-17s %9.2f %9.2f%n", r.name(), r.rmse(), r.mae(),
                    r.totalSeconds(), r.totalCpuSeconds()));
        }
        return out.toString();
    }

    private static Map<String, Object> report(Path data, Interactions ratings, Settings options, boolean validation,
                                              List<RatingCrossValidation.Result> results,
                                              Map<String, Settings> settings) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("data", data.toString());
        report.put("ratings", ratings.size());
        report.put("users", ratings.userCount());
        report.put("items", ratings.itemCount());
        report.put("folds", options.get(TrainerSettings.FOLDS));
        report.put("seed", options.get(TrainerSettings.FOLD_SEED));
        report.put("validation", validation);
        Map<String, Object> models = new LinkedHashMap<>();
        for (RatingCrossValidation.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rmse", Map.of("mean", r.rmse().mean(), "std", r.rmse().std()));
            m.put("mae", Map.of("mean", r.mae().mean(), "std", r.mae().std()));
            m.put("trainingSeconds", r.totalSeconds());
            m.put("folds", r.folds().stream().map(e -> Map.of("rmse", e.rmse(), "mae", e.mae(),
                    "ratings", e.ratings())).toList());
            m.put("trainingCpuSeconds", r.totalCpuSeconds());
            m.put("foldSeconds", r.seconds());
            m.put("foldCpuSeconds", r.cpuSeconds());
            if (settings.containsKey(r.name())) {
                m.put("settings", settings.get(r.name()).asStrings());
            }
            models.put(r.name(), m);
        }
        report.put("models", models);
        return report;
    }

    private void log(String line) {
        System.out.println("[evaluate-ratings] " + line);
    }
}
