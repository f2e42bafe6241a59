package io.streamrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamrec.broker.EmbeddedKafkaBroker;
import io.streamrec.replay.EventReplayer;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.event.ClickEvent;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendationSerde;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.streams.app.StreamsApp;
import io.streamrec.streams.lines.ServingPlan;
import io.streamrec.trainer.ModelFamilies;
import io.streamrec.trainer.data.Interactions;
import io.streamrec.trainer.data.InteractionsBuilder;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.family.ProgressListener;
import io.streamrec.trainer.pipeline.TrainingPipeline;
import io.streamrec.trainer.pipeline.TrainingRequest;
import io.streamrec.trainer.pipeline.UserItemPipeline;
import io.streamrec.trainer.pipeline.UserItemRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User–item models in the stream: two rating models (biased MF and SVD++) trained on ratings serve beside GRU4Rec
 * under a three-way A/B split on the real broker. Known users are answered from their learnt vectors (the event's
 * {@code userId} is the bundle's user index); anonymous sessions from the model's fold-in of their clicks. Every event
 * is answered exactly once by its session's line, both user–item lines answer from their model (not the popularity
 * fallback), they learnt the planted taste groups, and {@code /stats} reports online HR@20 / MRR@20 per version.
 */
class UserItemEndToEndTest {
    private static final int GROUPS = 10;
    private static final int ITEMS_PER_GROUP = 20;
    private static final int USERS = 120;
    private static final int K = 20;

    @Test
    void ratingModelsServeKnownUsersAndAnonymousSessionsBesideGru4RecUnderASplit(@TempDir Path dir)
            throws Exception {
        Random random = new Random(5);
        Interactions ratings = plantedRatings(random);
        ModelBundle mf = userItem("mf", ratings);
        ModelBundle svdpp = userItem("svdpp", ratings);
        ModelBundle gru4rec = TrainingPipeline.run(ModelFamilies.byKind("gru4rec"), new TrainingRequest(
                likedInOrder(ratings), SessionDataset.of(List.of()), Map.of("epochs", "3", "hidden_size", "32",
                "embedding", "32"), "gru4rec", 1), s -> { }).bundle();

        // Sessions in the stream: the first half from known users, the rest anonymous; each clicks five items of
        // one taste group. Known user u and anonymous session a<u> click the same items, so their answers differ
        // only by what the user index contributes.
        List<ClickEvent> events = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int s = 0; s < 60; s++) {
            int user = s * 2;
            List<Integer> clicks = groupItems(user % GROUPS, random).subList(0, 5);
            for (int k = 0; k < clicks.size(); k++) {
                String item = "i" + clicks.get(k);
                events.add(new ClickEvent("k" + s, "u" + user, item, t + 10L * s + k, null));
                events.add(new ClickEvent("a" + s, null, item, t + 10L * s + k, null));
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicCatalogue topics = E2e.topics(broker, "useritem", 3);
            E2e.publish(broker, topics, gru4rec, mf, svdpp);
            try (StreamsApp app = StreamsApp.start(E2e.config(broker, "useritem", topics, dir)
                    .withServing(ServingPlan.parse("gru4rec=1,mf=1,svdpp=1", null)))) {
                assertThat(app.awaitRunning(E2e.WAIT)).isTrue();
                for (String line : List.of("gru4rec", "mf", "svdpp")) {
                    assertThat(app.awaitModelVersion(line, 1, E2e.WAIT)).as(line).isTrue();
                }
                try (EventReplayer replayer = new EventReplayer(broker.bootstrapServers(), topics)) {
                    replayer.replay(events, 0, (i, e) -> { });
                }
                List<Recommendation> recs;
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), topics.recommendations())) {
                    RecommendationSerde serde = new RecommendationSerde();
                    recs = reader.readAtLeast(events.size(), E2e.WAIT).stream()
                            .map(r -> serde.fromBytes(r.value())).toList();
                }

                assertThat(recs).hasSize(events.size());
                Map<String, Integer> perLine = new HashMap<>();
                for (Recommendation r : recs) {
                    String line = app.lineFor(r.sessionKey());
                    assertThat(r.modelLine()).as(r.sessionKey()).isEqualTo(line);
                    // every clicked item is in every model's catalogue: no answer falls back to popularity
                    assertThat(r.modelName()).as(r.sessionKey()).isEqualTo(line);
                    perLine.merge(line, 1, Integer::sum);
                }
                assertThat(perLine).containsOnlyKeys("gru4rec", "mf", "svdpp");

                // The user index reaches the graph: a known user's answer differs from an anonymous session's
                // answer to the same clicks, for the user–item lines that have both.
                Map<String, Recommendation> firstAnswer = new HashMap<>();
                recs.stream().sorted(Comparator.comparingLong(Recommendation::eventTimestamp))
                        .forEach(r -> firstAnswer.putIfAbsent(r.sessionKey(), r));
                int compared = 0;
                for (int s = 0; s < 60; s++) {
                    Recommendation known = firstAnswer.get("k" + s);
                    Recommendation anonymous = firstAnswer.get("a" + s);
                    if (known.modelLine().equals(anonymous.modelLine()) && !known.modelLine().equals("gru4rec")) {
                        assertThat(itemIds(known)).as("k%d and a%d on %s", s, s, known.modelLine())
                                .isNotEqualTo(itemIds(anonymous));
                        compared++;
                    }
                }
                assertThat(compared).as("pairs on one user–item line").isPositive();

                Map<String, Map<String, Object>> online = onlineByModel(app);
                assertThat(online).containsKeys("gru4rec v1", "mf v1", "svdpp v1");
                // 200 items in 10 taste groups: a ranking blind to the group, such as the most rated items, puts the
                // next click in its top 20 about one time in ten; the user–item lines learnt the groups.
                double blind = popularityHitRate(ratings, recs);
                assertThat(blind).isLessThan(0.2);
                for (String line : List.of("mf", "svdpp")) {
                    assertThat(((Number) online.get(line + " v1").get("hitRate")).doubleValue()).as(line)
                            .isGreaterThan(2 * blind);
                }
            }
        }
    }

    /** Trained through the user–item pipeline; 2,400 ratings need larger and more steps than ML-100k's 100,000. */
    private static ModelBundle userItem(String kind, Interactions ratings) {
        return UserItemPipeline.run(ModelFamilies.userItemByKind(kind).orElseThrow(), new UserItemRequest(ratings,
                Map.of("epochs", "100", "factors", "16", "learning_rate", "0.02"), kind, 1, 7), s -> { }, ProgressListener.NONE).bundle();
    }

    /**
     * Ratings with taste groups: user u belongs to group u mod 10 and rates 15 of its group's 20 items 4 or 5 and
     * five items of other groups 1 or 2.
     */
    private static Interactions plantedRatings(Random random) {
        InteractionsBuilder rows = new InteractionsBuilder();
        long time = 0;
        for (int u = 0; u < USERS; u++) {
            int group = u % GROUPS;
            for (int item : groupItems(group, random).subList(0, 15)) {
                rows.add("u" + u, "i" + item, 4 + random.nextInt(2), time++);
            }
            for (int k = 0; k < 5; k++) {
                int other = (group + 1 + random.nextInt(GROUPS - 1)) % GROUPS;
                rows.add("u" + u, "i" + (other * ITEMS_PER_GROUP + random.nextInt(ITEMS_PER_GROUP)),
                        1 + random.nextInt(2), time++);
            }
        }
        return rows.build();
    }

    /** The items of {@code group}, shuffled. */
    private static List<Integer> groupItems(int group, Random random) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < ITEMS_PER_GROUP; i++) {
            items.add(group * ITEMS_PER_GROUP + i);
        }
        Collections.shuffle(items, random);
        return items;
    }

    /** GRU4Rec's training sessions: each user's well-rated items in rating order. */
    private static SessionDataset likedInOrder(Interactions ratings) {
        List<Session> sessions = new ArrayList<>();
        int[][] byUser = ratings.rowsByUser();
        for (int u = 0; u < byUser.length; u++) {
            List<String> items = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int r : byUser[u]) {
                if (ratings.values()[r] >= 4) {
                    items.add(ratings.itemIds().get(ratings.items()[r]));
                    times.add(ratings.timesMs()[r]);
                }
            }
            sessions.add(new Session(ratings.userIds().get(u), items, times));
        }
        return SessionDataset.of(sessions);
    }

    /**
     * How often the training data's 20 most rated items hold a session's next click, over the same answers the
     * online accuracy scores (every answer but a session's last).
     */
    private static double popularityHitRate(Interactions ratings, List<Recommendation> recs) {
        int[] counts = new int[ratings.itemCount()];
        for (int i : ratings.items()) {
            counts[i]++;
        }
        List<String> popular = java.util.stream.IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -counts[i])).limit(K)
                .map(i -> ratings.itemIds().get(i)).toList();
        Map<String, List<Recommendation>> bySession = new HashMap<>();
        recs.stream().sorted(Comparator.comparingLong(Recommendation::eventTimestamp))
                .forEach(r -> bySession.computeIfAbsent(r.sessionKey(), x -> new ArrayList<>()).add(r));
        int hits = 0;
        int scored = 0;
        for (List<Recommendation> answers : bySession.values()) {
            for (int i = 0; i + 1 < answers.size(); i++) {
                scored++;
                hits += popular.contains(answers.get(i + 1).eventItemId()) ? 1 : 0;
            }
        }
        return (double) hits / scored;
    }

    private static List<String> itemIds(Recommendation r) {
        return r.items().stream().map(i -> i.itemId()).toList();
    }

    /** /stats' online accuracy of the main role, by "model vVERSION". */
    private static Map<String, Map<String, Object>> onlineByModel(StreamsApp app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> stats = Json.mapper().readValue(response.body(), new TypeReference<>() { });
        List<Map<String, Object>> online = Json.mapper().convertValue(stats.get("onlineAccuracy"),
                new TypeReference<>() { });
        Map<String, Map<String, Object>> byModel = new HashMap<>();
        online.stream().filter(a -> a.get("role").equals("main"))
                .forEach(a -> byModel.put(a.get("modelName") + " v" + a.get("modelVersion"), a));
        online.forEach(a -> assertThat(a.get("k")).isEqualTo(K));
        return byModel;
    }
}
