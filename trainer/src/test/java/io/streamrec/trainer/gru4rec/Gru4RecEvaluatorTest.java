package io.streamrec.trainer.gru4rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamrec.trainer.eval.RankMetrics;
import io.streamrec.trainer.eval.Ranks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Gru4RecEvaluatorTest {

    @Test
    void sessionParallelEvaluationRanksExactlyAsOneSessionAtATimeFromAnEmptyState() {
        Random random = new Random(3);
        List<int[]> sessions = new ArrayList<>();
        for (int s = 0; s < 23; s++) {
            int[] session = new int[2 + random.nextInt(7)];
            for (int i = 0; i < session.length; i++) {
                session[i] = 1 + random.nextInt(40);
            }
            sessions.add(session);
        }
        // An untrained model is enough: the question is only whether batching changes any rank.
        try (Gru4RecModel model = Gru4RecModel.initialise(40, 8, 12, 5)) {
            RankMetrics batched = new Gru4RecEvaluator(4, Ranks.TieMode.CONSERVATIVE).evaluate(model, sessions);

            RankMetrics oneByOne = new RankMetrics();
            for (int[] session : sessions) {
                for (int i = 1; i < session.length; i++) {
                    float[] scores = Gru4RecEvaluator.scoresAfter(model, Arrays.copyOf(session, i));
                    oneByOne.add(Ranks.rank(scores, 1, session[i], Ranks.TieMode.CONSERVATIVE));
                }
            }

            assertThat(batched.predictions()).isEqualTo(oneByOne.predictions());
            // same ranks; the means only differ in the order they were summed
            oneByOne.asMap("").forEach((metric, value) ->
                    assertThat(batched.asMap("").get(metric)).as(metric).isCloseTo(value, within(1e-12)));
        }
    }
}
