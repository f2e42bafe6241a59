package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The session data layouts {@link DatasetReaders} reads, each with the name the command line uses. */
public enum DatasetFormat {
    /** Detect the layout from the file name, else from its header (see {@link #detect}). */
    AUTO("auto", "detect from the file name or header"),
    /** GRU4Rec TSV: header {@code SessionId ItemId Time} (unix seconds), tab-separated. */
    GRU_TSV("gru-tsv", "GRU4Rec TSV: SessionId<TAB>ItemId<TAB>Time (unix s), with header"),
    /** RecSys Challenge 2015 {@code yoochoose-clicks.dat}. */
    YOOCHOOSE("yoochoose", "yoochoose-clicks.dat: SessionID,Timestamp (ISO-8601),ItemID,Category, no header"),
    /** CIKM Cup 2016 {@code train-item-views.csv}. */
    DIGINETICA("diginetica", "train-item-views.csv: sessionId;userId;itemId;timeframe;eventdate, with header"),
    /** RetailRocket {@code events.csv}, sessions cut at 30 minutes of inactivity, views only. */
    RETAILROCKET("retailrocket", "events.csv: timestamp,visitorid,event,itemid,transactionid; views, 30-min sessions"),
    /** One session a line plus a prefix/next-item test file (SR-GNN / GCE-GNN layout). */
    SEQUENCES("sequences", "all_train_seq.tsv (session_idx<TAB>items) and test.tsv (prefix_items<TAB>next_item)"),
    /** MovieLens {@code ratings.csv} (ml-latest, ml-25m, ml-32m), per-user sequences. */
    MOVIELENS_CSV("movielens-csv", "ratings.csv (ml-latest, ml-25m, ml-32m): userId,movieId,rating,timestamp, with"
            + " header; per-user sequences"),
    /** MovieLens {@code ratings.dat}, per-user sequences. */
    MOVIELENS_DAT("movielens-dat", "ratings.dat: UserID::MovieID::Rating::Timestamp, per-user sequences"),
    /** MovieLens 100K {@code u.data}, per-user sequences. */
    MOVIELENS_UDATA("movielens-udata", "u.data: user<TAB>item<TAB>rating<TAB>timestamp, per-user sequences"),
    /** RecBole atomic {@code .inter}, per-user sequences. */
    RECBOLE_INTER("recbole-inter", "RecBole .inter: typed header user_id:token<TAB>item_id:token<TAB>...timestamp");

    private final String cliName;
    private final String description;

    DatasetFormat(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /** By command-line name ({@code gru-tsv}) or constant name ({@code GRU_TSV}), case-insensitively. */
    public static DatasetFormat parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DatasetFormat f : values()) {
            if (f.cliName.equals(wanted)) {
                return f;
            }
        }
        if (wanted.equals("movielens") || wanted.equals("ml")) {
            throw new IllegalArgumentException("say which MovieLens layout: movielens-csv (ratings.csv),"
                    + " movielens-dat (ratings.dat), movielens-udata (u.data) or recbole-inter (.inter)");
        }
        throw new IllegalArgumentException("unknown dataset format '" + name + "': use one of " + names(values()));
    }

    /**
     * The layout of {@code path}: by the standard file names ({@code yoochoose-clicks*.dat},
     * {@code train-item-views.csv}, {@code events.csv}, {@code ratings.dat}, {@code u.data}, {@code *.inter}, a
     * directory holding the sequence files), else by a header that names the columns of exactly one layout (GRU4Rec
     * TSV, MovieLens {@code ratings.csv}, sequence files, and the named layouts under other file names).
     *
     * @throws IOException when neither tells, or the header fits several layouts
     */
    public static DatasetFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(SequenceFileReader.TRAIN_FILE))) {
                return SEQUENCES;
            }
            throw new IOException(path + " is a directory without " + SequenceFileReader.TRAIN_FILE
                    + "; give the data file");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("yoochoose-clicks") && name.endsWith(".dat")) {
            return YOOCHOOSE;
        }
        if (name.equals("train-item-views.csv")) {
            return DIGINETICA;
        }
        if (name.equals("events.csv")) {
            return RETAILROCKET;
        }
        if (name.equals("ratings.dat")) {
            return MOVIELENS_DAT;
        }
        if (name.equals("u.data")) {
            return MOVIELENS_UDATA;
        }
        if (name.endsWith(".inter")) {
            return RECBOLE_INTER;
        }
        String header = DelimitedFileReader.firstLine(path);
        List<DatasetFormat> fitting = Arrays.stream(values())
                .filter(f -> DatasetReaders.headerLayouts(f).stream().anyMatch(l -> l.matches(header))).toList();
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        String choices = fitting.isEmpty() ? names(Arrays.stream(values()).skip(1).toArray(DatasetFormat[]::new))
                : names(fitting.toArray(DatasetFormat[]::new));
        throw new IOException("cannot tell the format of " + path + " from its name or header"
                + (fitting.isEmpty() ? "" : ", which fits several") + "; give it with --format: one of " + choices);
    }

    private static String names(DatasetFormat... formats) {
        return Arrays.stream(formats).map(DatasetFormat::cliName).collect(Collectors.joining(", "));
    }
}
