package io.streamrec.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a training report goes: {@code training.csv} (one row per epoch), {@code metrics.csv} (the model beside the
 * baselines), and the charts of both as {@code training.png} and {@code training.svg}, in one directory, each name
 * after a prefix.
 *
 * @param prefix empty in a report directory; the bundle's name and a dash beside a bundle
 */
public record ReportFiles(Path directory, String prefix) {

    /** The report in a directory of its own. */
    public static ReportFiles in(Path directory) {
        return new ReportFiles(directory, "");
    }

    /** The report beside a bundle file: {@code model.zip} gives {@code model-training.csv}, and so on. */
    public static ReportFiles beside(Path bundle) {
        Path file = bundle.toAbsolutePath();
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new ReportFiles(file.getParent(), (dot > 0 ? name.substring(0, dot) : name) + "-");
    }

    public Path epochsCsv() {
        return directory.resolve(prefix + "training.csv");
    }

    public Path metricsCsv() {
        return directory.resolve(prefix + "metrics.csv");
    }

    public Path png() {
        return directory.resolve(prefix + "training.png");
    }

    public Path svg() {
        return directory.resolve(prefix + "training.svg");
    }

    /** Writes what {@code report} has: the epochs, the metrics when evaluated, the charts; returns the files. */
    public List<Path> write(TrainingReport report) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        TrainingCsv.writeEpochs(report, epochsCsv());
        written.add(epochsCsv());
        if (!report.metrics().isEmpty()) {
            TrainingCsv.writeMetrics(report, metricsCsv());
            written.add(metricsCsv());
        }
        TrainingCharts charts = TrainingCharts.of(report);
        if (charts.width() > 0) {
            charts.writePng(png());
            charts.writeSvg(svg());
            written.add(png());
            written.add(svg());
        }
        return written;
    }
}
