package io.streamrec.bench;

import io.streamrec.cli.options.SettingsCommand;
import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.streams.app.ServeSettings;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.gru4rec.Gru4RecModel;
import io.streamrec.trainer.gru4rec.Gru4RecOnnxExporter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;

/**
 * What one event costs the streams app's model call, by catalogue size: the stateful step (one GRU step on the
 * session's stored state) against the baseline of re-reading the session's last L items through the sequence graph,
 * measured in the same run on the same model.
 */
@Command(name = "bench-scoring", modelTransformer = SettingsCommand.Options.class, mixinStandardHelpOptions = true,
        description = {
            "Measure the model call per event through ONNX Runtime: one step on the session's state (what the streams",
            "app does for GRU4Rec) against re-reading the last L items (the baseline), at several catalogue sizes.",
            "Prints microseconds per event and the ratio baseline/step. Weights are random: cost does not depend on them."
        })
public final class ScoringBenchCommand extends SettingsCommand {

    static final Setting<List<Integer>> ITEMS = BenchSessions.catalogueSizes(List.of(1000, 60_000),
            "Catalogue sizes");
    static final Setting<Integer> HIDDEN = Setting.integer("hidden", 100, 1, 4096, "GRU units");
    static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 20, 1, 1000, "L");
    static final Setting<Integer> EVENTS = BenchSessions.timedEvents(3000);
    static final SettingGroup GROUP = SettingGroup.of("bench-scoring", ITEMS, HIDDEN, SEQUENCE_LENGTH, EVENTS,
            ServeSettings.INTRA_OP_THREADS);

    /** What this run measures with, read from the options when it starts. */
    private int sequenceLength;
    private int events;

    public ScoringBenchCommand() {
        super(GROUP);
    }

    @Override
    protected int run(Settings options) throws Exception {
        int hidden = options.get(HIDDEN);
        sequenceLength = options.get(SEQUENCE_LENGTH);
        events = options.get(EVENTS);
        System.out.printf("%-8s %-6s %14s %14s %8s%n", "items", "L", "last-L (us)", "step (us)", "ratio");
        for (int n : options.get(ITEMS)) {
            Gru4RecConfig config = Gru4RecConfig.defaults().with(Gru4RecConfig.HIDDEN_SIZE, hidden)
                    .with(Gru4RecConfig.EMBEDDING, hidden).with(Gru4RecConfig.SEQUENCE_LENGTH, sequenceLength)
                    .with(Gru4RecConfig.TOP_K, 20);
            List<String> vocabulary = BenchSessions.vocabulary(n);
            ModelBundle bundle;
            try (Gru4RecModel model = Gru4RecModel.initialise(n, hidden, hidden, 7)) {
                bundle = Gru4RecOnnxExporter.export(model, vocabulary, config, "bench", 1, Map.of());
            }
            try (OnnxModel model = OnnxModel.load(bundle, new ScoringOptions(
                    io.streamrec.model.ExecutionDevice.CPU, options.get(ServeSettings.INTRA_OP_THREADS), 1))) {
                List<List<String>> sessions = BenchSessions.random(vocabulary, sequenceLength, new Random(1));
                double sequenceMicros = BenchSessions.recommendMicros(model, sessions, events, 200, 20);
                double stepMicros = timeStep(model, sessions);
                System.out.printf("%-8d %-6d %14.1f %14.1f %7.2fx%n", n, sequenceLength, sequenceMicros, stepMicros,
                        sequenceMicros / stepMicros);
            }
        }
        return 0;
    }

    private double timeStep(OnnxModel model, List<List<String>> sessions) throws Exception {
        float[][] states = new float[sessions.size()][];
        for (int s = 0; s < sessions.size(); s++) {
            states[s] = model.replay(sessions.get(s)).map(StepResult::state).orElseThrow();
        }
        for (int i = 0; i < Math.min(200, events); i++) {
            model.step(sessions.get(i % sessions.size()).get(0), states[i % states.length]);
        }
        long started = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < events; i++) {
            int s = i % sessions.size();
            StepResult next = model.step(sessions.get(s).get(i % sequenceLength), states[s]).orElseThrow();
            states[s] = next.state();
            sink += next.items().size();
        }
        return check(sink, (System.nanoTime() - started) / 1e3 / events);
    }

    private double check(long answered, double micros) {
        if (answered != 20L * events) {
            throw new IllegalStateException("expected " + 20L * events + " recommended items, got " + answered);
        }
        return micros;
    }
}
