package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the RecSys Challenge 2015 click file {@code yoochoose-clicks.dat}: no header, one click a line,
 * {@code SessionID,Timestamp,ItemID,Category} with an ISO-8601 UTC timestamp such as
 * {@code 2014-04-07T10:51:09.277Z}. The category is ignored. Clicks of a session are ordered by time (stable).
 */
public final class YooChooseClicksReader {
    private YooChooseClicksReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        SessionAccumulator sessions = new SessionAccumulator();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length < 3) {
                    throw Malformed.at(file, lineNumber, "expected SessionID,Timestamp,ItemID,Category, found "
                            + fields.length + " comma-separated fields");
                }
                long millis;
                try {
                    millis = Instant.parse(fields[1].trim()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw Malformed.at(file, lineNumber, "Timestamp is not ISO-8601 (like 2014-04-07T10:51:09.277Z): '"
                            + fields[1] + "'", e);
                }
                sessions.add(Malformed.nonEmpty(fields[0], file, lineNumber, "SessionID"),
                        Malformed.nonEmpty(fields[2], file, lineNumber, "ItemID"), millis);
            }
        }
        return sessions.build();
    }
}
