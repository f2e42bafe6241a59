package io.streamrec.trainer.gru4rec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionParallelBatchesTest {
    // Session A = 1 2 3, B = 4 5, C = 6 7 8 9, D = 10 11
    private final List<int[]> sessions = List.of(new int[] {1, 2, 3}, new int[] {4, 5}, new int[] {6, 7, 8, 9},
            new int[] {10, 11});

    private static String describe(SessionParallelBatches b) {
        StringBuilder s = new StringBuilder();
        for (int slot = 0; slot < b.inputs().length; slot++) {
            if (slot > 0) {
                s.append(" | ");
            }
            s.append(b.active()[slot] ? b.inputs()[slot] + ">" + b.targets()[slot] + (b.resets()[slot] ? "*" : "") : "-");
        }
        return s.toString();
    }

    /** Every step of two slots over the sessions, described; {@code evaluation} finishes every session. */
    private List<String> stepsOfTwoSlots(boolean evaluation) {
        SessionParallelBatches batches = new SessionParallelBatches(sessions, 2, evaluation);
        List<String> steps = new ArrayList<>();
        while (batches.next()) {
            steps.add(describe(batches));
        }
        return steps;
    }

    @Test
    void slotsStepThroughTheirSessionsAndTakeTheNextSessionWithAResetWhenOneEnds() {
        // '*' marks a reset: the slot's hidden state starts from zero for a new session.
        assertThat(stepsOfTwoSlots(false)).containsExactly(
                "1>2* | 4>5*",
                "2>3 | 6>7*",
                "10>11* | 7>8");
    }

    @Test
    void evaluationTakesTheSameStepsThenFinishesEverySessionWithIdleSlots() {
        List<String> training = stepsOfTwoSlots(false);
        List<String> evaluation = stepsOfTwoSlots(true);
        assertThat(evaluation.subList(0, training.size())).isEqualTo(training);
        assertThat(evaluation.subList(training.size(), evaluation.size())).containsExactly("- | 8>9");
    }

    @Test
    void everyEventAfterTheFirstOfASessionIsATargetExactlyOnceInEvaluation() {
        SessionParallelBatches batches = new SessionParallelBatches(sessions, 3, true);
        int predictions = 0;
        while (batches.next()) {
            for (boolean active : batches.active()) {
                predictions += active ? 1 : 0;
            }
        }
        assertThat(predictions).isEqualTo(2 + 1 + 3 + 1);
    }
}
