package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads the RecSys Challenge 2015 click file {@code yoochoose-clicks.dat}: no header, one click a line,
 * {@code SessionID,Timestamp,ItemID,Category} with an ISO-8601 UTC timestamp such as
 * {@code 2014-04-07T10:51:09.277Z}. The category is ignored. Clicks of a session are ordered by time (stable).
 */
public final class YooChooseClicksReader {
    static final DelimitedFileReader.Layout LAYOUT = DelimitedFileReader.Layout.headerless(DatasetFormat.YOOCHOOSE,
            ",", 3, "SessionID", "Timestamp", "ItemID", "Category");

    private YooChooseClicksReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        SessionAccumulator sessions = new SessionAccumulator();
        DelimitedFileReader.read(file, LAYOUT, row -> {
            long millis = row.parsed("Timestamp", t -> Instant.parse(t).toEpochMilli(),
                    "ISO-8601 (like 2014-04-07T10:51:09.277Z)");
            sessions.add(row.text("SessionID"), row.text("ItemID"), millis);
        });
        return sessions.build();
    }
}
