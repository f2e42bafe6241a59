package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What is wrong with one line of a data file. Thrown by a {@link DelimitedFileReader.Row} or the reader handling it,
 * and collected by {@link Lines} into the one report a person gets for the whole file.
 */
final class Malformed extends Exception {
    private final long line;

    Malformed(long line, String problem, Throwable cause) {
        // no stack trace: the line number says where, and a wrong layout can make every line malformed
        super(problem, cause, false, false);
        this.line = line;
    }

    long line() {
        return line;
    }

    /**
     * A file's malformed lines: every one is counted and the first few are named, so that one report says both what
     * is wrong (the first line's problem) and how much (one stray line to fix, or a file in another layout).
     */
    static final class Lines {
        /** How many line numbers the report names. */
        static final int SHOWN = 5;
        /** After this many malformed lines reading stops: the file is not in the layout it is read as. */
        static final int LIMIT = 100;

        private final Path file;
        private final String format;
        private final List<Long> shown = new ArrayList<>(SHOWN);
        private Malformed first;
        private long count;

        Lines(Path file, String format) {
            this.file = file;
            this.format = format;
        }

        /** Records one malformed line; false once {@link #LIMIT} lines are malformed and reading should stop. */
        boolean add(Malformed malformed) {
            if (first == null) {
                first = malformed;
            }
            if (shown.size() < SHOWN) {
                shown.add(malformed.line());
            }
            count++;
            return count < LIMIT;
        }

        /** One line: the first problem at {@code file:line}, how many lines are malformed, which, and what to do. */
        void throwIfAny() throws IOException {
            if (first == null) {
                return;
            }
            String report = at(file, first.line(), first.getMessage());
            String lines = shown.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (count > shown.size() ? ", ..." : "");
            if (count >= LIMIT) {
                report += "; stopped after " + LIMIT + " malformed lines (" + lines + "): if this is not a " + format
                        + " file, give its layout with --format";
            } else if (count > 1) {
                report += "; " + count + " malformed lines (" + lines + "): fix or remove them";
            } else {
                report += "; fix or remove that line";
            }
            throw new IOException(report, first.getCause());
        }
    }

    /** The one way to point at a place in a data file, {@code file:line}, as compilers and editors do. */
    static String at(Path file, long line, String problem) {
        return file + ":" + line + ": " + problem;
    }
}
