package io.streamrec.trainer.data;

import static io.streamrec.trainer.data.DataFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.trainer.data.DelimitedFileReader.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedFileReaderTest {
    private static final Layout NAMED = Layout.named(DatasetFormat.GRU_TSV, "\t", "SessionId", "ItemId");

    @TempDir
    Path dir;

    /** "line: session/item" for every row the frame hands over. */
    private static List<String> rows(Path file, Layout layout, String first, String second) throws IOException {
        List<String> rows = new ArrayList<>();
        DelimitedFileReader.read(file, layout, row -> rows.add(row.line() + ": " + row.text(first) + "/"
                + row.text(second)));
        return rows;
    }

    @Test
    void findsNamedColumnsInAnyOrderAndCaseAmongOthersAndNumbersLinesCountingBlankOnes() throws Exception {
        Path file = write(dir, "clicks.tsv", " extra\titemid\tSESSIONID ", "x\ta\t1", "", "   ", "y\tb\t2\tmore");

        assertThat(rows(file, NAMED, "SessionId", "ItemId")).containsExactly("2: 1/a", "5: 2/b");
    }

    @Test
    void readsAnOptionalColumnOnlyWhereTheHeaderHasIt() throws Exception {
        Layout layout = NAMED.withOptional("Time");
        Path with = write(dir, "with.tsv", "SessionId\tItemId\tTime", "1\ta\t7");
        Path without = write(dir, "without.tsv", "SessionId\tItemId", "1\ta");
        List<String> seen = new ArrayList<>();

        DelimitedFileReader.read(with, layout, row -> seen.add(row.has("Time") ? row.raw("Time") : "none"));
        DelimitedFileReader.read(without, layout, row -> seen.add(row.has("Time") ? row.raw("Time") : "none"));

        assertThat(seen).containsExactly("7", "none");
    }

    @Test
    void readsHeaderlessLinesByPositionWithAPlainTextDelimiter() throws Exception {
        // "|" and "::" would be patterns to String.split; the frame takes every delimiter literally
        Layout pipes = Layout.headerless(DatasetFormat.YOOCHOOSE, "|", 2, "user", "item", "note");
        Layout colons = Layout.headerless(DatasetFormat.MOVIELENS_DAT, "::", 2, "user", "item");

        assertThat(rows(write(dir, "p.txt", "1|a|x", "2|b"), pipes, "user", "item")).containsExactly("1: 1/a", "2: 2/b");
        assertThat(rows(write(dir, "c.txt", "1::a::5", "2:b::c::5"), colons, "user", "item"))
                .containsExactly("1: 1/a", "2: 2:b/c");
    }

    @Test
    void requiresAnExactHeaderAndExactlyItsFieldsWhereTheLayoutFixesThem() throws Exception {
        Layout layout = Layout.exact(DatasetFormat.SEQUENCES, "\t", "session_idx", "items_in_order");
        Path good = write(dir, "good.tsv", "session_idx\titems_in_order", "0\t1 2");
        Path wrongHeader = write(dir, "header.tsv", "session_idx\titems", "0\t1 2");
        Path extraField = write(dir, "extra.tsv", "session_idx\titems_in_order", "0\t1 2\t3");

        assertThat(rows(good, layout, "session_idx", "items_in_order")).containsExactly("2: 0/1 2");
        assertThat(layout.matches("session_idx\titems_in_order")).isTrue();
        assertThat(layout.matches("session_idx\titems")).isFalse();
        assertThatThrownBy(() -> rows(wrongHeader, layout, "session_idx", "items_in_order"))
                .hasMessage(wrongHeader + ":1: expected the header 'session_idx<TAB>items_in_order', found"
                        + " 'session_idx<TAB>items'; is this a sequences file?");
        assertThatThrownBy(() -> rows(extraField, layout, "session_idx", "items_in_order"))
                .hasMessageStartingWith(extraField + ":2: expected 2 tab-separated fields"
                        + " (session_idx<TAB>items_in_order), found 3");
    }

    @Test
    void refusesAHeaderWithoutANeededColumnInOneLineSayingWhatToDo() throws Exception {
        Path file = write(dir, "clicks.tsv", "SessionId\tItem", "1\ta");

        assertThatThrownBy(() -> rows(file, NAMED, "SessionId", "ItemId"))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": the header has no ItemId column (found 'SessionId<TAB>Item'); a gru-tsv file"
                        + " starts with a header naming SessionId, ItemId: fix the header or give the file's layout"
                        + " with --format");
        Path empty = write(dir, "empty.tsv");
        assertThatThrownBy(() -> rows(empty, NAMED, "SessionId", "ItemId"))
                .hasMessage(empty + " is empty; a gru-tsv file starts with a header naming SessionId, ItemId");
    }

    @Test
    void reportsAMalformedLineAtFileAndLineWithItsReasonAfterReadingTheRest() throws Exception {
        Path file = write(dir, "clicks.tsv", "SessionId\tItemId\tTime", "1\ta\t10", "2\tb\tsoon", "3\tc\t30");
        Layout layout = NAMED.withOptional("Time");
        List<Long> readLines = new ArrayList<>();

        assertThatThrownBy(() -> DelimitedFileReader.read(file, layout, row -> {
            row.number("Time");
            readLines.add(row.line());
        }))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ":3: Time is not a number: 'soon'; fix or remove that line")
                .hasCauseInstanceOf(NumberFormatException.class);
        assertThat(readLines).containsExactly(2L, 4L);
    }

    @Test
    void summarisesSeveralMalformedLinesInOneLine() throws Exception {
        Path file = write(dir, "clicks.tsv", "SessionId\tItemId", "1\ta", "2", "\tb", "3\tc", "4", "5", "6", "7", "8\td");

        assertThatThrownBy(() -> rows(file, NAMED, "SessionId", "ItemId"))
                .hasMessage(file + ":3: expected at least 2 tab-separated fields (as in the header"
                        + " SessionId<TAB>ItemId), found 1; 6 malformed lines (3, 4, 6, 7, 8, ...): fix or remove"
                        + " them");
    }

    @Test
    void stopsAtTheMalformedLineLimitAndAsksWhetherTheLayoutIsRight() throws Exception {
        String[] lines = IntStream.range(0, 3 * Malformed.Lines.LIMIT).mapToObj(i -> "1,a,2").toArray(String[]::new);
        Path file = write(dir, "commas.tsv", lines);
        Layout layout = Layout.headerless(DatasetFormat.MOVIELENS_UDATA, "\t", 2, "user", "item");

        assertThatThrownBy(() -> rows(file, layout, "user", "item"))
                .hasMessage(file + ":1: expected at least 2 tab-separated fields (user<TAB>item), found 1; stopped"
                        + " after " + Malformed.Lines.LIMIT + " malformed lines (1, 2, 3, 4, 5, ...): if this is not"
                        + " a movielens-udata file, give its layout with --format");
    }

    @Test
    void reportsAnEmptyFieldAndAReaderRuleWithTheLine() throws Exception {
        Path file = write(dir, "clicks.tsv", "SessionId\tItemId", "1\t ");

        assertThatThrownBy(() -> rows(file, NAMED, "SessionId", "ItemId"))
                .hasMessage(file + ":2: ItemId is empty; fix or remove that line");
        Path other = write(dir, "rule.tsv", "SessionId\tItemId", "1\ta");
        assertThatThrownBy(() -> DelimitedFileReader.read(other, NAMED, row -> {
            throw row.malformed("no sessions called " + row.text("SessionId"));
        })).hasMessage(other + ":2: no sessions called 1; fix or remove that line");
    }

    @Test
    void ignoresAByteOrderMarkAndRefusesTextThatIsNotUtf8InOneLine() throws Exception {
        Path marked = write(dir, "marked.tsv", "\uFEFFSessionId\tItemId", "1\ta");
        Path binary = dir.resolve("clicks.tsv.gz");
        Files.write(binary, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, (byte) 0xfe, '\n'});

        assertThat(rows(marked, NAMED, "SessionId", "ItemId")).containsExactly("2: 1/a");
        assertThat(DelimitedFileReader.firstLine(marked)).isEqualTo("SessionId\tItemId");
        assertThatThrownBy(() -> rows(binary, NAMED, "SessionId", "ItemId"))
                .hasMessage(binary + " is not UTF-8 text; if it is compressed or binary, unpack or convert it to a"
                        + " UTF-8 gru-tsv file");
    }
}
