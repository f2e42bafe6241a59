package io.streamrec.bench;

import io.streamrec.cli.options.ScoringThreadsOption;
import io.streamrec.model.ExecutionDevice;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.ai2v.Ai2vConfig;
import io.streamrec.trainer.ai2v.Ai2vOnnxExporter;
import io.streamrec.trainer.ai2v.Ai2vTables;
import io.streamrec.trainer.ai2v.CandidateStage;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What one event costs to score with AI2V through ONNX Runtime, by catalogue size: the full graph (every item
 * attends over the session: O(N·L·d)) against the two-stage graph (Item2Vec proposes M items, AI2V re-ranks them),
 * both timed in the same run through {@link OnnxModel#recommend}, as the streams app calls it.
 */
@Command(name = "bench-ai2v", mixinStandardHelpOptions = true,
        description = {
            "Measure AI2V's model call per event through ONNX Runtime (CPU): the full graph, which scores every item",
            "with target-dependent attention, against the two-stage graph (Item2Vec proposes --candidates items, AI2V",
            "re-ranks them inside the same graph), at several catalogue sizes. Prints microseconds per event and the",
            "ratio two-stage/full. Weights are random: the cost does not depend on them."
        })
public final class Ai2vCostBenchCommand implements Callable<Integer> {

    @Option(names = "--items", split = ",", defaultValue = "2933,60417",
            description = "Catalogue sizes (default: ${DEFAULT-VALUE}; rsc15_100k has 2,933 items, nowplaying 60,417).")
    List<Integer> items;

    @Option(names = "--candidates", defaultValue = "200", description = "M, two-stage proposals (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--sequence-length", defaultValue = "10", description = "L, session items read (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any AI2V setting (sizes: embedding_dim, heads, ...).")
    Map<String, String> settings = Map.of();

    @Option(names = "--events", defaultValue = "300", description = "Timed events per measurement (default: ${DEFAULT-VALUE}).")
    int events;

    @Mixin
    ScoringThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        Ai2vConfig config = Ai2vConfig.defaults().with(settings)
                .with(Map.of("sequence_length", Integer.toString(sequenceLength)));
        System.out.println("AI2V " + config.describe());
        System.out.printf("%-8s %-4s %-6s %14s %16s %8s%n", "items", "L", "M", "full (us)", "two-stage (us)",
                "ratio");
        for (int n : items) {
            List<String> vocabulary = BenchSessions.vocabulary(n);
            Random random = new Random(7);
            Ai2vTables tables = BenchModels.randomAi2vTables(n, config, random);
            CandidateStage stage = BenchModels.randomCandidateStage(n, candidates, random);
            List<List<String>> sessions = BenchSessions.random(vocabulary, sequenceLength, random);
            double full = time(Ai2vOnnxExporter.export(tables, null, vocabulary, config, "bench", 1, Map.of()),
                    sessions);
            double twoStage = time(Ai2vOnnxExporter.export(tables, stage, vocabulary, config, "bench", 1, Map.of()),
                    sessions);
            System.out.printf("%-8d %-4d %-6d %14.1f %16.1f %7.3fx%n", n, sequenceLength, stage.count(), full,
                    twoStage, twoStage / full);
        }
        return 0;
    }

    /** Mean microseconds per {@link OnnxModel#recommend} call over {@code events} calls, after a warm-up. */
    private double time(ModelBundle bundle, List<List<String>> sessions) throws Exception {
        ScoringOptions options = new ScoringOptions(ExecutionDevice.CPU, threads.intraOpThreads(), 1);
        try (OnnxModel model = OnnxModel.load(bundle, options)) {
            return BenchSessions.recommendMicros(model, sessions, events, 30, bundle.manifest().topK());
        }
    }
}
