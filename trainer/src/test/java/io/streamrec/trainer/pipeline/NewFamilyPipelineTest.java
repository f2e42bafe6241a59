package io.streamrec.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.TestBundles;
import io.streamrec.model.onnx.ModelContract;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.schemas.recommendation.RecommendedItem;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.eval.holdout.HoldoutEvaluator;
import io.streamrec.trainer.eval.holdout.HoldoutMetrics;
import io.streamrec.trainer.eval.holdout.HoldoutProtocol;
import io.streamrec.trainer.eval.holdout.HoldoutSplit;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.parity.OnnxParityCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A family written here, in a few lines, runs through the whole pipeline as the built-in ones do: trained, evaluated
 * next to popularity, exported as a real ONNX graph, proved against ONNX Runtime, and readable as a bundle; and
 * through the per-user hold-out protocol. Nothing in the pipeline knows it.
 */
class NewFamilyPipelineTest {

    /**
     * A last-item model: item j scores how often j followed the history's last item in training, plus its share of
     * all training clicks (below one transition) so that popularity orders the rest. The graph gathers the last item's
     * row of the same table, so parity holds to the last bit.
     */
    static final class LastItemFamily implements ModelFamily {
        @Override
        public String kind() {
            return "last-item";
        }

        @Override
        public String description() {
            return "last-item transitions, popularity below them";
        }

        static final Setting<Integer> SEQUENCE_LENGTH = Setting.integer("sequence_length", 5, 1, 100,
                "L, items the exported graph reads (only the last one counts)");
        static final Setting<Integer> TOP_K = Setting.integer("top_k", 10, 1, 100, "Items the graph returns");
        static final SettingGroup SETTINGS = SettingGroup.of("last-item", SEQUENCE_LENGTH, TOP_K);

        @Override
        public SettingGroup settings() {
            return SETTINGS;
        }

        @Override
        public TrainedModel train(EncodedSplit data, Settings settings, TrainingContext context) {
            int n = data.catalogue().size() + 1;
            float[] counts = data.catalogue().counts();
            double clicks = 0;
            for (float c : counts) {
                clicks += c;
            }
            float[][] table = new float[n][n];
            long transitions = 0;
            for (int[] session : data.train().sessions()) {
                for (int i = 0; i + 1 < session.length; i++) {
                    table[session[i]][session[i + 1]]++;
                    transitions++;
                }
            }
            for (float[] row : table) {
                for (int j = 1; j < n; j++) {
                    row[j] += (float) (counts[j] / (clicks + 1));
                }
            }
            context.epochs().accept(new EpochStats(1, 0, transitions, 1e-3));
            return new LastItem(table, settings, data.catalogue().vocabulary());
        }
    }

    private record LastItem(float[][] table, Settings settings, List<String> items)
            implements TrainedModel {
        @Override
        public List<float[]> scores(List<int[]> histories, List<String> ids) {
            return histories.stream().map(h -> table[h[h.length - 1]].clone()).toList();
        }

        @Override
        public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
            int length = settings.get(LastItemFamily.SEQUENCE_LENGTH);
            int k = Math.min(settings.get(LastItemFamily.TOP_K), items.size());
            ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, modelName, "last-item", version,
                    Instant.now().toString(), length, k, items.size(), ModelContract.inputs(length),
                    ModelContract.outputs(k), metrics, settings.asStrings(), null);
            return ModelBundle.sealed(manifest, TestBundles.lastItemGraph(table, items.size(), length, k), items);
        }
    }

    /** 60 users walking a 20-item cycle from random starts, 10 to 14 items each. */
    private static SessionDataset cyclingUsers() {
        Random random = new Random(7);
        List<Session> users = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            int start = random.nextInt(20);
            List<String> items = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 10 + random.nextInt(5); i++) {
                items.add("item" + (start + i) % 20);
                times.add(1000L * i);
            }
            users.add(new Session("user" + u, items, times));
        }
        return SessionDataset.of(users);
    }

    @Test
    void aFamilyDefinedHereTrainsEvaluatesExportsAndPassesParityThroughThePipeline() throws Exception {
        SessionDataset.Split split = SyntheticTraining.split(150, 2000, 5);
        List<String> log = new ArrayList<>();
        TrainingResult result = TrainingPipeline.run(new LastItemFamily(), new TrainingRequest(split.train(),
                split.test(), Map.of("top_k", "7"), "last-item", 3), log::add);

        Map<String, Double> m = result.metrics();
        assertThat(m.get("predictions")).isEqualTo(m.get("popularity.predictions")).isGreaterThan(500.0);
        // the synthetic sessions walk successor chains: the last item says far more than popularity
        assertThat(m.get("recall@20")).isGreaterThan(m.get("popularity.recall@20") + 0.2);
        assertThat(result.epochs()).hasSize(1);
        assertThat(result.parity().rows()).isEqualTo(OnnxParityCheck.SAMPLE_ROWS);
        assertThat(result.parity().longestSequence()).isEqualTo(5);
        assertThat(result.parity().maxAbsDifference()).isZero();
        assertThat(log).anyMatch(line -> line.startsWith("evaluated on ") && line.contains("(popularity "))
                .anyMatch(line -> line.startsWith("ONNX parity on 64 sequences"));

        ModelBundle read = ModelBundleCodec.decode(ModelBundleCodec.encode(result.bundle()));
        assertThat(read.manifest().label()).isEqualTo("last-item v3 (last-item)");
        assertThat(read.manifest().topK()).isEqualTo(7);
        assertThat(read.manifest().metrics()).containsEntry("recall@20", m.get("recall@20"));
        try (OnnxModel served = OnnxModel.load(read, ScoringOptions.cpu())) {
            String last = split.test().sessions().get(0).items().get(0);
            List<RecommendedItem> top = served.recommend(List.of(last));
            assertThat(top).hasSize(7);
        }
    }

    @Test
    void theHoldoutProtocolRunsTheSameFamilyAndAnUnknownSettingIsRefusedByName() {
        HoldoutSplit split = HoldoutSplit.of(cyclingUsers(), HoldoutProtocol.paper());
        HoldoutRun.Result result = HoldoutRun.run(new LastItemFamily(), Map.of(), split, line -> { }, 0);
        HoldoutMetrics popularity = HoldoutEvaluator.evaluate(split, HoldoutEvaluator.popularity(split));
        assertThat(result.evaluations()).containsExactly(result.metrics());
        assertThat(result.metrics().asMap("")).containsEntry("users", (double) split.userCount());
        assertThat(result.metrics().asMap("").get("map")).isGreaterThan(popularity.asMap("").get("map"));

        assertThatThrownBy(() -> HoldoutRun.run(new LastItemFamily(), Map.of("top_k", "5", "windw", "3"), split,
                line -> { }, 0)).hasMessage("windw: not a last-item setting; known: [sequence_length, top_k]");
        assertThatThrownBy(() -> TrainingPipeline.run(new LastItemFamily(), new TrainingRequest(cyclingUsers(),
                cyclingUsers(), Map.of("top_k", "0"), "last-item", 1), line -> { }))
                .hasMessage("top_k: must be from 1 to 100, got 0");
    }
}
