package io.streamrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The reading frame every dataset reader of delimited text runs on. A reader states its {@link Layout} (delimiter,
 * the columns it needs and how the header names them) and what one {@link Row} adds to its sessions; the frame does
 * the rest the same way for every layout: opens the file as UTF-8, checks the header, numbers the lines (1-based, the
 * header is line 1), skips blank lines, splits each line, checks its number of fields and collects malformed lines.
 * A file with malformed lines is read on to its end, or until {@value Malformed.Lines#LIMIT} of them show it is in
 * another layout, and is then refused with one report (see {@link Malformed.Lines}); nothing of it is returned.
 */
final class DelimitedFileReader {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DelimitedFileReader() {
    }

    /** What a reader does with one row. */
    @FunctionalInterface
    interface RowHandler {
        void accept(Row row) throws Malformed;
    }

    /** How the first line of a file relates to its columns. */
    enum Header {
        /** A header line names the columns; the needed ones are found by name, in any order, among others. */
        NAMED,
        /** A header line is exactly the columns, in order, and every row has exactly that many fields. */
        EXACT,
        /** No header: the columns are the first fields of each line, in order. */
        NONE
    }

    /**
     * The layout of a delimited file.
     *
     * @param format     the data set layout this is, for messages
     * @param delimiter  the text between fields ({@code "\t"}, {@code ","}, {@code "::"})
     * @param header     how the first line relates to the columns
     * @param columns    the columns a row is read by: the names a {@link Header#NAMED} header must contain, the exact
     *                   header, or the leading fields of a headerless line
     * @param optional   columns a {@link Header#NAMED} header may lack ({@link Row#has} tells)
     * @param minFields  fields a headerless line needs at least (trailing columns may be left out)
     * @param columnName how a header entry becomes a column name (RecBole's {@code user_id:token} is {@code user_id})
     */
    record Layout(DatasetFormat format, String delimiter, Header header, List<String> columns, List<String> optional,
            int minFields, UnaryOperator<String> columnName) {
        Layout {
            columns = List.copyOf(columns);
            optional = List.copyOf(optional);
        }

        /** A header naming at least {@code required} (compared trimmed, ignoring case), in any order. */
        static Layout named(DatasetFormat format, String delimiter, String... required) {
            return new Layout(format, delimiter, Header.NAMED, List.of(required), List.of(), required.length,
                    UnaryOperator.identity());
        }

        /** A header that is exactly {@code columns}; rows have exactly these fields. */
        static Layout exact(DatasetFormat format, String delimiter, String... columns) {
            return new Layout(format, delimiter, Header.EXACT, List.of(columns), List.of(), columns.length,
                    UnaryOperator.identity());
        }

        /** No header: {@code columns} are the leading fields of every line, of which the first {@code minFields}. */
        static Layout headerless(DatasetFormat format, String delimiter, int minFields, String... columns) {
            return new Layout(format, delimiter, Header.NONE, List.of(columns), List.of(), minFields,
                    UnaryOperator.identity());
        }

        /** This layout, where a {@link Header#NAMED} header may also name {@code names}. */
        Layout withOptional(String... names) {
            return new Layout(format, delimiter, header, columns, List.of(names), minFields, columnName);
        }

        /** This layout, reading each header entry's column name with {@code rule}. */
        Layout withColumnNames(UnaryOperator<String> rule) {
            return new Layout(format, delimiter, header, columns, optional, minFields, rule);
        }

        /** Whether a file starting with {@code headerLine} is in this layout, by its header alone. */
        boolean matches(String headerLine) {
            return switch (header) {
                case NAMED -> {
                    List<String> names = names(headerLine);
                    yield columns.stream().allMatch(c -> indexOf(names, c) >= 0);
                }
                case EXACT -> headerLine.strip().equals(String.join(delimiter, columns));
                case NONE -> false;
            };
        }

        /** The columns as they stand in a file, for messages: {@code SessionId<TAB>ItemId<TAB>Time}. */
        String shown() {
            return String.join(delimiter, columns).replace("\t", "<TAB>");
        }

        private String delimiterName() {
            return switch (delimiter) {
                case "\t" -> "tab";
                case "," -> "comma";
                case ";" -> "semicolon";
                default -> "'" + delimiter + "'";
            };
        }

        private List<String> names(String headerLine) {
            return Arrays.stream(split(headerLine.strip())).map(String::trim).map(columnName).toList();
        }

        /** The fields of {@code line}, empty ones included; the delimiter is plain text, never a pattern. */
        private String[] split(String line) {
            List<String> fields = new ArrayList<>(8);
            int start = 0;
            for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, start)) {
                fields.add(line.substring(start, at));
                start = at + delimiter.length();
            }
            fields.add(line.substring(start));
            return fields.toArray(String[]::new);
        }

        private static int indexOf(List<String> names, String column) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(column)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Reads every row of {@code file} into {@code rows}.
     *
     * @throws IOException for a file that cannot be read, a wrong header, or malformed lines: one line for a person
     */
    static void read(Path file, Layout layout, RowHandler rows) throws IOException {
        Malformed.Lines malformed = new Malformed.Lines(file, layout.format().cliName());
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = withoutByteOrderMark(reader.readLine());
            Row row = rowFor(file, layout, first);
            String line = first;
            long lineNumber = 0;
            if (layout.header() != Header.NONE) {
                lineNumber++;
                line = reader.readLine();
            }
            for (; line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    row.fields = layout.split(line);
                    row.line = lineNumber;
                    row.checkFieldCount(layout);
                    rows.accept(row);
                } catch (Malformed e) {
                    if (!malformed.add(e)) {
                        break;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw notText(file, "a UTF-8 " + layout.format().cliName() + " file", e);
        }
        malformed.throwIfAny();
    }

    /** The first line of {@code file}, stripped; empty for an empty file. */
    static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = withoutByteOrderMark(reader.readLine());
            return line == null ? "" : line.strip();
        } catch (CharacterCodingException e) {
            throw notText(file, "UTF-8 text", e);
        }
    }

    /**
     * The reader decodes ahead of the line it returns, so a bad byte's line is not known: the report names the file.
     */
    private static IOException notText(Path file, String wanted, CharacterCodingException e) {
        return new IOException(file + " is not UTF-8 text; if it is compressed or binary, unpack or convert it to "
                + wanted, e);
    }

    /** A UTF-8 byte-order mark (spreadsheets write one) is not part of the first column's name. */
    private static String withoutByteOrderMark(String line) {
        return line != null && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    }

    /** The row shape of {@code file}, checked against {@code layout} by its first line. */
    private static Row rowFor(Path file, Layout layout, String first) throws IOException {
        int[] inOrder = new int[layout.columns().size()];
        Arrays.setAll(inOrder, i -> i);
        if (layout.header() == Header.NONE) {
            return new Row(inOrder, layout.columns(), layout.shown(), layout.minFields(), false);
        }
        String expected = layout.format().cliName() + " file starts with a header " + (layout.header() == Header.EXACT
                ? "'" + layout.shown() + "'" : "naming " + String.join(", ", layout.columns()));
        if (first == null) {
            throw new IOException(file + " is empty; a " + expected);
        }
        if (layout.header() == Header.EXACT) {
            if (!layout.matches(first)) {
                throw new IOException(Malformed.at(file, 1, "expected the header '" + layout.shown() + "', found '"
                        + shown(first) + "'; is this a " + layout.format().cliName() + " file?"));
            }
            return new Row(inOrder, layout.columns(), layout.shown(), layout.columns().size(), true);
        }
        List<String> names = layout.names(first);
        List<String> wanted = new ArrayList<>(layout.columns());
        wanted.addAll(layout.optional());
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = Layout.indexOf(names, wanted.get(i));
            if (positions[i] < 0 && i < layout.columns().size()) {
                throw new IOException(file + ": the header has no " + wanted.get(i) + " column (found '"
                        + shown(first) + "'); a " + expected + ": fix the header or give the file's layout with"
                        + " --format");
            }
        }
        // a row needs as many fields as the header has, the ones not read included
        return new Row(positions, wanted, "as in the header " + shown(first), names.size(), false);
    }

    /** A header line as it stands, tabs made visible. */
    private static String shown(String header) {
        return header.strip().replace("\t", "<TAB>");
    }

    /** One data line, split; valid only during the {@link RowHandler#accept} call it is handed to. */
    static final class Row {
        private final Map<String, Integer> positions = new HashMap<>();
        private final List<String> columns;
        private final String shape;
        private final int fieldCount;
        private final boolean exactly;
        private String[] fields;
        private long line;

        /**
         * @param shape      the fields a line should have, for messages
         * @param fieldCount how many it needs, at least or {@code exactly}
         */
        private Row(int[] positions, List<String> columns, String shape, int fieldCount, boolean exactly) {
            for (int i = 0; i < columns.size(); i++) {
                this.positions.put(columns.get(i), positions[i]);
            }
            this.columns = columns;
            this.shape = shape;
            this.fieldCount = fieldCount;
            this.exactly = exactly;
        }

        private void checkFieldCount(Layout layout) throws Malformed {
            if (exactly ? fields.length != fieldCount : fields.length < fieldCount) {
                throw malformed("expected " + (exactly ? "" : "at least ") + fieldCount + " "
                        + layout.delimiterName() + "-separated fields (" + shape + "), found "
                        + fields.length);
            }
        }

        /** The line number, 1-based. */
        long line() {
            return line;
        }

        /** Whether the file has {@code column} (one of the layout's optional ones). */
        boolean has(String column) {
            return position(column) >= 0;
        }

        /** The field as it stands, spaces included. */
        String raw(String column) {
            int at = position(column);
            if (at < 0) {
                throw new IllegalArgumentException("the file has no " + column + " column: check has() first");
            }
            return fields[at];
        }

        /** The field without surrounding spaces, which must leave something. */
        String text(String column) throws Malformed {
            String text = raw(column).trim();
            if (text.isEmpty()) {
                throw malformed(column + " is empty");
            }
            return text;
        }

        long integer(String column) throws Malformed {
            return parsed(column, Long::parseLong, "an integer");
        }

        double number(String column) throws Malformed {
            return parsed(column, Double::parseDouble, "a number");
        }

        /**
         * The field without surrounding spaces, read by {@code parser}; a field it refuses (with any runtime
         * exception) makes the line malformed: "{@code column} is not {@code expected}: 'field'".
         */
        <T> T parsed(String column, Function<String, T> parser, String expected) throws Malformed {
            String field = raw(column);
            try {
                return parser.apply(field.trim());
            } catch (RuntimeException e) {
                throw malformed(column + " is not " + expected + ": '" + field + "'", e);
            }
        }

        Malformed malformed(String problem) {
            return malformed(problem, null);
        }

        private Malformed malformed(String problem, Throwable cause) {
            return new Malformed(line, problem, cause);
        }

        private int position(String column) {
            Integer at = positions.get(column);
            if (at == null) {
                throw new IllegalArgumentException(column + " is not a column of this layout: " + columns);
            }
            return at;
        }
    }
}
