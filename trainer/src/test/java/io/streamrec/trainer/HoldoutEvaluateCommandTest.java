package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HoldoutEvaluateCommandTest {
    @TempDir
    Path dir;

    /** A u.data file: 30 users walking a 20-item cycle, 10 to 14 ratings each, one second apart. */
    private Path uData() throws Exception {
        Random random = new Random(3);
        StringBuilder lines = new StringBuilder();
        for (int u = 1; u <= 30; u++) {
            int start = random.nextInt(20);
            int length = 10 + random.nextInt(5);
            for (int i = 0; i < length; i++) {
                lines.append(u).append('\t').append(1 + (start + i) % 20).append('\t').append(4).append('\t')
                        .append(880_000_000 + i).append('\n');
            }
        }
        Path file = dir.resolve("u.data");
        Files.writeString(file, lines);
        return file;
    }

    private JsonNode run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new HoldoutEvaluateCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        // the report is the last thing printed, from a line that opens with '{' (libraries may log to stdout first)
        String text = captured.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("(?m)^\\{").matcher(text);
        assertThat(start.find()).isTrue();
        return Json.mapper().readTree(text.substring(start.start()));
    }

    @Test
    void reportsPopularityAndCaserOnTheSameSplitAsJson() throws Exception {
        JsonNode report = run("--data", uData().toString(), "--model", "caser", "--json", "--set", "epochs=2",
                "--set", "embedding_size=8", "--set", "batch_size=32", "--set", "horizontal_filters=2");
        assertThat(report.at("/split/users").asInt()).isEqualTo(30);
        assertThat(report.at("/split/items").asInt()).isEqualTo(20);
        assertThat(report.at("/popularity/users").asInt()).isEqualTo(30);
        assertThat(report.at("/caser/users").asInt()).isEqualTo(30);
        assertThat(report.at("/caser/map").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.at("/settings/epochs").asText()).isEqualTo("2");
        assertThat(report.at("/epochs")).hasSize(2);
    }

    @Test
    void aValidationRunNeverReadsTheTestPart() throws Exception {
        JsonNode test = run("--data", uData().toString(), "--model", "popularity", "--json");
        JsonNode validation = run("--data", uData().toString(), "--model", "popularity", "--json", "--validation");
        long all = test.at("/split/trainInteractions").asLong() + test.at("/split/testInteractions").asLong();
        assertThat(validation.at("/split/trainInteractions").asLong()
                + validation.at("/split/testInteractions").asLong())
                .isLessThanOrEqualTo(test.at("/split/trainInteractions").asLong()).isLessThan(all);
    }
}
