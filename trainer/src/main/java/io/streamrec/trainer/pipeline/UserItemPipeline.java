package io.streamrec.trainer.pipeline;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.family.EpochStats;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.family.TrainingContext;
import io.streamrec.trainer.parity.OnnxParityCheck;
import io.streamrec.trainer.parity.ParityReport;
import io.streamrec.trainer.parity.TrainedScorer;
import io.streamrec.trainer.useritem.HeldOutProtocol;
import io.streamrec.trainer.useritem.UserItemFamily;
import io.streamrec.trainer.useritem.UserItemModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything between interactions and a publishable bundle for a user–item family, the counterpart of
 * {@link TrainingPipeline}: hold data out by the family's protocol ({@link HeldOutProtocol}), fit on the rest,
 * measure the model beside the protocol's baselines, export the bundle, and check that ONNX Runtime reproduces the
 * trained model for known users and for anonymous sessions alike.
 */
public final class UserItemPipeline {
    private UserItemPipeline() {
    }

    public static TrainingResult run(UserItemFamily family, UserItemRequest request, Consumer<String> log,
                                     ProgressListener bar) {
        Settings settings = family.settings().resolve(request.settings());
        HeldOutProtocol protocol = HeldOutProtocol.of(family.protocol());
        HeldOutProtocol.Split split = protocol.split(request.data(), request.seed());
        log.accept(String.format("%s; %,d held out (%s protocol)", split.train(), split.test().size(),
                family.protocol().name().toLowerCase(java.util.Locale.ROOT)));
        List<EpochStats> epochs = new ArrayList<>();
        TrainingContext context = TrainingContext.recording(log, bar, epochs);
        long started = System.nanoTime();
        try (UserItemModel model = family.fit(split.train(), settings, context)) {
            Duration trainingTime = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Double> metrics = protocol.evaluate(model, split, log);
            ModelBundle bundle = model.export(request.modelName(), request.version(), metrics);
            ParityReport parity = checkParity(model, bundle, split.train(), log);
            return new TrainingResult(bundle, metrics, parity, trainingTime, List.copyOf(epochs));
        }
    }

    /**
     * Parity on samples of every length 1..L cut from the users' training histories, every other row scored for a
     * known user (the graph's user path) and the rest anonymously (its fold-in path).
     */
    private static ParityReport checkParity(UserItemModel model, ModelBundle bundle, Interactions train,
                                            Consumer<String> log) {
        List<int[]> histories = new ArrayList<>();
        List<String> knownUsers = new ArrayList<>();
        int[][] byUser = train.rowsByUser();
        for (int u = 0; u < byUser.length; u++) {
            if (byUser[u].length > 0) {
                histories.add(Arrays.stream(byUser[u]).map(r -> train.items()[r] + 1).toArray());
                knownUsers.add(train.userIds().get(u));
            }
        }
        List<int[]> samples = OnnxParityCheck.samples(histories, bundle.manifest().sequenceLength());
        List<String> users = new ArrayList<>(samples.size());
        for (int row = 0; row < samples.size(); row++) {
            users.add(row % 2 == 0 ? knownUsers.get(row / 2 % knownUsers.size()) : null);
        }
        return TrainingPipeline.checkParity(scorer(model, train.itemCount()), bundle, samples, users, log);
    }

    /** The model as the parity check reads it: user index u &gt; 0 scored as user u − 1, index 0 by fold-in. */
    static TrainedScorer scorer(UserItemModel model, int itemCount) {
        return (window, userIndex) -> {
            float[] scores = new float[itemCount];
            if (userIndex > 0) {
                model.scoreItems(userIndex - 1, scores);
            } else {
                model.scoreSession(Arrays.stream(window).map(i -> i - 1).toArray(), scores);
            }
            float[] shifted = new float[itemCount + 1];
            System.arraycopy(scores, 0, shifted, 1, itemCount);
            return shifted;
        };
    }
}
