package io.streamrec.bench;

import io.streamrec.trainer.data.GruTsvWriter;
import io.streamrec.trainer.data.Session;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions every row trains on, generated once per run and written as GRU4Rec TSV, which both trainers read: a
 * training file, and a small held-out file (streamrec's {@code train} evaluates after training; without one it would
 * hold out a tenth of the training file, and the two sides would not train on the same events).
 *
 * @param train          the training file
 * @param test           the held-out file
 * @param sessions       training sessions
 * @param clicks         training clicks
 * @param trainingEvents training events per epoch: each click but a session's last, followed by the next
 */
record TrainBenchData(Path train, Path test, int sessions, long clicks, long trainingEvents) {
    /** Held-out sessions: enough for streamrec's evaluation to run, too few to weigh on its memory or time. */
    static final int TEST_SESSIONS = 100;

    /**
     * Writes {@code train.tsv} and {@code test.tsv} to {@code dir}: {@code sessions} sessions when given, else the
     * fewest whose training events reach {@code events}.
     */
    static TrainBenchData write(Path dir, int items, Integer sessions, int events, long seed) throws IOException {
        // every session has at least one training event, so 'events' sessions always suffice
        int drawn = sessions != null ? sessions : events;
        List<Session> all = SyntheticSessions.generate(new SyntheticSessions.Config(items, drawn + TEST_SESSIONS,
                seed)).sessions();
        int count = sessions != null ? sessions : fewestReaching(all, events);
        List<Session> chosen = new ArrayList<>(count + TEST_SESSIONS);
        for (int s = 0; s < count + TEST_SESSIONS; s++) {
            chosen.add(numbered(all.get(s), s + 1));
        }
        SessionDataset.Split split = SessionDataset.of(chosen).split(TEST_SESSIONS / (double) chosen.size());
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        GruTsvWriter.write(split.train(), train);
        GruTsvWriter.write(split.test(), test);
        long clicks = split.train().eventCount();
        return new TrainBenchData(train, test, split.train().sessions().size(), clicks,
                clicks - split.train().sessions().size());
    }

    private static int fewestReaching(List<Session> sessions, int events) {
        long sum = 0;
        for (int s = 0; s < sessions.size(); s++) {
            sum += sessions.get(s).length() - 1;
            if (sum >= events) {
                return s + 1;
            }
        }
        return sessions.size() - TEST_SESSIONS;
    }

    /** The session with a numeric id: the reference reads session ids as 32-bit integers. */
    private static Session numbered(Session session, int id) {
        return new Session(Integer.toString(id), session.items(), session.timestampsMs());
    }
}
