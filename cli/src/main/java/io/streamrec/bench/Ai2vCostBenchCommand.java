package io.streamrec.bench;

import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.model.ExecutionDevice;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.streams.app.ServeSettings;
import io.streamrec.trainer.ai2v.Ai2vConfig;
import io.streamrec.trainer.ai2v.Ai2vOnnxExporter;
import io.streamrec.trainer.ai2v.Ai2vTables;
import io.streamrec.trainer.ai2v.CandidateStage;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one event costs to score with AI2V through ONNX Runtime, by catalogue size: the full graph (every item
 * attends over the session: O(N·L·d)) against the two-stage graph (Item2Vec proposes M items, AI2V re-ranks them),
 * both timed in the same run through {@link OnnxModel#recommend}, as the streams app calls it.
 */
@Command(name = "bench-ai2v", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {
            "Measure AI2V's model call per event through ONNX Runtime (CPU): the full graph, which scores every item",
            "with target-dependent attention, against the two-stage graph (Item2Vec proposes --candidates items, AI2V",
            "re-ranks them inside the same graph), at several catalogue sizes. Prints microseconds per event and the",
            "ratio two-stage/full. Weights are random: the cost does not depend on them."
        })
public final class Ai2vCostBenchCommand extends SettingsCommand {

    static final Setting<List<Integer>> ITEMS = BenchSessions.catalogueSizes(List.of(2933, 60_417),
            "Catalogue sizes (rsc15_100k has 2,933 items, nowplaying 60,417)");
    static final Setting<Integer> CANDIDATES = Setting.integer("candidates", 200, 1, Integer.MAX_VALUE,
            "M, two-stage proposals");
    static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 10, 1, 1000,
            "L, session items read");
    static final Setting<Integer> EVENTS = BenchSessions.timedEvents(300);
    static final SettingGroup GROUP = SettingGroup.of("bench-ai2v", ITEMS, CANDIDATES, SEQUENCE_LENGTH, EVENTS,
            ServeSettings.INTRA_OP_THREADS);

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any AI2V setting (sizes: embedding_dim, heads, ...).")
    Map<String, String> ai2vSettings = Map.of();

    public Ai2vCostBenchCommand() {
        super(GROUP);
    }

    @Override
    protected int run(Settings options) throws Exception {
        Ai2vConfig config = Ai2vConfig.defaults().with(ai2vSettings)
                .with(Map.of("sequence_length", Integer.toString(options.get(SEQUENCE_LENGTH))));
        int sequenceLength = options.get(SEQUENCE_LENGTH);
        System.out.println("AI2V " + config.describe());
        System.out.printf("%-8s %-4s %-6s %14s %16s %8s%n", "items", "L", "M", "full (us)", "two-stage (us)",
                "ratio");
        for (int n : options.get(ITEMS)) {
            List<String> vocabulary = BenchSessions.vocabulary(n);
            Random random = new Random(7);
            Ai2vTables tables = BenchModels.randomAi2vTables(n, config, random);
            CandidateStage stage = BenchModels.randomCandidateStage(n, options.get(CANDIDATES), random);
            List<List<String>> sessions = BenchSessions.random(vocabulary, sequenceLength, random);
            double full = time(Ai2vOnnxExporter.export(tables, null, vocabulary, config, "bench", 1, Map.of()),
                    sessions, options);
            double twoStage = time(Ai2vOnnxExporter.export(tables, stage, vocabulary, config, "bench", 1, Map.of()),
                    sessions, options);
            System.out.printf("%-8d %-4d %-6d %14.1f %16.1f %7.3fx%n", n, sequenceLength, stage.count(), full,
                    twoStage, twoStage / full);
        }
        return 0;
    }

    /** Mean microseconds per {@link OnnxModel#recommend} call over {@code events} calls, after a warm-up. */
    private double time(ModelBundle bundle, List<List<String>> sessions, Settings options) throws Exception {
        ScoringOptions scoring = new ScoringOptions(ExecutionDevice.CPU, options.get(ServeSettings.INTRA_OP_THREADS),
                1);
        try (OnnxModel model = OnnxModel.load(bundle, scoring)) {
            return BenchSessions.recommendMicros(model, sessions, options.get(EVENTS), 30, bundle.manifest().topK());
        }
    }
}
