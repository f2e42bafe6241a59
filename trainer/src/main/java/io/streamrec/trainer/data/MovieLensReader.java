package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads MovieLens ratings as per-user sequences: one "session" per user (id = the user id) holding the movies that user
 * rated, in time order (stable, so equal timestamps keep file order). Ratings are ignored. Four layouts:
 * <ul>
 *   <li>{@link #readRatingsCsv} ({@code ratings.csv} of ml-latest, ml-latest-small, ml-20m, ml-25m and ml-32m): a
 *       header {@code userId,movieId,rating,timestamp}, comma-separated, columns found by name;</li>
 *   <li>{@link #readRatingsDat} ({@code ratings.dat} of ML-1M/10M): {@code UserID::MovieID::Rating::Timestamp};</li>
 *   <li>{@link #readUData} ({@code u.data} of ML-100K): tab-separated {@code user item rating timestamp};</li>
 *   <li>{@link #readRecBoleInter} (RecBole atomic {@code .inter}): a typed tab-separated header such as
 *       {@code user_id:token<TAB>item_id:token<TAB>rating:float<TAB>timestamp:float}, columns found by name; without a
 *       timestamp column the file order is the time order.</li>
 * </ul>
 * Timestamps are unix seconds (fractions allowed).
 */
public final class MovieLensReader {
    static final DelimitedFileReader.Layout RATINGS_CSV = DelimitedFileReader.Layout.named(
            DatasetFormat.MOVIELENS_CSV, ",", "userId", "movieId", "timestamp").withOptional("rating");
    static final DelimitedFileReader.Layout RATINGS_DAT = DelimitedFileReader.Layout.headerless(
            DatasetFormat.MOVIELENS_DAT, "::", 4, "UserID", "MovieID", "Rating", "Timestamp");
    static final DelimitedFileReader.Layout U_DATA = DelimitedFileReader.Layout.headerless(
            DatasetFormat.MOVIELENS_UDATA, "\t", 4, "user", "item", "rating", "timestamp");
    /** RecBole types its header entries: {@code user_id:token} is the column {@code user_id}. */
    static final DelimitedFileReader.Layout RECBOLE_INTER = DelimitedFileReader.Layout.named(
            DatasetFormat.RECBOLE_INTER, "\t", "user_id", "item_id").withOptional("timestamp", "rating")
            .withColumnNames(typed -> typed.contains(":") ? typed.substring(0, typed.indexOf(':')).trim() : typed);

    private MovieLensReader() {
    }

    public static SessionDataset readRatingsCsv(Path file) throws IOException {
        return read(file, RATINGS_CSV, "userId", "movieId", "timestamp");
    }

    public static SessionDataset readRatingsDat(Path file) throws IOException {
        return read(file, RATINGS_DAT, "UserID", "MovieID", "Timestamp");
    }

    public static SessionDataset readUData(Path file) throws IOException {
        return read(file, U_DATA, "user", "item", "timestamp");
    }

    public static SessionDataset readRecBoleInter(Path file) throws IOException {
        return read(file, RECBOLE_INTER, "user_id", "item_id", "timestamp");
    }

    /**
     * The ratings of a MovieLens layout as {@link Interactions} (users and items indexed in order of first
     * appearance); a file without a rating column gives every row the value 1 (implicit feedback).
     */
    static Interactions readInteractions(Path file, DatasetFormat format) throws IOException {
        record Columns(DelimitedFileReader.Layout layout, String user, String item, String rating, String time) {
        }
        Columns c = switch (format) {
            case MOVIELENS_CSV -> new Columns(RATINGS_CSV, "userId", "movieId", "rating", "timestamp");
            case MOVIELENS_DAT -> new Columns(RATINGS_DAT, "UserID", "MovieID", "Rating", "Timestamp");
            case MOVIELENS_UDATA -> new Columns(U_DATA, "user", "item", "rating", "timestamp");
            case RECBOLE_INTER -> new Columns(RECBOLE_INTER, "user_id", "item_id", "rating", "timestamp");
            default -> throw new IllegalArgumentException(format.cliName() + " is not a MovieLens layout");
        };
        InteractionsBuilder rows = new InteractionsBuilder();
        long[] order = {0};
        DelimitedFileReader.read(file, c.layout(), row -> {
            long millis = row.has(c.time()) ? Math.round(row.number(c.time()) * 1000) : order[0];
            order[0]++;
            float value = row.has(c.rating()) ? (float) row.number(c.rating()) : 1f;
            rows.add(row.text(c.user()), row.text(c.item()), value, millis);
        });
        return rows.build();
    }

    /** Per-user sequences from the named columns; without a {@code time} column, file order is time order. */
    private static SessionDataset read(Path file, DelimitedFileReader.Layout layout, String user, String item,
            String time) throws IOException {
        SessionAccumulator users = new SessionAccumulator();
        long[] order = {0}; // the time of a click in a file without timestamps: its place among the rows
        DelimitedFileReader.read(file, layout, row -> {
            long millis = row.has(time) ? Math.round(row.number(time) * 1000) : order[0];
            order[0]++;
            users.add(row.text(user), row.text(item), millis);
        });
        return users.build();
    }
}
