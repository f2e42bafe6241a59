package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the GRU4Rec TSV format: a header naming {@code SessionId}, {@code ItemId} and {@code Time} (unix seconds,
 * fractional allowed) in any column order, then one click a line. Clicks of a session are ordered by time (stable, so
 * equal times keep file order). Session and item ids are taken as they stand, the way {@link GruTsvWriter} wrote them.
 */
public final class GruTsvReader {
    static final DelimitedFileReader.Layout LAYOUT = DelimitedFileReader.Layout.named(DatasetFormat.GRU_TSV, "\t",
            "SessionId", "ItemId", "Time");

    private GruTsvReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        SessionAccumulator sessions = new SessionAccumulator();
        DelimitedFileReader.read(file, LAYOUT, row -> sessions.add(row.raw("SessionId"), row.raw("ItemId"),
                Math.round(row.number("Time") * 1000)));
        return sessions.build();
    }
}
