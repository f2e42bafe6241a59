package io.streamrec.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GruTsvTest {
    @TempDir
    Path dir;

    @Test
    void writingThenReadingGivesBackTheSameSessions() throws IOException {
        SessionDataset original = SyntheticSessions.generate(new SyntheticSessions.Config(50, 200, 5));
        Path file = dir.resolve("sessions.tsv");

        GruTsvWriter.write(original, file);
        SessionDataset read = GruTsvReader.read(file);

        assertThat(Files.readAllLines(file).get(0)).isEqualTo("SessionId\tItemId\tTime");
        assertThat(read.sessions()).isEqualTo(original.sessions());
        assertThat(read.eventCount()).isEqualTo(original.eventCount());
    }

    @Test
    void readsColumnsInAnyOrderAndFractionalSecondsAsMilliseconds() throws IOException {
        Path file = dir.resolve("reordered.tsv");
        Files.writeString(file, String.join("\n",
                "Time\tItemId\tSessionId",
                "1396861200.25\t214536502\t7",
                "1396861260.5\t214536500\t7",
                "1396861100\t214577561\t9",
                "1396861230.125\t214662742\t9",
                ""));

        SessionDataset read = GruTsvReader.read(file);

        assertThat(read.sessions()).containsExactly(
                new Session("9", List.of("214577561", "214662742"), List.of(1396861100_000L, 1396861230_125L)),
                new Session("7", List.of("214536502", "214536500"), List.of(1396861200_250L, 1396861260_500L)));
    }

    @Test
    void ordersTheClicksOfASessionByTime() throws IOException {
        Path file = dir.resolve("unordered.tsv");
        Files.writeString(file, "SessionId\tItemId\tTime\n1\tb\t20\n1\ta\t10\n1\tc\t30\n");

        Session session = GruTsvReader.read(file).sessions().get(0);

        assertThat(session.items()).containsExactly("a", "b", "c");
        assertThat(session.timestampsMs()).containsExactly(10_000L, 20_000L, 30_000L);
    }

    @Test
    void refusesAHeaderWithoutTheRequiredColumns() throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "SessionId\tItem\tTime\n1\ta\t10\n");

        assertThatThrownBy(() -> GruTsvReader.read(file)).isInstanceOf(IOException.class).hasMessageContaining("ItemId");
    }
}
