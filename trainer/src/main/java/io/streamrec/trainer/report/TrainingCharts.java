package io.streamrec.trainer.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.streamrec.trainer.family.EpochStats;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * A training report's charts, side by side in one picture: the loss per epoch, and Recall@K / MRR@K of the model
 * beside each baseline (K the largest cutoff evaluated). Drawn by XChart into an image or an SVG, never a window.
 */
final class TrainingCharts {
    static final int PANEL_WIDTH = 640;
    static final int HEIGHT = 420;

    static {
        // Drawing needs no display: without this, a desktop JVM may open a dock icon and a server one may look for
        // an X server. Set only when the launcher did not choose, before any AWT class starts the toolkit.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final List<Chart<?, ?>> panels;

    private TrainingCharts(List<Chart<?, ?>> panels) {
        this.panels = List.copyOf(panels);
    }

    /** The panels {@code report} has data for: none, one or two. */
    static TrainingCharts of(TrainingReport report) {
        List<Chart<?, ?>> panels = new ArrayList<>();
        if (!report.epochs().isEmpty()) {
            panels.add(loss(report));
        }
        OptionalInt k = report.largestCutoff();
        if (k.isPresent()) {
            panels.add(metrics(report, k.getAsInt()));
        }
        return new TrainingCharts(panels);
    }

    /** The picture's width: one panel's for each chart; 0 when there is nothing to draw. */
    int width() {
        return PANEL_WIDTH * panels.size();
    }

    void writePng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(width(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
    }

    void writeSvg(Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        Document svg = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), HEIGHT));
        try (OutputStream out = Files.newOutputStream(file)) {
            svg.writeTo(out);
        }
    }

    private void paint(Graphics2D g) {
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
            try {
                panels.get(i).paint(panel, PANEL_WIDTH, HEIGHT);
            } finally {
                panel.dispose();
            }
        }
    }

    private static XYChart loss(TrainingReport report) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title("Training loss per epoch, " + report.model()).xAxisTitle("epoch").yAxisTitle("mean loss")
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        // whole epochs only: a tick between two epochs would repeat a label
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? Long.toString(x.longValue())
                : "");
        List<EpochStats> epochs = report.epochs();
        chart.addSeries("loss", epochs.stream().mapToDouble(EpochStats::epoch).toArray(),
                epochs.stream().mapToDouble(EpochStats::meanLoss).toArray());
        return chart;
    }

    private static CategoryChart metrics(TrainingReport report, int k) {
        double predictions = report.own().getOrDefault("predictions", Double.NaN);
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title(String.format("Recall@%d and MRR@%d on %,.0f held-out predictions", k, k, predictions))
                .build();
        style(chart.getStyler());
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0##");   // the axis in tenths, the bars' labels to 3 places
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> sources = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> mrr = new ArrayList<>();
        report.metrics().forEach((source, values) -> {
            if (values.containsKey(TrainingReport.RECALL + k) && values.containsKey(TrainingReport.MRR + k)) {
                sources.add(source);
                recall.add(values.get(TrainingReport.RECALL + k));
                mrr.add(values.get(TrainingReport.MRR + k));
            }
        });
        chart.addSeries("Recall@" + k, sources, recall);
        chart.addSeries("MRR@" + k, sources, mrr);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
    }
}
