package io.streamrec.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/** The one way readers report bad input: the file, the line number (1-based) and what is wrong. */
final class Malformed {
    private Malformed() {
    }

    static IOException at(Path file, long line, String problem) {
        return new IOException(file + " line " + line + ": " + problem);
    }

    static IOException at(Path file, long line, String problem, Throwable cause) {
        return new IOException(file + " line " + line + ": " + problem, cause);
    }

    static long parseLong(String text, Path file, long line, String what) throws IOException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw at(file, line, what + " is not an integer: '" + text + "'", e);
        }
    }

    static double parseDouble(String text, Path file, long line, String what) throws IOException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw at(file, line, what + " is not a number: '" + text + "'", e);
        }
    }

    static String nonEmpty(String text, Path file, long line, String what) throws IOException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw at(file, line, what + " is empty");
        }
        return trimmed;
    }
}
