package io.streamrec.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrec.trainer.family.EpochStats;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {
    @TempDir
    Path dir;

    @Test
    void besideABundleTheFilesAreNamedAfterIt() {
        ReportFiles files = ReportFiles.beside(dir.resolve("gru4rec-v3.zip"));

        assertThat(files.epochsCsv()).isEqualTo(dir.resolve("gru4rec-v3-training.csv"));
        assertThat(files.metricsCsv()).isEqualTo(dir.resolve("gru4rec-v3-metrics.csv"));
        assertThat(files.png()).isEqualTo(dir.resolve("gru4rec-v3-training.png"));
        assertThat(ReportFiles.in(dir).svg()).isEqualTo(dir.resolve("training.svg"));
    }

    @Test
    void aRunWithoutHeldOutSessionsHasTheLossChartAloneAndNoMetricsTable() throws Exception {
        ReportFiles files = ReportFiles.in(dir.resolve("r"));

        List<Path> written = files.write(new TrainingReport("m v1", List.of(new EpochStats(1, 2.5, 1000, 0.5)),
                Map.of()));

        assertThat(written).containsExactly(files.epochsCsv(), files.png(), files.svg());
        assertThat(Files.readAllLines(files.epochsCsv()))
                .containsExactly("epoch,loss,seconds,events_per_second", "1,2.500000,0.500,2000.0");
        BufferedImage png = ImageIO.read(files.png().toFile());
        assertThat(png.getWidth()).isEqualTo(TrainingCharts.PANEL_WIDTH);
        assertThat(png.getHeight()).isEqualTo(TrainingCharts.HEIGHT);
    }

    @Test
    void theMetricsTableQuotesANameWithACommaAndLeavesMissingMetricsEmpty() throws Exception {
        ReportFiles files = ReportFiles.in(dir);
        Map<String, Map<String, Double>> metrics = new java.util.LinkedHashMap<>();
        metrics.put("m, v1", Map.of("recall@20", 0.5));
        metrics.put("popularity", Map.of("recall@20", 0.25, "mrr@20", 0.125));

        files.write(new TrainingReport("m, v1", List.of(new EpochStats(1, 2.5, 1000, 0.5)), metrics));

        assertThat(Files.readAllLines(files.metricsCsv())).containsExactly("model,recall@20,mrr@20",
                "\"m, v1\",0.500000,", "popularity,0.250000,0.125000");
    }
}
