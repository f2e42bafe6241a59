package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the CIKM Cup 2016 (Diginetica) product views {@code train-item-views.csv}: a header
 * {@code sessionId;userId;itemId;timeframe;eventdate} (columns found by name), semicolon-separated. The clicks of a
 * session are ordered by {@code eventdate} (yyyy-MM-dd), then by {@code timeframe} (milliseconds), stably; a click's
 * time is the start of its day (UTC) plus its timeframe.
 */
public final class DigineticaReader {
    private DigineticaReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        SessionAccumulator sessions = new SessionAccumulator();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> columns = List.of(header.trim().split(";", -1));
            int session = column(columns, "sessionId", file);
            int item = column(columns, "itemId", file);
            int timeframe = column(columns, "timeframe", file);
            int date = column(columns, "eventdate", file);
            String line;
            long lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(";", -1);
                if (fields.length < columns.size()) {
                    throw Malformed.at(file, lineNumber, "expected " + columns.size()
                            + " semicolon-separated fields, found " + fields.length);
                }
                long day;
                try {
                    day = LocalDate.parse(fields[date].trim()).toEpochDay();
                } catch (DateTimeParseException e) {
                    throw Malformed.at(file, lineNumber, "eventdate is not yyyy-MM-dd: '" + fields[date] + "'", e);
                }
                long offset = Malformed.parseLong(fields[timeframe], file, lineNumber, "timeframe");
                if (offset < 0 || offset >= 1L << 40) {
                    throw Malformed.at(file, lineNumber, "timeframe out of range: " + offset);
                }
                long dayStart = LocalDate.ofEpochDay(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                // date first, then timeframe: the key orders by (day, timeframe) even when a timeframe exceeds a day
                sessions.add(Malformed.nonEmpty(fields[session], file, lineNumber, "sessionId"),
                        Malformed.nonEmpty(fields[item], file, lineNumber, "itemId"), dayStart + offset,
                        (day << 40) | offset);
            }
        }
        return sessions.build();
    }

    private static int column(List<String> columns, String name, Path file) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IOException(file + ": header has no " + name + " column (found " + columns + ")");
    }
}
