package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reads the CIKM Cup 2016 (Diginetica) product views {@code train-item-views.csv}: a header
 * {@code sessionId;userId;itemId;timeframe;eventdate} (columns found by name), semicolon-separated. The clicks of a
 * session are ordered by {@code eventdate} (yyyy-MM-dd), then by {@code timeframe} (milliseconds), stably; a click's
 * time is the start of its day (UTC) plus its timeframe.
 */
public final class DigineticaReader {
    static final DelimitedFileReader.Layout LAYOUT = DelimitedFileReader.Layout.named(DatasetFormat.DIGINETICA, ";",
            "sessionId", "itemId", "timeframe", "eventdate");

    private DigineticaReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        SessionAccumulator sessions = new SessionAccumulator();
        DelimitedFileReader.read(file, LAYOUT, row -> {
            long day = row.parsed("eventdate", LocalDate::parse, "yyyy-MM-dd").toEpochDay();
            long offset = row.integer("timeframe");
            if (offset < 0 || offset >= 1L << 40) {
                throw row.malformed("timeframe out of range: " + offset);
            }
            long dayStart = LocalDate.ofEpochDay(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            // date first, then timeframe: the key orders by (day, timeframe) even when a timeframe exceeds a day
            sessions.add(row.text("sessionId"), row.text("itemId"), dayStart + offset, (day << 40) | offset);
        });
        return sessions.build();
    }
}
