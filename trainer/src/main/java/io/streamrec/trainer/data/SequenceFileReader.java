package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one-session-per-line sequence files, the SR-GNN / GCE-GNN layout (as in {@code shared/data/nowplaying_gcegnn}):
 * <ul>
 *   <li>training sessions ({@code all_train_seq.tsv}): a header {@code session_idx<TAB>items_in_order}, then one
 *       session a line, its item ids space-separated in click order; the session id is the first column;</li>
 *   <li>test prefixes ({@code test.tsv}): a header {@code prefix_items<TAB>next_item}, then every prefix of every test
 *       session with the item that came next, the longest prefix of a session first. The test sessions are rebuilt
 *       by grouping consecutive lines: a line continues the session above when its prefix is the line above's prefix
 *       without its last item and its next item is that last item; otherwise it starts a new session (prefix + next
 *       item, id {@code test_1}, {@code test_2}, ...).</li>
 * </ul>
 * These files have no timestamps, so times are synthesised: sessions in file order, one second between clicks and an
 * hour between sessions (longer than any inactivity gap), which preserves every order the file states. In
 * {@link #readSplit} the test sessions come after all training sessions.
 */
public final class SequenceFileReader {
    public static final String TRAIN_FILE = "all_train_seq.tsv";
    public static final String TEST_FILE = "test.tsv";
    static final DelimitedFileReader.Layout TRAIN_LAYOUT = DelimitedFileReader.Layout.exact(DatasetFormat.SEQUENCES,
            "\t", "session_idx", "items_in_order");
    static final DelimitedFileReader.Layout TEST_LAYOUT = DelimitedFileReader.Layout.exact(DatasetFormat.SEQUENCES,
            "\t", "prefix_items", "next_item");
    static final long CLICK_STEP_MS = 1000L;
    static final long SESSION_STEP_MS = 3_600_000L;

    private SequenceFileReader() {
    }

    /** Either kind of file, told apart by its header. */
    public static SessionDataset read(Path file) throws IOException {
        String header = DelimitedFileReader.firstLine(file);
        if (TRAIN_LAYOUT.matches(header)) {
            return readSessions(file);
        }
        if (TEST_LAYOUT.matches(header)) {
            return readPrefixes(file);
        }
        throw new IOException(file + ": the header is neither '" + TRAIN_LAYOUT.shown() + "' (" + TRAIN_FILE
                + ") nor '" + TEST_LAYOUT.shown() + "' (" + TEST_FILE + "); is this a sequences file?");
    }

    /** Training sessions, one a line. */
    public static SessionDataset readSessions(Path file) throws IOException {
        return new Clock(0).sessions(readSessionLines(file));
    }

    /** Test sessions rebuilt from prefix/next-item lines. */
    public static SessionDataset readPrefixes(Path file) throws IOException {
        return new Clock(0).sessions(readPrefixLines(file));
    }

    /**
     * The training and test sessions of a directory holding {@value #TRAIN_FILE} and {@value #TEST_FILE} (or given
     * the training file, with the test file beside it), test times after all training times.
     */
    public static SessionDataset.Split readSplit(Path dirOrTrainFile) throws IOException {
        Path dir = Files.isDirectory(dirOrTrainFile) ? dirOrTrainFile : dirOrTrainFile.toAbsolutePath().getParent();
        Path trainFile = Files.isDirectory(dirOrTrainFile) ? dir.resolve(TRAIN_FILE) : dirOrTrainFile;
        Path testFile = dir.resolve(TEST_FILE);
        if (!Files.isRegularFile(trainFile) || !Files.isRegularFile(testFile)) {
            throw new IOException("expected " + trainFile + " and " + testFile);
        }
        Clock clock = new Clock(0);
        SessionDataset train = clock.sessions(readSessionLines(trainFile));
        SessionDataset test = clock.sessions(readPrefixLines(testFile));
        return new SessionDataset.Split(train, test);
    }

    private record Sequence(String id, List<String> items) {
    }

    /** Hands out increasing synthetic times across the files read with it. */
    private static final class Clock {
        private long next;

        Clock(long start) {
            this.next = start;
        }

        SessionDataset sessions(List<Sequence> sequences) {
            List<Session> sessions = new ArrayList<>(sequences.size());
            for (Sequence s : sequences) {
                List<Long> times = new ArrayList<>(s.items().size());
                for (int i = 0; i < s.items().size(); i++) {
                    times.add(next);
                    next += CLICK_STEP_MS;
                }
                next += SESSION_STEP_MS;
                sessions.add(new Session(s.id(), s.items(), times));
            }
            return SessionDataset.of(sessions);
        }
    }

    private static List<Sequence> readSessionLines(Path file) throws IOException {
        List<Sequence> sequences = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        DelimitedFileReader.read(file, TRAIN_LAYOUT, row -> sequences.add(new Sequence(row.text("session_idx"),
                items(row, "items_in_order", names))));
        return sequences;
    }

    private static List<Sequence> readPrefixLines(Path file) throws IOException {
        PrefixGrouping grouping = new PrefixGrouping();
        DelimitedFileReader.read(file, TEST_LAYOUT, grouping);
        return grouping.finish();
    }

    /** Rebuilds test sessions from prefix lines, longest prefix of a session first (see the class comment). */
    private static final class PrefixGrouping implements DelimitedFileReader.RowHandler {
        private final List<Sequence> sequences = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private List<String> previous;
        private List<String> session;

        @Override
        public void accept(DelimitedFileReader.Row row) throws Malformed {
            List<String> prefix = items(row, "prefix_items", names);
            String next = row.text("next_item");
            if (next.contains(" ")) {
                throw row.malformed("next_item is more than one item: '" + next + "'");
            }
            boolean continues = previous != null && prefix.size() == previous.size() - 1
                    && next.equals(previous.get(previous.size() - 1))
                    && prefix.equals(previous.subList(0, prefix.size()));
            if (!continues) {
                finishSession();
                session = new ArrayList<>(prefix);
                session.add(names.computeIfAbsent(next, k -> k));
            }
            previous = prefix;
        }

        List<Sequence> finish() {
            finishSession();
            return sequences;
        }

        private void finishSession() {
            if (session != null) {
                sequences.add(new Sequence("test_" + (sequences.size() + 1), session));
                session = null;
            }
        }
    }

    /** The space-separated item ids of {@code column}, each id one shared string. */
    private static List<String> items(DelimitedFileReader.Row row, String column, Map<String, String> names)
            throws Malformed {
        String[] tokens = row.text(column).split(" +");
        List<String> items = new ArrayList<>(tokens.length);
        for (String token : tokens) {
            items.add(names.computeIfAbsent(token, k -> k));
        }
        return items;
    }
}
