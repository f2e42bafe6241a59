package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads MovieLens ratings as per-user sequences: one "session" per user (id = the user id) holding the movies that user
 * rated, in time order (stable, so equal timestamps keep file order). Ratings are ignored. Three layouts:
 * <ul>
 *   <li>{@link #readRatingsDat} ({@code ratings.dat} of ML-1M/10M): {@code UserID::MovieID::Rating::Timestamp};</li>
 *   <li>{@link #readUData} ({@code u.data} of ML-100K): tab-separated {@code user item rating timestamp};</li>
 *   <li>{@link #readRecBoleInter} (RecBole atomic {@code .inter}): a typed tab-separated header such as
 *       {@code user_id:token<TAB>item_id:token<TAB>rating:float<TAB>timestamp:float}, columns found by name; without a
 *       timestamp column the file order is the time order.</li>
 * </ul>
 * Timestamps are unix seconds (fractions allowed).
 */
public final class MovieLensReader {
    private static final Pattern DOUBLE_COLON = Pattern.compile("::");
    private static final Pattern TAB = Pattern.compile("\t");

    private MovieLensReader() {
    }

    public static SessionDataset readRatingsDat(Path file) throws IOException {
        return readFixed(file, DOUBLE_COLON, "UserID::MovieID::Rating::Timestamp");
    }

    public static SessionDataset readUData(Path file) throws IOException {
        return readFixed(file, TAB, "user<TAB>item<TAB>rating<TAB>timestamp");
    }

    private static SessionDataset readFixed(Path file, Pattern separator, String layout) throws IOException {
        SessionAccumulator users = new SessionAccumulator();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = separator.split(line.strip(), -1);
                if (fields.length < 4) {
                    throw Malformed.at(file, lineNumber, "expected " + layout + ", found " + fields.length + " fields");
                }
                long millis = Math.round(Malformed.parseDouble(fields[3], file, lineNumber, "timestamp") * 1000);
                users.add(Malformed.nonEmpty(fields[0], file, lineNumber, "user id"),
                        Malformed.nonEmpty(fields[1], file, lineNumber, "item id"), millis);
            }
        }
        return users.build();
    }

    public static SessionDataset readRecBoleInter(Path file) throws IOException {
        SessionAccumulator users = new SessionAccumulator();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> names = new ArrayList<>();
            for (String typed : header.strip().split("\t", -1)) {
                int colon = typed.indexOf(':');
                names.add(colon < 0 ? typed.trim() : typed.substring(0, colon).trim());
            }
            int user = names.indexOf("user_id");
            int item = names.indexOf("item_id");
            int time = names.indexOf("timestamp");
            if (user < 0 || item < 0) {
                throw new IOException(file + ": header needs user_id and item_id columns (found " + header.strip()
                        + ")");
            }
            String line;
            long lineNumber = 1;
            long order = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < names.size()) {
                    throw Malformed.at(file, lineNumber, "expected " + names.size() + " tab-separated fields, found "
                            + fields.length);
                }
                long millis = time < 0 ? order
                        : Math.round(Malformed.parseDouble(fields[time], file, lineNumber, "timestamp") * 1000);
                order++;
                users.add(Malformed.nonEmpty(fields[user], file, lineNumber, "user_id"),
                        Malformed.nonEmpty(fields[item], file, lineNumber, "item_id"), millis);
            }
        }
        return users.build();
    }
}
