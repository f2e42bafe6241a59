package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamrec.schemas.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A short GRU4Rec run of train with --report: the CSVs, the charts and the progress lines it leaves. */
class TrainReportTest {
    private static final int EPOCHS = 3;

    @TempDir
    static Path dir;
    static Path report;
    static int exit;
    static String stdout;
    static String stderr;

    @BeforeAll
    static void trainTinyGru4RecWithAReport() {
        report = dir.resolve("report");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdoutBefore = System.out;
        PrintStream stderrBefore = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new TrainCommand()).execute("--items", "100", "--sessions", "600", "--epochs",
                    String.valueOf(EPOCHS), "--set", "hidden_size=16", "--set", "embedding=8", "--model-name", "tiny",
                    "--model-version", "5", "--report", report.toString(), "--json");
        } finally {
            System.setOut(stdoutBefore);
            System.setErr(stderrBefore);
        }
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEpochsCsvHasOneRowPerEpochAndTheFinalMetricsOnTheLast() throws Exception {
        assertThat(exit).as(stderr).isZero();
        // the JSON report, after whatever the test logging printed on stdout before it
        JsonNode json = Json.mapper().readTree(stdout.substring(stdout.indexOf("{" + System.lineSeparator())));
        List<String> lines = Files.readAllLines(report.resolve("training.csv"));

        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).startsWith("epoch", "loss", "seconds", "events_per_second").contains("recall@20", "mrr@20");
        assertThat(lines).hasSize(1 + EPOCHS);
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            String[] row = lines.get(epoch).split(",", -1);
            assertThat(row).hasSameSizeAs(header.toArray());
            assertThat(row[0]).isEqualTo(String.valueOf(epoch));
            JsonNode stats = json.get("epochs").get(epoch - 1);
            assertThat(Double.parseDouble(row[1])).isCloseTo(stats.get("meanLoss").asDouble(),
                    offset(1e-6));
            assertThat(Double.parseDouble(row[2])).isPositive();
            assertThat(Double.parseDouble(row[3])).isPositive();
            String recall = row[header.indexOf("recall@20")];
            if (epoch < EPOCHS) {
                assertThat(recall).as("not evaluated after epoch %d", epoch).isEmpty();
            } else {
                assertThat(Double.parseDouble(recall)).isCloseTo(json.get("metrics").get("recall@20").asDouble(),
                        offset(1e-6));
            }
        }
    }

    @Test
    void theMetricsCsvHasTheModelBesidePopularity() throws Exception {
        List<String> lines = Files.readAllLines(report.resolve("metrics.csv"));

        assertThat(lines.get(0)).startsWith("model,recall@1,");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("tiny v5 (gru4rec),");
        assertThat(lines.get(2)).startsWith("popularity,");
    }

    @Test
    void thePngDecodesAtTheChartsSizeWithSomethingDrawnAndTheSvgIsWellFormed() throws Exception {
        BufferedImage png = ImageIO.read(report.resolve("training.png").toFile());

        assertThat(png.getWidth()).isEqualTo(2 * 640);
        assertThat(png.getHeight()).isEqualTo(420);
        long coloured = 0;
        long notWhite = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y) & 0xFFFFFF;
                notWhite += rgb != 0xFFFFFF ? 1 : 0;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
            }
        }
        long area = (long) png.getWidth() * png.getHeight();
        assertThat(notWhite).as("text, axes, the loss line and the bars").isGreaterThan(area / 50);
        assertThat(coloured).as("the series are drawn in colour, not only black text").isGreaterThan(area / 200);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);   // offline
        assertThat(xml.newDocumentBuilder().parse(report.resolve("training.svg").toFile()).getDocumentElement()
                .getNodeName()).isEqualTo("svg");
    }

    @Test
    void withoutATerminalTheProgressIsOneLinePerEpochWithoutCarriageReturns() {
        List<String> progress = Arrays.stream(stderr.split("\n")).filter(l -> l.matches(".*\\d/3 epochs.*")).toList();

        assertThat(stdout + stderr).doesNotContain("\r");
        assertThat(progress).hasSize(EPOCHS);
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            assertThat(progress.get(epoch - 1)).startsWith("[train]").contains(epoch + "/3 epochs")
                    .contains("events/s").matches(".*\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*");
        }
        assertThat(progress.get(EPOCHS - 1)).contains("100%");
        assertThat(stderr).contains("report written to " + report);
    }
}
