package io.streamrec.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDataTest {

    @Test
    void readsGru4RecTsvInAnyColumnOrderOrderingClicksByTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clicks.tsv");
        Files.writeString(file, "Time\tItemId\tSessionId\n"
                + "1396321337.5\t214\t1\n"
                + "1396321300.0\t99\t1\n"
                + "1396321400.25\t7\t2\n");
        SessionDataset dataset = GruTsvReader.read(file);
        assertThat(dataset.sessions()).containsExactly(
                new Session("1", List.of("99", "214"), List.of(1396321300000L, 1396321337500L)),
                new Session("2", List.of("7"), List.of(1396321400250L)));
    }

    @Test
    void writerAndReaderRoundTrip(@TempDir Path dir) throws Exception {
        SessionDataset original = SyntheticSessions.generate(new SyntheticSessions.Config(50, 100, 1));
        Path file = dir.resolve("sessions.tsv");
        GruTsvWriter.write(original, file);
        assertThat(GruTsvReader.read(file).sessions()).isEqualTo(original.sessions());
    }

    @Test
    void aMissingColumnIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "SessionId\tItem\tTime\n1\t2\t3\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GruTsvReader.read(file))
                .hasMessageContaining("header has no ItemId column");
    }

    @Test
    void theSplitHoldsOutTheLatestSessionsAndDropsItemsTheTrainingDataNeverSaw() {
        SessionDataset data = SessionDataset.of(List.of(
                new Session("a", List.of("x", "y"), List.of(1L, 2L)),
                new Session("b", List.of("y", "z"), List.of(3L, 4L)),
                new Session("c", List.of("x", "new", "z"), List.of(5L, 6L, 7L)),
                new Session("d", List.of("new", "x"), List.of(8L, 9L))));
        SessionDataset.Split split = data.split(0.5);
        assertThat(split.train().sessions()).extracting(Session::sessionId).containsExactly("a", "b");
        assertThat(split.test().sessions()).containsExactly(new Session("c", List.of("x", "z"), List.of(5L, 7L)));
    }

    @Test
    void generatedSessionsAreDeterministicAndFollowTheirPreferredSuccessors() {
        SyntheticSessions.Config config = new SyntheticSessions.Config(100, 3000, 5);
        SessionDataset one = SyntheticSessions.generate(config);
        assertThat(SyntheticSessions.generate(config).sessions()).isEqualTo(one.sessions());

        // How often does a click on item i0..i99 lead to one of that item's three preferred successors? The generator
        // follows them 75% of the time; by chance (3 of 100 items) it would be about 3%.
        long transitions = 0;
        long toPreferred = 0;
        Map<String, List<String>> preferred = new HashMap<>();
        for (Session s : one.sessions()) {
            for (int i = 0; i + 1 < s.length(); i++) {
                String from = s.items().get(i);
                List<String> next = preferred.computeIfAbsent(from,
                        f -> SyntheticSessions.preferredSuccessors(config, Integer.parseInt(f.substring(1))));
                transitions++;
                if (next.contains(s.items().get(i + 1))) {
                    toPreferred++;
                }
            }
        }
        assertThat((double) toPreferred / transitions).isBetween(0.72, 0.80);
        assertThat(one.eventCount() / (double) one.sessions().size()).isBetween(4.5, 5.5);
    }
}
