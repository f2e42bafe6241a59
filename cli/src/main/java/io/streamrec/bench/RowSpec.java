package io.streamrec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@code bench-stream}: what runs (the bare-Streams ceiling, streamrec with popularity only, or streamrec
 * with a model kind) and over how large a catalogue. Written on the command line as {@code ceiling},
 * {@code popularity}, or {@code KIND-ITEMS} with ITEMS a number or a number with a {@code k} suffix
 * ({@code gru4rec-60k}, {@code caser-60000}); ceiling and popularity take an optional catalogue the same way.
 */
record RowSpec(Kind kind, int items) {
    /** Catalogue of the ceiling and popularity rows when none is given: the demo's size. */
    static final int DEFAULT_BASE_ITEMS = 1000;

    enum Kind {
        CEILING, POPULARITY, GRU4REC, CASER, AI2V;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean hasModel() {
            return this != CEILING && this != POPULARITY;
        }
    }

    RowSpec {
        if (items < 2) {
            throw new IllegalArgumentException("a row needs at least 2 items, got " + items);
        }
    }

    static RowSpec parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        int dash = spec.lastIndexOf('-');
        String kindText = dash < 0 ? spec : spec.substring(0, dash);
        Kind kind;
        try {
            kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown row '" + text + "': expected ceiling, popularity, "
                    + "gru4rec-N, caser-N or ai2v-N (N items, e.g. 60k)");
        }
        if (dash < 0) {
            if (kind.hasModel()) {
                throw new IllegalArgumentException("row '" + text + "' needs a catalogue size, e.g. " + kind.id()
                        + "-60k");
            }
            return new RowSpec(kind, DEFAULT_BASE_ITEMS);
        }
        return new RowSpec(kind, parseItems(spec.substring(dash + 1), text));
    }

    static List<RowSpec> parseAll(List<String> texts) {
        List<RowSpec> rows = new ArrayList<>();
        for (String text : texts) {
            rows.add(parse(text));
        }
        return rows;
    }

    private static int parseItems(String text, String whole) {
        try {
            if (text.endsWith("k")) {
                return Math.multiplyExact(Integer.parseInt(text.substring(0, text.length() - 1)), 1000);
            }
            return Integer.parseInt(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("row '" + whole + "': '" + text + "' is not a catalogue size");
        }
    }

    /** The row's name in tables and JSON, e.g. {@code gru4rec-60k}. */
    String label() {
        if (!kind.hasModel() && items == DEFAULT_BASE_ITEMS) {
            return kind.id();
        }
        return kind.id() + "-" + (items % 1000 == 0 ? items / 1000 + "k" : Integer.toString(items));
    }
}
