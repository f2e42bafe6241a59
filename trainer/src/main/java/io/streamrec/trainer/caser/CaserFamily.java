package io.streamrec.trainer.caser;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.trainer.data.EncodedSplit;
import io.streamrec.trainer.eval.HistoryScorer;
import io.streamrec.trainer.eval.SessionPredictor;
import io.streamrec.trainer.family.DeclaredFamily;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.TrainedModel;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.parity.TrainedScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Caser (Tang &amp; Wang, WSDM 2018) as a {@link ModelFamily}: scores a history from its last L items and its user's
 * vector; exports the ONNX graph with a user input, whose parity is checked with known and unknown users alike. With
 * {@code user_source=none} every session is anonymous (user index 0); with {@code session_id} the training sessions'
 * ids are the user vocabulary, and a session whose id is not in it is anonymous. Under the per-user hold-out protocol
 * every history is a user's, whatever {@code user_source} says.
 */
public final class CaserFamily extends DeclaredFamily<CaserConfig> {
    /** Windows scored per call during evaluation. */
    private static final int EVALUATION_BATCH = 512;

    public CaserFamily() {
        super("Caser",
                "Caser: horizontal and vertical convolutions over the last L item embeddings plus a user embedding"
                + " (Tang & Wang, WSDM 2018)", CaserConfig.SETTINGS, CaserConfig::from);
    }

    @Override
    protected TrainedModel train(EncodedSplit data, CaserConfig config, TrainingContext context) {
        boolean withUsers = data.perUser() || config.userSource() == CaserConfig.UserSource.SESSION_ID;
        Users users = new Users(withUsers ? data.trainingIds() : List.of());
        if (withUsers) {
            context.log().accept(String.format("%,d users", users.ids().size()));
        }
        CaserTrainer trainer = new CaserTrainer(config, context.log()).onProgress(context.progress())
                .afterEpoch((epoch, model) -> context.afterEpoch().after(epoch, epoch == config.epochs(),
                        scorer(model, users)));
        CaserModel model = trainer.train(data.train().sessions(), users.indices(data.train().ids()),
                data.catalogue().size(), users.ids().size(), context.epochs());
        return new Trained(model, users, data.catalogue().vocabulary());
    }

    /** The user vocabulary: user index u + 1 is {@code ids.get(u)}; 0 is the unknown (anonymous) user. */
    private record Users(List<String> ids, Map<String, Integer> index) {
        Users(List<String> ids) {
            this(ids, new HashMap<>());
            for (int u = 0; u < ids.size(); u++) {
                index.put(ids.get(u), u + 1);
            }
        }

        int indexOf(String id) {
            return id == null ? 0 : index.getOrDefault(id, 0);
        }

        int[] indices(List<String> sessionIds) {
            return sessionIds.stream().mapToInt(this::indexOf).toArray();
        }
    }

    /** Each history's last L items and its user, in one batch. */
    private static HistoryScorer scorer(CaserModel model, Users users) {
        return (histories, ids) -> {
            int l = model.config().sequenceLength();
            int n = model.itemCount() + 1;
            int batch = histories.size();
            long[] windows = new long[batch * l];
            long[] userIndices = new long[batch];
            for (int r = 0; r < batch; r++) {
                int[] history = histories.get(r);
                CaserModel.window(history, history.length, l, windows, r * l);
                userIndices[r] = users.indexOf(ids.get(r));
            }
            float[] flat = model.scores(windows, userIndices);
            List<float[]> scores = new ArrayList<>(batch);
            for (int r = 0; r < batch; r++) {
                scores.add(Arrays.copyOfRange(flat, r * n, (r + 1) * n));
            }
            return scores;
        };
    }

    private record Trained(CaserModel model, Users users, List<String> vocabulary) implements TrainedModel {
        @Override
        public List<float[]> scores(List<int[]> histories, List<String> ids) {
            return scorer(model, users).scores(histories, ids);
        }

        @Override
        public SessionPredictor predictor() {
            return SessionPredictor.byPrefix(this, EVALUATION_BATCH);
        }

        @Override
        public ModelBundle export(String modelName, long version, Map<String, Double> metrics) {
            return CaserOnnxExporter.export(model, vocabulary, users.ids(), modelName, version, metrics);
        }

        @Override
        public TrainedScorer parityScorer() {
            return model::scores;
        }

        /** Every other row for a known user (cycling through them), the rest anonymous. */
        @Override
        public List<String> parityUsers(int rows) {
            List<String> ids = users.ids();
            List<String> out = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                out.add(ids.isEmpty() || r % 2 == 1 ? null : ids.get((r / 2) % ids.size()));
            }
            return out;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
