package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.json.Json;
import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.SessionDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PreprocessAndBaselinesCommandTest {
    @TempDir
    Path dir;

    /** YooChoose-format clicks: 40 sessions over 3 days walking a cycle of 6 items, one test day at the end. */
    private Path yoochooseClicks() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant start = Instant.parse("2014-04-01T08:00:00Z");
        for (int s = 0; s < 40; s++) {
            Instant t = start.plusSeconds(s * 7_200L);
            for (int i = 0; i < 4; i++) {
                lines.add(s + "," + t.plusSeconds(30L * i) + "," + (100 + (s + i) % 6) + ",0");
            }
        }
        Path file = dir.resolve("yoochoose-clicks.dat");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void preprocessWritesTheSplitAndBaselinesScoreIt() throws Exception {
        Path out = dir.resolve("split");
        int exit = new CommandLine(new PreprocessCommand()).execute("--input", yoochooseClicks().toString(),
                "--output-dir", out.toString());
        assertThat(exit).isZero();
        SessionDataset train = GruTsvReader.read(out.resolve("train.tsv"));
        SessionDataset test = GruTsvReader.read(out.resolve("test.tsv"));
        // sessions end at s·7200 + 90 s; the last at 280,890 s, so the test day starts at 194,490 s: session 27's end
        assertThat(train.sessions()).hasSize(27);
        assertThat(test.sessions()).hasSize(13);

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new BaselinesCommand()).execute("--data", out.resolve("train.tsv").toString(),
                    "--test-data", out.resolve("test.tsv").toString(), "--json");
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        JsonNode report = Json.mapper().readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(report.get("predictions").asLong()).isEqualTo(13 * 3);
        // every transition of the cycle was seen in training: the Markov chain always ranks the truth first
        assertThat(report.at("/baselines/markov/recall@1").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/baselines/sr/recall@20").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/baselines/popularity/recall@1").asDouble()).isLessThan(0.5);
        assertThat(report.get("baselines").fieldNames()).toIterable()
                .containsExactly("popularity", "markov", "sr", "sknn");
    }
}
