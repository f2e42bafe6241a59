package io.streamrec.trainer;

import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.DatasetFormat;
import io.streamrec.trainer.data.DatasetReaders;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SessionPreprocessor;
import io.streamrec.trainer.eval.BaselineEvaluator;
import io.streamrec.trainer.data.ItemCatalogue;
import io.streamrec.trainer.eval.MarkovBaseline;
import io.streamrec.trainer.eval.PopularityOrder;
import io.streamrec.trainer.eval.PopularityScores;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.SequentialRulesBaseline;
import io.streamrec.trainer.eval.SessionBaseline;
import io.streamrec.trainer.eval.SessionKnnBaseline;
import io.streamrec.trainer.eval.TieBreak;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "baselines", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainerSettings.Options.class,
        description = {
            "Evaluate the non-neural baselines by the GRU4Rec protocol, as train evaluates GRU4Rec (every click after",
            "the first of a test session is a prediction, the state starts empty per test session, the next item is",
            "ranked against all training items, unscored items score 0): popularity, last-item Markov transitions,",
            "sequential rules (SR) and session-kNN (SKNN). Prints Recall@K, MRR@K and NDCG@K for K in 1, 5, 10, 20.",
            "Without --test-data the data's own split is used (sequence files), else the standard GRU4Rec",
            "preprocessing (see preprocess) is applied to --data."
        })
public final class BaselinesCommand implements Callable<Integer> {
    /** Every baseline, in table order. */
    public static final List<String> ALL = List.of("popularity", "markov", "sr", "sknn");

    @CommandLine.Spec
    CommandSpec spec;

    private Settings options;
    private ReportOutput reportOutput;

    /** What one baseline scored and how long it took (building and evaluating). */
    public record Outcome(String name, RankMetrics metrics, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        options = TrainerSettings.values(spec);
        reportOutput = new ReportOutput(options.get(TrainerSettings.JSON));
        TrainerSettings.required(spec, options, TrainerSettings.DATA);
        List<String> baselines = List.of(options.get(TrainerSettings.BASELINES).split(","));
        Ranks.TieMode ties = options.get(TrainerSettings.TIES);
        for (String b : baselines) {
            if (!ALL.contains(b.trim().toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown baseline '" + b + "'; one of " + ALL);
            }
        }
        SessionDataset.Split split = loadSplit();
        ItemCatalogue items = new ItemCatalogue(split.train());
        List<int[]> test = items.encode(split.test());
        log(String.format("%,d items, %,d training sessions (%,d clicks), %,d test sessions", items.size(),
                split.train().sessions().size(), split.train().eventCount(), test.size()));
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : ALL) {
            if (baselines.stream().noneMatch(b -> b.trim().equalsIgnoreCase(name))) {
                continue;
            }
            long started = System.nanoTime();
            SessionBaseline model = build(name, items, split.train());
            RankMetrics metrics = BaselineEvaluator.evaluate(model, items.size(), test, ties,
                    tieBreak() == TieBreak.POPULARITY ? new PopularityOrder(items.counts()) : null);
            Outcome outcome = new Outcome(name, metrics, (System.nanoTime() - started) / 1e9);
            outcomes.add(outcome);
            log(String.format("%s: Recall@20 %.4f, MRR@20 %.4f (%.1f s)", name, metrics.recall(20), metrics.mrr(20),
                    outcome.seconds()));
        }
        if (reportOutput.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("ties", ties.name().toLowerCase(Locale.ROOT));
            report.put("items", items.size());
            report.put("trainSessions", split.train().sessions().size());
            report.put("testSessions", test.size());
            report.put("predictions", outcomes.isEmpty() ? 0 : outcomes.get(0).metrics().predictions());
            Map<String, Object> results = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>(o.metrics().asMap(""));
                m.put("seconds", o.seconds());
                results.put(o.name(), m);
            }
            report.put("baselines", results);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            System.out.print(table(outcomes, ties));
        }
        return 0;
    }

    /** One row per baseline: Recall, MRR and NDCG at each cutoff, and the seconds it took. */
    static String table(List<Outcome> outcomes, Ranks.TieMode ties) {
        StringBuilder out = new StringBuilder();
        long predictions = outcomes.isEmpty() ? 0 : outcomes.get(0).metrics().predictions();
        out.append(String.format("%,d predictions, %s ties%n", predictions, ties.name().toLowerCase(Locale.ROOT)));
        out.append(String.format("%-11s", "baseline"));
        for (String metric : List.of("Recall", "MRR", "NDCG")) {
            for (int k : RankMetrics.CUTOFFS) {
                out.append(String.format(" %9s", metric + "@" + k));
            }
        }
        out.append(String.format(" %8s%n", "seconds"));
        for (Outcome o : outcomes) {
            RankMetrics m = o.metrics();
            out.append(String.format("%-11s", o.name()));
            for (int k : RankMetrics.CUTOFFS) {
                out.append(String.format(Locale.ROOT, " %9.4f", m.recall(k)));
            }
            for (int k : RankMetrics.CUTOFFS) {
                out.append(String.format(Locale.ROOT, " %9.4f", m.mrr(k)));
            }
            for (int k : RankMetrics.CUTOFFS) {
                out.append(String.format(Locale.ROOT, " %9.4f", m.ndcg(k)));
            }
            out.append(String.format(Locale.ROOT, " %8.1f%n", o.seconds()));
        }
        return out.toString();
    }

    private SessionBaseline build(String name, ItemCatalogue items, SessionDataset train) {
        return switch (name) {
            case "popularity" -> new PopularityScores(items.counts());
            case "markov" -> new MarkovBaseline(items.size(), items.encode(train), tieBreak().weights(items.counts()));
            case "sr" -> new SequentialRulesBaseline(items.size(), items.encode(train),
                    options.get(TrainerSettings.SR_WINDOW), tieBreak().weights(items.counts()));
            case "sknn" -> new SessionKnnBaseline(items.size(), items.encodeByRecency(train),
                    options.get(TrainerSettings.KNN_K), options.get(TrainerSettings.KNN_SAMPLE));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private TieBreak tieBreak() {
        return options.get(TrainerSettings.TIE_BREAK);
    }

    private SessionDataset.Split loadSplit() throws Exception {
        Path data = options.get(TrainerSettings.DATA);
        Path testData = options.get(TrainerSettings.TEST_DATA);
        DatasetFormat format = options.get(TrainerSettings.FORMAT);
        if (testData != null) {
            log("reading " + data + " and " + testData);
            return new SessionDataset.Split(DatasetReaders.read(data, format),
                    DatasetReaders.read(testData, format));
        }
        log("reading " + data);
        Optional<SessionDataset.Split> given = DatasetReaders.readSplit(data, format);
        if (given.isPresent()) {
            return given.get();
        }
        SessionPreprocessor.Result result = new SessionPreprocessor().process(DatasetReaders.read(data, format));
        log("no --test-data: the standard GRU4Rec preprocessing and split");
        result.steps().forEach(step -> log("  " + step));
        return result.split();
    }

    private void log(String line) {
        reportOutput.log("baselines", line);
    }
}
