package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the RetailRocket e-commerce log {@code events.csv}: a header {@code timestamp,visitorid,event,itemid,
 * transactionid} (columns found by name), timestamps in epoch milliseconds. RetailRocket has no sessions, so they are
 * made from each visitor's click stream as in the session-based literature: the visitor's events of the chosen types
 * ({@code view} by default) in time order, cut wherever two consecutive ones are more than the inactivity gap apart
 * (30 minutes by default). Session ids are {@code visitorid_1}, {@code visitorid_2}, ... per visitor.
 */
public final class RetailRocketReader {
    /** The standard 30-minute inactivity gap. */
    public static final long DEFAULT_GAP_MS = 30 * 60 * 1000L;

    /**
     * @param events event types kept ({@code view}, {@code addtocart}, {@code transaction})
     * @param gapMs  a gap longer than this between two of a visitor's kept events starts a new session
     */
    public record Options(Set<String> events, long gapMs) {
        public Options {
            events = Set.copyOf(events);
            if (events.isEmpty() || gapMs <= 0) {
                throw new IllegalArgumentException("need at least one event type and a positive gap: " + events
                        + ", " + gapMs);
            }
        }

        /** Views only, 30-minute gap. */
        public static Options defaults() {
            return new Options(Set.of("view"), DEFAULT_GAP_MS);
        }
    }

    private RetailRocketReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        return read(file, Options.defaults());
    }

    public static SessionDataset read(Path file, Options options) throws IOException {
        SessionAccumulator visitors = new SessionAccumulator();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> columns = List.of(header.trim().split(",", -1));
            int time = column(columns, "timestamp", file);
            int visitor = column(columns, "visitorid", file);
            int event = column(columns, "event", file);
            int item = column(columns, "itemid", file);
            String line;
            long lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length < columns.size()) {
                    throw Malformed.at(file, lineNumber, "expected " + columns.size()
                            + " comma-separated fields, found " + fields.length);
                }
                long millis = Malformed.parseLong(fields[time], file, lineNumber, "timestamp");
                String type = Malformed.nonEmpty(fields[event], file, lineNumber, "event");
                if (!options.events().contains(type)) {
                    continue;
                }
                visitors.add(Malformed.nonEmpty(fields[visitor], file, lineNumber, "visitorid"),
                        Malformed.nonEmpty(fields[item], file, lineNumber, "itemid"), millis);
            }
        }
        return visitors.build(options.gapMs());
    }

    private static int column(List<String> columns, String name, Path file) throws IOException {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IOException(file + ": header has no " + name + " column (found " + columns + ")");
        }
        return index;
    }
}
