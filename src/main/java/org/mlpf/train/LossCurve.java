package org.mlpf.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curve of a training run ({@code loss-curve.png} in the model directory, XChart, headless, the style of the
 * comparison report's plots): the training loss of every step, its mean per epoch and the validation loss after
 * every epoch, against the step, on a log scale.
 */
final class LossCurve {
    /** File name inside a model directory. */
    static final String FILE_NAME = "loss-curve.png";

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LossCurve() {
    }

    /** Draws the curve of {@code log} into {@code png} (written to a temporary file, then renamed). */
    static void write(MetricsLog log, Path png) throws IOException {
        List<MetricsLog.Step> steps = log.steps();
        List<MetricsLog.Epoch> epochs = log.epochs();
        if (steps.isEmpty()) {
            return;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("MLPF training loss").xAxisTitle("step")
                .yAxisTitle("loss per event").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(6);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (MetricsLog.Step s : steps) {
            if (s.loss() > 0 && Double.isFinite(s.loss())) {
                x.add((double) s.step());
                y.add(s.loss());
            }
        }
        if (!x.isEmpty()) {
            XYSeries train = c.addSeries("training (step)", x, y);
            train.setMarker(SeriesMarkers.NONE);
        }
        addEpochSeries(c, epochs, "training (epoch mean)", true);
        addEpochSeries(c, epochs, "validation (epoch)", false);
        Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp-" + UUID.randomUUID() + ".png");
        try {
            BitmapEncoder.saveBitmap(c, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + png + " atomically: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void addEpochSeries(XYChart c, List<MetricsLog.Epoch> epochs, String name, boolean train) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (MetricsLog.Epoch e : epochs) {
            double v = train ? e.trainLoss() : e.valLoss();
            if (v > 0 && Double.isFinite(v)) {
                x.add((double) e.step());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            XYSeries s = c.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
