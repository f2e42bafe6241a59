package io.streamrec.trainer.ai2v;

import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.BaselineEvaluator;
import io.streamrec.trainer.eval.MarkovBaseline;
import io.streamrec.trainer.eval.PopularityScores;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import io.streamrec.trainer.eval.SequentialRulesBaseline;
import io.streamrec.trainer.eval.SessionKnnBaseline;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.eval.WindowScorer;
import io.streamrec.trainer.skipgram.Item2VecConfig;
import io.streamrec.trainer.skipgram.Item2VecModel;
import io.streamrec.trainer.skipgram.Item2VecTrainer;
import io.streamrec.trainer.data.ItemCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a unit test: the accuracy comparison of AI2V (full and two-stage), Item2Vec and the baselines on one split,
 * run on demand only:
 * <pre>
 *   mvn -B -o test -pl trainer -Dtest=Rsc15ComparisonRun -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dcomparison.data=/work/shared/data/rsc15_100k_session-rec [-Dcomparison.ai2v=epochs=3,negatives=50]
 * </pre>
 * Reads {@code *_train_full.txt} and {@code *_test.txt}; every model sees the same item encoding and test windows.
 */
class Rsc15ComparisonRun {

    @Test
    @EnabledIfSystemProperty(named = "comparison.data", matches = ".+")
    void compare() throws Exception {
        Path dir = Path.of(System.getProperty("comparison.data"));
        SessionDataset trainData = GruTsvReader.read(dir.resolve("yoochoose-clicks-100k_train_full.txt"));
        SessionDataset testData = GruTsvReader.read(dir.resolve("yoochoose-clicks-100k_test.txt"));
        ItemCatalogue catalogue = new ItemCatalogue(trainData);
        List<int[]> train = catalogue.encode(trainData);
        List<int[]> test = catalogue.encode(testData);
        int n = catalogue.size();
        System.out.printf("items %d, train sessions %d, test sessions %d%n", n, train.size(), test.size());
        Map<String, RankMetrics> results = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Ranks.TieMode ties = Ranks.TieMode.CONSERVATIVE;

        long t0 = System.nanoTime();
        results.put("popularity", BaselineEvaluator.evaluate(new PopularityScores(catalogue.counts()), n, test, ties));
        results.put("markov", BaselineEvaluator.evaluate(new MarkovBaseline(n, train), n, test, ties));
        results.put("sr", BaselineEvaluator.evaluate(new SequentialRulesBaseline(n, train), n, test, ties));
        results.put("sknn", BaselineEvaluator.evaluate(new SessionKnnBaseline(n, byRecency(trainData, catalogue)),
                n, test, ties));
        seconds.put("baselines", (System.nanoTime() - t0) / 1e9);

        Ai2vConfig ai2v = Ai2vConfig.defaults().with(overrides(System.getProperty("comparison.ai2v", "")));
        Item2VecConfig i2vConfig = Item2VecConfig.defaults().with(overrides(System.getProperty("comparison.i2v", "")));
        t0 = System.nanoTime();
        Item2VecModel i2v = new Item2VecTrainer(i2vConfig, System.out::println).train(train, n, catalogue.counts(),
                e -> { });
        seconds.put("item2vec train", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        results.put("item2vec (L=" + i2vConfig.sequenceLength() + ")",
                evaluate(i2v.scorer(), i2vConfig.sequenceLength(), test, ties));
        seconds.put("item2vec eval", (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        Ai2vTables tables;
        try (Ai2vModel model = new Ai2vTrainer(ai2v, System.out::println).train(train, n, catalogue.counts(),
                e -> { })) {
            tables = model.tables();
        }
        seconds.put("ai2v train", (System.nanoTime() - t0) / 1e9);
        int l = ai2v.sequenceLength();
        t0 = System.nanoTime();
        try (Ai2vScorer full = new Ai2vScorer(tables, null, ai2v.sequenceLength())) {
            results.put("ai2v full", evaluate(full, l, test, ties));
        }
        seconds.put("ai2v full eval", (System.nanoTime() - t0) / 1e9);
        // the proposer reads the same last L items as AI2V
        Item2VecModel proposer = i2vConfig.sequenceLength() == ai2v.sequenceLength() ? i2v
                : new Item2VecTrainer(i2vConfig.with(Map.of("sequence_length",
                Integer.toString(ai2v.sequenceLength()))), line -> { }).train(train, n, catalogue.counts(), e -> { });
        results.put("item2vec (L=" + ai2v.sequenceLength() + ")", evaluate(proposer.scorer(), l, test, ties));
        for (int m : new int[] {50, 200, 1000}) {
            t0 = System.nanoTime();
            try (Ai2vScorer twoStage = new Ai2vScorer(tables, CandidateStage.of(proposer, m),
                    ai2v.sequenceLength())) {
                results.put("ai2v two-stage M=" + m, evaluate(twoStage, l, test, ties));
            }
            seconds.put("ai2v two-stage M=" + m + " eval", (System.nanoTime() - t0) / 1e9);
        }

        System.out.println("ai2v settings: " + ai2v.describe());
        System.out.println("item2vec settings: " + i2vConfig.describe());
        System.out.printf("%-26s %8s %8s %8s %8s %8s %8s %8s %8s %8s %7s%n", "model", "HR@5", "HR@10", "HR@20",
                "MRR@5", "MRR@10", "MRR@20", "NDCG@5", "NDCG@10", "NDCG@20", "preds");
        results.forEach((name, r) -> System.out.printf("%-26s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %7d%n",
                name, r.recall(5), r.recall(10), r.recall(20), r.mrr(5), r.mrr(10), r.mrr(20), r.ndcg(5), r.ndcg(10),
                r.ndcg(20), r.predictions()));
        seconds.forEach((k, v) -> System.out.printf("%-30s %8.1f s%n", k, v));
    }

    private static Map<String, String> overrides(String spec) {
        Map<String, String> m = new HashMap<>();
        for (String kv : spec.split(",")) {
            if (kv.contains("=")) {
                m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return m;
    }

    /** Training sessions with a known click, least recently ended first: session-kNN's neighbour pool. */
    private static List<int[]> byRecency(SessionDataset train, ItemCatalogue catalogue) {
        List<Session> sessions = new ArrayList<>(train.sessions());
        sessions.sort(Comparator.comparingLong(s -> s.timestampsMs().get(s.length() - 1)));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < catalogue.vocabulary().size(); i++) {
            index.put(catalogue.vocabulary().get(i), i + 1);
        }
        List<int[]> out = new ArrayList<>();
        for (Session s : sessions) {
            int[] known = s.items().stream().mapToInt(x -> index.getOrDefault(x, 0)).filter(x -> x > 0).toArray();
            if (known.length > 0) {
                out.add(known);
            }
        }
        return out;
    }

    /** The session protocol for a window model reading the last {@code length} items, 64 windows a batch. */
    private static RankMetrics evaluate(WindowScorer scorer, int length, List<int[]> test, Ranks.TieMode ties) {
        return SessionPredictor.byPrefix(scorer.lastItems(length), 64)
                .evaluate(test, SessionPredictor.anonymous(test.size()), ties);
    }
}
