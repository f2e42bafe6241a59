package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    static final String TRAIN_HEADER = "session_idx\titems_in_order";
    static final String TEST_HEADER = "prefix_items\tnext_item";
    static final long CLICK_STEP_MS = 1000L;
    static final long SESSION_STEP_MS = 3_600_000L;

    private SequenceFileReader() {
    }

    /** Either kind of file, told apart by its header. */
    public static SessionDataset read(Path file) throws IOException {
        return switch (header(file)) {
            case TRAIN_HEADER -> readSessions(file);
            case TEST_HEADER -> readPrefixes(file);
            default -> throw new IOException(file + ": header is neither '" + TRAIN_HEADER.replace("\t", "<TAB>")
                    + "' nor '" + TEST_HEADER.replace("\t", "<TAB>") + "'");
        };
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

    static String header(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            return header == null ? "" : header.strip();
        }
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
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            expectHeader(file, reader.readLine(), TRAIN_HEADER);
            String line;
            long lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw Malformed.at(file, lineNumber, "expected session_idx<TAB>items_in_order, found "
                            + fields.length + " tab-separated fields");
                }
                sequences.add(new Sequence(Malformed.nonEmpty(fields[0], file, lineNumber, "session_idx"),
                        items(fields[1], names, file, lineNumber, "items_in_order")));
            }
        }
        return sequences;
    }

    private static List<Sequence> readPrefixLines(Path file) throws IOException {
        List<Sequence> sequences = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            expectHeader(file, reader.readLine(), TEST_HEADER);
            String line;
            long lineNumber = 1;
            List<String> previous = null;
            List<String> session = null;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw Malformed.at(file, lineNumber, "expected prefix_items<TAB>next_item, found " + fields.length
                            + " tab-separated fields");
                }
                List<String> prefix = items(fields[0], names, file, lineNumber, "prefix_items");
                String next = Malformed.nonEmpty(fields[1], file, lineNumber, "next_item");
                if (next.contains(" ")) {
                    throw Malformed.at(file, lineNumber, "next_item is more than one item: '" + next + "'");
                }
                boolean continues = previous != null && prefix.size() == previous.size() - 1
                        && next.equals(previous.get(previous.size() - 1))
                        && prefix.equals(previous.subList(0, prefix.size()));
                if (!continues) {
                    if (session != null) {
                        sequences.add(new Sequence("test_" + (sequences.size() + 1), session));
                    }
                    session = new ArrayList<>(prefix);
                    session.add(names.computeIfAbsent(next, k -> k));
                }
                previous = prefix;
            }
            if (session != null) {
                sequences.add(new Sequence("test_" + (sequences.size() + 1), session));
            }
        }
        return sequences;
    }

    private static void expectHeader(Path file, String header, String expected) throws IOException {
        if (header == null || !header.strip().equals(expected)) {
            throw Malformed.at(file, 1, "expected the header '" + expected.replace("\t", "<TAB>") + "', found '"
                    + (header == null ? "" : header.replace("\t", "<TAB>")) + "'");
        }
    }

    private static List<String> items(String field, Map<String, String> names, Path file, long line, String what)
            throws IOException {
        String trimmed = field.strip();
        if (trimmed.isEmpty()) {
            throw Malformed.at(file, line, what + " is empty");
        }
        String[] tokens = trimmed.split(" +");
        List<String> items = new ArrayList<>(tokens.length);
        for (String token : tokens) {
            items.add(names.computeIfAbsent(token, k -> k));
        }
        return items;
    }
}
