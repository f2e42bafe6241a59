package io.streamrec.trainer.ai2v;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ai2vAttentionTest {
    private static final int ITEMS = 30;
    private static final Ai2vConfig CONFIG = Ai2vConfig.defaults().with(Map.of("embedding_dim", "12", "heads", "3",
            "attention_dim", "5", "value_dim", "4", "z_dim", "6", "mlp_hidden", "7", "sequence_length", "4"));

    // two rows: a full context of 4 items and a context of 2 items padded with 0 at the end
    private static final long[] CONTEXT = {3, 9, 9, 27, 14, 2, 0, 0};
    private static final float[] MASK = {1, 1, 1, 1, 1, 1, 0, 0};
    private static final long[] CANDIDATES = {1, 5, 9, 30, 2, 7, 14, 21};

    @Test
    void eachHeadsWeightsOverTheContextSumToOneAndPaddingGetsNone() {
        try (Ai2vModel model = Ai2vModel.initialise(ITEMS, CONFIG); NDManager m = model.manager().newSubManager()) {
            NDArray alpha = model.attention(m.create(CONTEXT, new Shape(2, 4)), m.create(MASK, new Shape(2, 4)),
                    m.create(CANDIDATES, new Shape(2, 4)));
            assertThat(alpha.getShape()).isEqualTo(new Shape(2, 3, 4, 4));
            float[] a = alpha.toFloatArray();
            for (int row = 0; row < 2; row++) {
                for (int head = 0; head < 3; head++) {
                    for (int c = 0; c < 4; c++) {
                        int at = ((row * 3 + head) * 4 + c) * 4;
                        float sum = a[at] + a[at + 1] + a[at + 2] + a[at + 3];
                        assertThat(sum).isCloseTo(1f, offset(1e-6f));
                        if (row == 1) {
                            assertThat(a[at + 2]).isZero();
                            assertThat(a[at + 3]).isZero();
                        }
                        // cosine similarities lie in [−1, 1], so no weight of a 4-item context exceeds e²/(e² + 3e⁻²)
                        assertThat(a[at]).isBetween(0f, 0.95f);
                    }
                }
            }
        }
    }

    @Test
    void thePrecomputedTablesScoreExactlyAsTheTrainingNetwork() {
        try (Ai2vModel model = Ai2vModel.initialise(ITEMS, CONFIG); NDManager m = model.manager().newSubManager();
             Ai2vScorer scorer = new Ai2vScorer(model.tables(), null, 4)) {
            float[] trained = model.logits(m.create(CONTEXT, new Shape(2, 4)), m.create(MASK, new Shape(2, 4)),
                    m.create(CANDIDATES, new Shape(2, 4))).toFloatArray();
            List<float[]> full = scorer.scores(List.of(new int[] {3, 9, 9, 27}, new int[] {14, 2}));
            for (int c = 0; c < 4; c++) {
                assertThat(full.get(0)[(int) CANDIDATES[c]]).isCloseTo(trained[c], offset(1e-5f));
                assertThat(full.get(1)[(int) CANDIDATES[4 + c]]).isCloseTo(trained[4 + c], offset(1e-5f));
            }
            // scores differ between candidates: the network is not degenerate at initialisation
            assertThat(trained[0]).isNotEqualTo(trained[1]);
        }
    }
}
