package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One entry point for every supported layout, for commands that offer {@code --format}. */
public final class DatasetReaders {
    private DatasetReaders() {
    }

    /**
     * The sessions in {@code path}. For {@link DatasetFormat#SEQUENCES} a file is read as training sessions or
     * rebuilt test sessions by its header; a directory holding both files gives the training sessions followed by the
     * test sessions (use {@link #readSplit} to keep them apart).
     */
    public static SessionDataset read(Path path, DatasetFormat format) throws IOException {
        DatasetFormat actual = resolve(path, format);
        if (Files.isDirectory(path) && actual != DatasetFormat.SEQUENCES) {
            throw new IOException(path + " is a directory; " + actual.cliName() + " reads a file");
        }
        return switch (actual) {
            case GRU_TSV -> GruTsvReader.read(path);
            case YOOCHOOSE -> YooChooseClicksReader.read(path);
            case DIGINETICA -> DigineticaReader.read(path);
            case RETAILROCKET -> RetailRocketReader.read(path);
            case SEQUENCES -> {
                if (Files.isDirectory(path)) {
                    SessionDataset.Split split = SequenceFileReader.readSplit(path);
                    yield split.train().concat(split.test());
                }
                yield SequenceFileReader.read(path);
            }
            case MOVIELENS_CSV -> MovieLensReader.readRatingsCsv(path);
            case MOVIELENS_DAT -> MovieLensReader.readRatingsDat(path);
            case MOVIELENS_UDATA -> MovieLensReader.readUData(path);
            case RECBOLE_INTER -> MovieLensReader.readRecBoleInter(path);
            case AUTO -> throw new IllegalStateException("resolved above");
        };
    }

    /**
     * The data in {@code path} as user–item {@link Interactions}: a MovieLens layout with its ratings as values;
     * any other layout's sessions as implicit feedback (each session a user, each click the value 1).
     */
    public static Interactions readInteractions(Path path, DatasetFormat format) throws IOException {
        DatasetFormat actual = resolve(path, format);
        return switch (actual) {
            case MOVIELENS_CSV, MOVIELENS_DAT, MOVIELENS_UDATA, RECBOLE_INTER -> {
                if (Files.isDirectory(path)) {
                    throw new IOException(path + " is a directory; " + actual.cliName() + " reads a file");
                }
                yield MovieLensReader.readInteractions(path, actual);
            }
            default -> {
                InteractionsBuilder rows = new InteractionsBuilder();
                for (Session s : read(path, actual).sessions()) {
                    for (int k = 0; k < s.length(); k++) {
                        rows.add(s.sessionId(), s.items().get(k), 1f, s.timestampsMs().get(k));
                    }
                }
                yield rows.build();
            }
        };
    }

    /**
     * The train/test split the data comes with, where its layout implies one: {@link DatasetFormat#SEQUENCES} given
     * its directory or its training file (with {@value SequenceFileReader#TEST_FILE} beside it). Empty otherwise.
     */
    public static Optional<SessionDataset.Split> readSplit(Path path, DatasetFormat format) throws IOException {
        return splitTestFile(path, format).isPresent() ? Optional.of(SequenceFileReader.readSplit(path))
                : Optional.empty();
    }

    /**
     * Held-out sessions: the test part where the layout implies a split (see {@link #readSplit}), read without its
     * training part; otherwise everything in {@code path}.
     */
    public static SessionDataset readTest(Path path, DatasetFormat format) throws IOException {
        Optional<Path> testFile = splitTestFile(path, format);
        return testFile.isPresent() ? SequenceFileReader.readPrefixes(testFile.get()) : read(path, format);
    }

    /** The test file of the split {@code path}'s layout implies, if it implies one. */
    private static Optional<Path> splitTestFile(Path path, DatasetFormat format) throws IOException {
        if (resolve(path, format) != DatasetFormat.SEQUENCES) {
            return Optional.empty();
        }
        boolean trainFile = !Files.isDirectory(path)
                && SequenceFileReader.TRAIN_LAYOUT.matches(DelimitedFileReader.firstLine(path));
        Path test = (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent())
                .resolve(SequenceFileReader.TEST_FILE);
        return (Files.isDirectory(path) || trainFile) && Files.isRegularFile(test) ? Optional.of(test)
                : Optional.empty();
    }

    /**
     * The headers a file of {@code format} starts with, by which {@link DatasetFormat#detect} knows it when its name
     * does not tell; none for headerless layouts. Exhaustive, so that a new format says whether it has one.
     */
    static List<DelimitedFileReader.Layout> headerLayouts(DatasetFormat format) {
        return switch (format) {
            case GRU_TSV -> List.of(GruTsvReader.LAYOUT);
            case DIGINETICA -> List.of(DigineticaReader.LAYOUT);
            case RETAILROCKET -> List.of(RetailRocketReader.LAYOUT);
            case SEQUENCES -> List.of(SequenceFileReader.TRAIN_LAYOUT, SequenceFileReader.TEST_LAYOUT);
            case MOVIELENS_CSV -> List.of(MovieLensReader.RATINGS_CSV);
            case RECBOLE_INTER -> List.of(MovieLensReader.RECBOLE_INTER);
            case AUTO, YOOCHOOSE, MOVIELENS_DAT, MOVIELENS_UDATA -> List.of();
        };
    }

    /** {@code format}, or the detected one for {@link DatasetFormat#AUTO}. */
    public static DatasetFormat resolve(Path path, DatasetFormat format) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return format == DatasetFormat.AUTO ? DatasetFormat.detect(path) : format;
    }
}
