package io.streamrec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnnxModelTest {

    @Test
    void ranksByTheLastKnownItemAndMapsIndicesBackToRawIds() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.successorModel("m", 1, 10, 5, 3), ScoringOptions.cpu())) {
            List<RecommendedItem> top = model.recommend(List.of("item-2", "item-7"));
            assertThat(top).extracting(RecommendedItem::itemId).containsExactly("item-8", "item-9", "item-10");
            assertThat(top).extracting(RecommendedItem::score).containsExactly(10f, 9f, 8f);
        }
    }

    @Test
    void skipsUnknownItemsAndAnswersEmptyWhenNoItemIsKnown() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.successorModel("m", 1, 10, 5, 3), ScoringOptions.cpu())) {
            List<List<RecommendedItem>> answers = model.recommendAll(List.of(
                    List.of("item-4", "never-seen"),
                    List.of("never-seen", "also-new"),
                    List.of("item-10")));
            assertThat(answers.get(0)).extracting(RecommendedItem::itemId).containsExactly("item-5", "item-6", "item-7");
            assertThat(answers.get(1)).isEmpty();
            assertThat(answers.get(2)).extracting(RecommendedItem::itemId).containsExactly("item-1", "item-2", "item-3");
        }
    }

    @Test
    void fillsTheUserIndexInputFromTheBundlesUserVocabulary() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.userFavouriteModel("m", 1, 6, 3, 4, 2), ScoringOptions.cpu())) {
            assertThat(model.usesUser()).isTrue();
            List<List<RecommendedItem>> answers = model.recommendQueries(List.of(
                    new SessionQuery(List.of("item-1"), "user-2"),
                    new SessionQuery(List.of("item-1"), "user-3"),
                    new SessionQuery(List.of("item-1"), "somebody-new"),
                    SessionQuery.anonymous(List.of("item-1"))));
            assertThat(answers.get(0)).extracting(RecommendedItem::itemId).containsExactly("item-2", "item-1");
            assertThat(answers.get(1)).extracting(RecommendedItem::itemId).containsExactly("item-3", "item-1");
            assertThat(answers.get(2)).extracting(RecommendedItem::itemId).containsExactly("item-6", "item-1");
            assertThat(answers.get(3)).extracting(RecommendedItem::itemId).containsExactly("item-6", "item-1");
            assertThat(model.userIndex("user-3")).isEqualTo(3);
            assertThat(model.userIndex(null)).isZero();
        }
    }

    @Test
    void modelsWithoutAUserInputIgnoreTheUser() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.successorModel("m", 1, 10, 5, 3), ScoringOptions.cpu())) {
            assertThat(model.usesUser()).isFalse();
            assertThat(model.recommend(new SessionQuery(List.of("item-2"), "user-1")))
                    .isEqualTo(model.recommend(List.of("item-2")));
        }
    }

    @Test
    void usesOnlyTheLastSequenceLengthItems() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.successorModel("m", 1, 10, 2, 1), ScoringOptions.cpu())) {
            List<RecommendedItem> top = model.recommend(List.of("item-1", "item-2", "item-3", "item-5"));
            assertThat(top).extracting(RecommendedItem::itemId).containsExactly("item-6");
        }
    }

    @Test
    void advancesABatchOfStepsAndReplaysOfDifferentLengthsAsOneAtATime() throws Exception {
        try (OnnxModel model = OnnxModel.load(TestBundles.statefulSuccessorModel("m", 1, 10, 4, 3),
                ScoringOptions.cpu())) {
            float[] carried = {7f};
            List<StepQuery> queries = List.of(
                    StepQuery.step("item-3", carried),
                    StepQuery.replay(List.of("item-1", "item-2", "item-5")),
                    StepQuery.step("never-seen", carried),
                    StepQuery.replay(List.of("item-9")),
                    StepQuery.step("item-10", new float[] {1f}),
                    // more than L = 4 known items: only the last four are fed
                    StepQuery.replay(List.of("item-1", "item-2", "item-3", "item-4", "item-6")),
                    StepQuery.replay(List.of("never-seen")));
            List<Optional<StepResult>> batched = model.advance(queries);

            assertThat(batched).hasSize(queries.size());
            for (int q = 0; q < queries.size(); q++) {
                Optional<StepResult> alone = model.advance(List.of(queries.get(q))).get(0);
                assertThat(batched.get(q).isPresent()).as("query %d answered", q).isEqualTo(alone.isPresent());
                if (alone.isPresent()) {
                    assertThat(batched.get(q).get().items()).as("query %d items", q)
                            .isEqualTo(alone.get().items());
                    assertThat(batched.get(q).get().state()).as("query %d state", q)
                            .containsExactly(alone.get().state());
                }
            }
            // The counting state tells what was fed: one item on 7, three items from empty, and so on.
            assertThat(batched.get(0).get().state()).containsExactly(8f);
            assertThat(batched.get(0).get().items()).extracting(RecommendedItem::itemId)
                    .containsExactly("item-4", "item-5", "item-6");
            assertThat(batched.get(1).get().state()).containsExactly(3f);
            assertThat(batched.get(2)).isEmpty();
            assertThat(batched.get(3).get().state()).containsExactly(1f);
            assertThat(batched.get(4).get().state()).containsExactly(2f);
            assertThat(batched.get(5).get().state()).containsExactly(4f);
            assertThat(batched.get(5).get().items()).extracting(RecommendedItem::itemId)
                    .containsExactly("item-7", "item-8", "item-9");
            assertThat(batched.get(6)).isEmpty();
        }
    }

    @Test
    void refusesAManifestWhoseInputNamesAreNotInTheGraph() {
        ModelBundle good = TestBundles.successorModel("m", 1, 10, 5, 3);
        ModelManifest m = good.manifest();
        ModelManifest renamed = new ModelManifest(m.formatVersion(), m.name(), m.kind(), m.version(), m.createdAt(),
                m.sequenceLength(), m.topK(), m.itemCount(),
                List.of(new TensorSpec("items", TensorRole.ITEM_SEQUENCE, "INT64", List.of(-1L, 5L)),
                        m.inputs().get(1)),
                m.outputs(), m.metrics(), m.training(), null);
        ModelBundle bad = ModelBundle.sealed(renamed, good.onnxModel(), good.items());
        assertThatThrownBy(() -> OnnxModel.load(bad, ScoringOptions.cpu()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("no input named items");
    }

    @Test
    void refusesBytesThatAreNotAnOnnxGraph() {
        ModelBundle good = TestBundles.successorModel("m", 1, 10, 5, 3);
        ModelBundle garbage = ModelBundle.sealed(good.manifest(), new byte[] {1, 2, 3, 4}, good.items());
        assertThatThrownBy(() -> OnnxModel.load(garbage, ScoringOptions.cpu()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("ONNX Runtime cannot run the graph");
    }

    @Test
    void fallsBackToCpuWhenCudaCannotBeHad() throws Exception {
        ScoringOptions cuda = new ScoringOptions(ExecutionDevice.CUDA, 1, 1);
        try (OnnxModel model = OnnxModel.load(TestBundles.successorModel("m", 1, 10, 5, 3), cuda)) {
            // The CPU-only onnxruntime artifact has no CUDA provider, so this must land on CPU and still answer.
            assertThat(model.device()).isEqualTo(ExecutionDevice.CPU);
            assertThat(model.recommend(List.of("item-1"))).hasSize(3);
        }
    }
}
