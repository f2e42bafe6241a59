package io.streamrec.demo;

import io.streamrec.schemas.recommendation.Recommendation;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a few live sessions with their clicks and latest recommendations, marking hits on the click that followed. */
final class LiveView {
    private final SessionLedger ledger;
    private final OutputCollector outputs;
    private final PrintStream out;
    private final int sessions;

    LiveView(SessionLedger ledger, OutputCollector outputs, PrintStream out, int sessions) {
        this.ledger = ledger;
        this.outputs = outputs;
        this.out = out;
        this.sessions = sessions;
    }

    void print(long sent, long total) {
        out.printf("%n  -- live: %,d / %,d events sent, %,d recommendations, %,d dead letters --%n", sent, total,
                outputs.recommendations(), outputs.deadLetters());
        for (String key : ledger.recentSessions(sessions)) {
            List<SessionLedger.Sent> clicks = ledger.session(key);
            List<Recommendation> recs = outputs.forSession(key);
            String clicked = clicks.stream().skip(Math.max(0, clicks.size() - 4)).map(SessionLedger.Sent::itemId)
                    .collect(Collectors.joining(" > "));
            if (recs.isEmpty()) {
                out.printf("  %-10s clicked %s  (answer pending)%n", key, clicked);
                continue;
            }
            Recommendation latest = recs.get(recs.size() - 1);
            String top = latest.items().stream().limit(5).map(RecommendedItem::itemId).collect(Collectors.joining(" "));
            String previousHit = "";
            int answered = recs.size();
            if (answered >= 2 && clicks.size() >= answered) {
                String next = clicks.get(answered - 1).itemId();
                boolean hit = recs.get(answered - 2).items().stream().anyMatch(i -> i.itemId().equals(next));
                previousHit = hit ? "  [last click was in the previous top-20]" : "";
            }
            out.printf("  %-10s clicked %-28s -> %s v%d: %s%s%n", key, clicked, latest.modelName(),
                    latest.modelVersion(), top, previousHit);
        }
    }
}
