package io.streamrec.trainer.caser;

import io.streamrec.trainer.EngineThreads;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.EpochStats;
import io.streamrec.trainer.FamilyRequest;
import io.streamrec.trainer.ModelFamily;
import io.streamrec.trainer.ProgressListener;
import io.streamrec.trainer.TrainingResult;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.ItemCatalogue;
import io.streamrec.trainer.eval.PopularityBaseline;
import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Caser (Tang &amp; Wang, WSDM 2018) as a {@link ModelFamily} for {@code train --model caser}: trains on the request's
 * sessions, evaluates on its test sessions by the GRU4Rec protocol (every click after the first predicted, ranked
 * against all items, ties counted against the model), exports the ONNX graph with a user input and checks parity on
 * windows of every length 1..L, with known and unknown users. With {@code user_source=none} every session is
 * anonymous (user index 0); with {@code session_id} the training sessions' ids are the user vocabulary, and a test
 * session whose id is not in it is anonymous.
 */
public final class CaserFamily implements ModelFamily {

    @Override
    public String kind() {
        return "caser";
    }

    @Override
    public String description() {
        return "Caser: horizontal and vertical convolutions over the last L item embeddings plus a user embedding"
                + " (Tang & Wang, WSDM 2018)";
    }

    @Override
    public Map<String, String> defaultSettings() {
        return CaserConfig.defaults().asMap();
    }

    @Override
    public TrainingResult train(FamilyRequest request, Consumer<String> log, ProgressListener bar) {
        EngineThreads.defaultToOne();
        CaserConfig config = CaserConfig.defaults().with(request.settings());
        log.accept("Caser: " + config.describe());
        long started = System.nanoTime();
        ItemCatalogue items = new ItemCatalogue(request.train());
        List<String> userIds = config.userSource() == CaserConfig.UserSource.SESSION_ID
                ? request.train().sessions().stream().map(Session::sessionId).distinct().toList() : List.of();
        Map<String, Integer> userIndex = new HashMap<>();
        for (int u = 0; u < userIds.size(); u++) {
            userIndex.put(userIds.get(u), u + 1);
        }
        Encoded train = encode(request.train(), items, userIndex);
        Encoded test = encode(request.test(), items, userIndex);
        if (train.sessions().isEmpty()) {
            throw new IllegalArgumentException("no training session has two clicks on known items");
        }
        log.accept(String.format("%,d items, %,d users, %,d training sessions, %,d test sessions", items.size(),
                userIds.size(), train.sessions().size(), test.sessions().size()));
        List<EpochStats> epochs = new ArrayList<>();
        try (CaserModel model = new CaserTrainer(config, log).onProgress(bar)
                .train(train.sessions(), train.users(), items.size(), userIds.size(), epochs::add)) {
            Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (!test.sessions().isEmpty()) {
                RankMetrics caser = CaserSessionEvaluator.evaluate(model, test.sessions(), test.users(),
                        request.ties());
                RankMetrics popularity = PopularityBaseline.evaluate(items.counts(), test.sessions(),
                        request.ties());
                metrics.putAll(caser.asMap(""));
                metrics.putAll(popularity.asMap("popularity."));
                log.accept(String.format("evaluated on %,d predictions: Recall@20 %.4f, MRR@20 %.4f"
                                + " (popularity %.4f / %.4f)", caser.predictions(), caser.recall(20), caser.mrr(20),
                        popularity.recall(20), popularity.mrr(20)));
            }
            ModelBundle bundle = CaserOnnxExporter.export(model, items.vocabulary(), userIds, request.modelName(),
                    request.version(), metrics);
            Encoded source = test.sessions().isEmpty() ? train : test;
            List<int[]> samples = OnnxParityCheck.samples(source.sessions(), config.sequenceLength());
            ParityReport parity = OnnxParityCheck.check(model::scores, bundle, samples, parityUsers(samples.size(),
                    userIds));
            log.accept(String.format("ONNX parity on %d windows (1..%d items%s): max |score difference| %.2e;"
                            + " bundle %s, %,d bytes", parity.rows(), parity.longestSequence(),
                    userIds.isEmpty() ? ", anonymous" : ", known and unknown users", parity.maxAbsDifference(),
                    bundle.manifest().label(), bundle.onnxModel().length));
            return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
        }
    }

    /** Sessions as item indices with their users' indices. */
    record Encoded(List<int[]> sessions, int[] users) {
    }

    /** Unknown items dropped; sessions left with fewer than two clicks skipped (nothing to learn or predict). */
    static Encoded encode(SessionDataset data, ItemCatalogue items, Map<String, Integer> userIndex) {
        List<int[]> sessions = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        for (Session s : data.sessions()) {
            int[] known = items.encode(s);
            if (known.length >= 2) {
                sessions.add(known);
                users.add(userIndex.getOrDefault(s.sessionId(), 0));
            }
        }
        return new Encoded(sessions, users.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every other parity row for a known user (cycling through them), the rest anonymous. */
    private static List<String> parityUsers(int rows, List<String> userIds) {
        List<String> users = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            users.add(userIds.isEmpty() || r % 2 == 1 ? null : userIds.get((r / 2) % userIds.size()));
        }
        return users;
    }
}
