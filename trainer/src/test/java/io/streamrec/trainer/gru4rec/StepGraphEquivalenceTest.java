package io.streamrec.trainer.gru4rec;

import static io.streamrec.trainer.gru4rec.Gru4RecConfig.BATCH_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EMBEDDING;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.EPOCHS;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.HIDDEN_SIZE;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.SEQUENCE_LENGTH;
import static io.streamrec.trainer.gru4rec.Gru4RecConfig.TOP_K;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.model.StepResult;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bundle's two GRU4Rec graphs must agree: the step graph carried event by event equals the last-L graph. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepGraphEquivalenceTest {
    private static final int ITEMS = 40;
    private static final int L = 6;

    private Gru4RecModel model;
    private OnnxModel served;
    private final List<String> vocabulary = new ArrayList<>();

    @BeforeAll
    void trainAndExport() throws Exception {
        Random random = new Random(9);
        List<int[]> sessions = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            int[] session = new int[2 + random.nextInt(5)];
            int start = 1 + random.nextInt(ITEMS);
            for (int i = 0; i < session.length; i++) {
                session[i] = (start - 1 + 2 * i) % ITEMS + 1;
            }
            sessions.add(session);
        }
        float[] counts = new float[ITEMS + 1];
        Arrays.fill(counts, 1, counts.length, 1f);
        Gru4RecConfig config = Gru4RecConfig.defaults().with(EMBEDDING, 8).with(HIDDEN_SIZE, 12).with(BATCH_SIZE, 16)
                .with(EPOCHS, 2).with(SEQUENCE_LENGTH, L).with(TOP_K, 10);
        model = new Gru4RecTrainer(config, line -> { }).train(sessions, ITEMS, counts, e -> { });
        for (int i = 1; i <= ITEMS; i++) {
            vocabulary.add("item-" + i);
        }
        ModelBundle bundle = Gru4RecOnnxExporter.export(model, vocabulary, config, "gru4rec", 1, Map.of());
        served = OnnxModel.load(ModelBundleCodec.decode(ModelBundleCodec.encode(bundle)), ScoringOptions.cpu());
    }

    @AfterAll
    void close() throws Exception {
        served.close();
        model.close();
    }

    private static List<String> ids(List<RecommendedItem> items) {
        return items.stream().map(RecommendedItem::itemId).toList();
    }

    @Test
    void theBundleCarriesAStepGraphWithTheHiddenStateAsItsState() {
        assertThat(served.hasStepGraph()).isTrue();
        assertThat(served.stateSize()).isEqualTo(12);
    }

    @Test
    void steppingEventByEventGivesTheSequenceGraphsTopKForSessionsUpToL() throws Exception {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int length = 1 + random.nextInt(L);
            List<String> session = new ArrayList<>();
            float[] state = null;
            StepResult last = null;
            for (int i = 0; i < length; i++) {
                String item = vocabulary.get(random.nextInt(ITEMS));
                session.add(item);
                last = served.step(item, state).orElseThrow();
                state = last.state();
            }
            List<RecommendedItem> sequence = served.recommend(session);
            assertThat(ids(last.items())).as("session %s", session).isEqualTo(ids(sequence));
            for (int j = 0; j < sequence.size(); j++) {
                assertThat(last.items().get(j).score()).isCloseTo(sequence.get(j).score(),
                        org.assertj.core.data.Offset.offset(1e-4f));
            }
            StepResult replayed = served.replay(session).orElseThrow();
            assertThat(ids(replayed.items())).isEqualTo(ids(sequence));
            assertThat(replayed.state()).containsExactly(state, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void theStepGraphFollowsSessionsLongerThanLExactlyAsTheTrainerDoes() throws Exception {
        int[] session = {3, 5, 7, 9, 11, 13, 15, 17, 19};
        float[] state = null;
        for (int index : session) {
            state = served.step(vocabulary.get(index - 1), state).orElseThrow().state();
        }
        // Longer than L: the step graph still follows the whole session, exactly as the trainer does.
        List<RecommendedItem> top = served.step(vocabulary.get(20), state).map(StepResult::items).orElseThrow();
        float[] afterOneMore = Gru4RecEvaluator.scoresAfter(model, new int[] {3, 5, 7, 9, 11, 13, 15, 17, 19, 21});
        int best = 1;
        for (int i = 2; i < afterOneMore.length; i++) {
            if (afterOneMore[i] > afterOneMore[best]) {
                best = i;
            }
        }
        assertThat(top.get(0).itemId()).isEqualTo(vocabulary.get(best - 1));
        assertThat(top.get(0).score()).isCloseTo(afterOneMore[best], org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void anUnknownItemLeavesTheStateAlone() throws Exception {
        assertThat(served.step("never-seen", new float[12])).isEmpty();
        assertThat(served.replay(List.of("never-seen"))).isEmpty();
    }
}
