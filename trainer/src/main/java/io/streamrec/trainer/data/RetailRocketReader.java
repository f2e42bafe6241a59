package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
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
    static final DelimitedFileReader.Layout LAYOUT = DelimitedFileReader.Layout.named(DatasetFormat.RETAILROCKET,
            ",", "timestamp", "visitorid", "event", "itemid");

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
        DelimitedFileReader.read(file, LAYOUT, row -> {
            long millis = row.integer("timestamp");
            if (options.events().contains(row.text("event"))) {
                visitors.add(row.text("visitorid"), row.text("itemid"), millis);
            }
        });
        return visitors.build(options.gapMs());
    }
}
