package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the GRU4Rec TSV format: a header naming {@code SessionId}, {@code ItemId} and {@code Time} (unix seconds,
 * fractional allowed) in any column order, then one click a line. Clicks of a session are ordered by time (stable, so
 * equal times keep file order).
 */
public final class GruTsvReader {
    private GruTsvReader() {
    }

    public static SessionDataset read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> columns = List.of(header.split("\t", -1));
            int session = column(columns, "SessionId", file);
            int item = column(columns, "ItemId", file);
            int time = column(columns, "Time", file);
            Map<String, List<long[]>> clicks = new LinkedHashMap<>();
            Map<String, List<String>> items = new LinkedHashMap<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < columns.size()) {
                    throw new IOException(file + " line " + lineNumber + ": expected " + columns.size()
                            + " tab-separated fields, found " + fields.length);
                }
                long millis;
                try {
                    millis = Math.round(Double.parseDouble(fields[time]) * 1000);
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + lineNumber + ": Time is not a number: " + fields[time], e);
                }
                String id = fields[session];
                List<String> sessionItems = items.computeIfAbsent(id, k -> new ArrayList<>());
                clicks.computeIfAbsent(id, k -> new ArrayList<>()).add(new long[] {millis, sessionItems.size()});
                sessionItems.add(fields[item]);
            }
            List<Session> sessions = new ArrayList<>(clicks.size());
            clicks.forEach((id, timed) -> {
                timed.sort((a, b) -> Long.compare(a[0], b[0]));
                List<String> raw = items.get(id);
                List<String> ordered = new ArrayList<>(timed.size());
                List<Long> times = new ArrayList<>(timed.size());
                for (long[] t : timed) {
                    ordered.add(raw.get((int) t[1]));
                    times.add(t[0]);
                }
                sessions.add(new Session(id, ordered, times));
            });
            return SessionDataset.of(sessions);
        }
    }

    private static int column(List<String> columns, String name, Path file) throws IOException {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IOException(file + ": header has no " + name + " column (found " + columns + ")");
        }
        return index;
    }
}
