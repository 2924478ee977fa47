package org.mlpf.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.MetSchema;

/**
 * The report's PNG plots (XChart, headless): particle efficiency, fake rate and candidate pT response vs pT,
 * confusion matrices, MET distributions, cumulative MET, MET response and resolution vs gen MET, and jet response,
 * resolution, matching efficiency and kinematics, gen vs PF vs MLPF side by side.
 */
final class Plots {
    /** A written plot: file name relative to the report and its caption. */
    record Plot(String file, String caption, String section) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Draws every plot of {@code tables} into {@code dir} ("plots/NAME.png" relative names). */
    static List<Plot> draw(Map<String, Table> tables, CompareConfig cfg, Path dir) throws IOException {
        List<Plot> out = new ArrayList<>();
        Table eff = tables.get("particle_efficiency_pt");
        for (String sample : eff.distinct("sample")) {
            out.addAll(particleCurves(eff, sample, "efficiency", cfg.particlePtBins(), "gen pT (GeV)", dir));
            out.addAll(particleCurves(tables.get("particle_fake_rate_pt"), sample, "fake_rate", cfg.particlePtBins(),
                    "reco pT (GeV)", dir));
            out.addAll(particleResponse(tables.get("particle_resolution"), sample, cfg.particlePtBins(), dir));
            for (String source : tables.get("particle_confusion").distinct("source")) {
                out.add(confusion(tables.get("particle_confusion"), sample, source, dir));
            }
            out.add(metDistribution(tables.get("met_distribution"), sample, false, dir));
            out.add(metDistribution(tables.get("met_distribution"), sample, true, dir));
            out.add(binned(tables.get("met_response"), sample, "median", "median_err", cfg.metBins(), "gen MET (GeV)",
                    "MET response (median reco/gen)", "met_response", "MET", dir));
            out.add(binned(tables.get("met_response"), sample, "resolution", "resolution_err", cfg.metBins(),
                    "gen MET (GeV)", "MET resolution (IQR/median)", "met_resolution", "MET", dir));
            if (tables.containsKey("jet_response")) {
                out.add(binned(tables.get("jet_response"), sample, "median", "median_err", cfg.jetPtBins(),
                        "gen jet pT (GeV)", "jet response (median reco/gen pT)", "jet_response", "Jets", dir));
                out.add(binned(tables.get("jet_response"), sample, "resolution", "resolution_err", cfg.jetPtBins(),
                        "gen jet pT (GeV)", "jet resolution (IQR/median)", "jet_resolution", "Jets", dir));
                out.add(binned(tables.get(Columns.JET_EFFICIENCY_PT), sample, "efficiency", "efficiency_err",
                        cfg.jetPtBins(), "gen jet pT (GeV)", "jet matching efficiency", "jet_efficiency", "Jets", dir));
                out.add(histogram(tables.get("jet_pt_distribution"), sample, "jet pT (GeV)", "jet_pt", dir));
                out.add(histogram(tables.get("jet_eta_distribution"), sample, "jet eta", "jet_eta", dir));
            }
        }
        return out;
    }

    private static double[] centers(List<Double> edges) {
        double[] c = new double[edges.size() - 1];
        for (int i = 0; i < c.length; i++) {
            c[i] = 0.5 * (edges.get(i) + edges.get(i + 1));
        }
        return c;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    private static Plot save(XYChart c, Path dir, String name, String caption, String section) throws IOException {
        BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return new Plot("plots/" + name + ".png", caption, section);
    }

    /** Series per source of a value with error bars against bin centers; empty bins are left out. */
    private static void addSeries(XYChart c, List<Row> rows, String value, String error, List<Double> edges) {
        double[] centers = centers(edges);
        for (String source : List.of(MetSchema.PF, MetSchema.MLPF)) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (Row r : rows) {
                double v = Table.num(r, value);
                // Inclusive rows (bin < 0) have no place on a binned axis.
                if (source.equals(r.getAs("source")) && Double.isFinite(v) && r.<Integer>getAs("bin") >= 0) {
                    xs.add(centers[r.<Integer>getAs("bin")]);
                    ys.add(v);
                    double e = Table.num(r, error);
                    es.add(Double.isFinite(e) ? e : 0.0);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries(source.toUpperCase(java.util.Locale.ROOT), xs, ys, es);
                s.setMarker(source.equals(MetSchema.PF) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            }
        }
    }

    private static List<Plot> particleCurves(Table t, String sample, String value, List<Double> edges, String xTitle,
                                             Path dir) throws IOException {
        List<Plot> out = new ArrayList<>();
        for (ParticleClass pc : ParticleClass.values()) {
            if (pc == ParticleClass.NONE) {
                continue;
            }
            List<Row> rows = t.where(r -> sample.equals(r.getAs("sample")) && r.<Integer>getAs("cls") == pc.index());
            if (rows.isEmpty()) {
                continue;
            }
            String label = value.replace('_', ' ');
            XYChart c = chart(sample + ": " + pc.label() + " " + label, xTitle, label);
            addSeries(c, rows, value, value + "_err", edges);
            String name = value + "_" + sample + "_" + pc.label();
            out.add(save(c, dir, name, pc.label() + " " + label + " vs pT (" + sample + ")", "Particles"));
        }
        return out;
    }

    /** Median reco/gen pT of candidates whose class is right, per class against gen pT, PF vs MLPF. */
    private static List<Plot> particleResponse(Table t, String sample, List<Double> edges, Path dir)
            throws IOException {
        List<Plot> out = new ArrayList<>();
        for (ParticleClass pc : ParticleClass.values()) {
            List<Row> rows = t.where(r -> sample.equals(r.getAs("sample")) && r.<Integer>getAs("cls") == pc.index()
                    && ParticleComparison.PT_RATIO.equals(r.getAs("quantity")));
            if (pc == ParticleClass.NONE || rows.isEmpty()) {
                continue;
            }
            XYChart c = chart(sample + ": " + pc.label() + " pT response", "gen pT (GeV)", "median reco / gen pT");
            addSeries(c, rows, "median", "median_err", edges);
            if (c.getSeriesMap().isEmpty()) {
                continue; // every bin had too few entries for a median
            }
            out.add(save(c, dir, "pt_response_" + sample + "_" + pc.label(), pc.label() + " pT response vs gen pT ("
                    + sample + ")", "Particles"));
        }
        return out;
    }

    private static Plot confusion(Table t, String sample, String source, Path dir) throws IOException {
        List<String> labels = List.of("none", "ch.had", "n.had", "HFHAD", "HFEM", "photon", "e", "mu");
        long[][] n = new long[ParticleClass.COUNT][ParticleClass.COUNT];
        for (Row r : t.where(r -> sample.equals(r.getAs("sample")) && source.equals(r.getAs("source")))) {
            n[r.<Integer>getAs("t_cls")][r.<Integer>getAs("r_cls")] += r.<Long>getAs("n");
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            long row = 0;
            for (long v : n[i]) {
                row += v;
            }
            for (int j = 0; j < n.length; j++) {
                // Row-normalised: the fraction of true class i reconstructed as class j.
                double f = row == 0 ? 0.0 : (double) n[i][j] / row;
                cells.add(new Number[] {j, i, Math.round(f * 100) / 100.0}); // cell labels show the value itself
            }
        }
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH + 120).height(HEIGHT + 160)
                .title(sample + ": " + source.toUpperCase(java.util.Locale.ROOT) + " confusion (row-normalised)")
                .xAxisTitle("reco class").yAxisTitle("true class").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setMin(0);
        c.getStyler().setMax(1);
        c.getStyler().setRangeColors(new java.awt.Color[] {java.awt.Color.WHITE, new java.awt.Color(255, 200, 120),
            new java.awt.Color(200, 40, 30)});
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotContentSize(0.95);
        c.addSeries("fraction", labels, labels, cells);
        String name = "confusion_" + sample + "_" + source;
        BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return new Plot("plots/" + name + ".png", source.toUpperCase(java.util.Locale.ROOT)
                + " confusion matrix (" + sample + ")", "Particles");
    }

    private static Plot metDistribution(Table t, String sample, boolean cumulative, Path dir) throws IOException {
        XYChart c = chart(sample + ": " + (cumulative ? "fraction of events with MET above x" : "MET distribution"),
                "MET (GeV)", cumulative ? "fraction of events" : "events");
        c.getStyler().setYAxisLogarithmic(cumulative);
        for (String source : List.of(MetSchema.GEN, MetSchema.PF, MetSchema.MLPF)) {
            List<Row> rows = t.where(r -> sample.equals(r.getAs("sample")) && source.equals(r.getAs("source")));
            if (rows.isEmpty()) {
                continue;
            }
            // Rows are ordered by bin; "lo" is the bin's lower edge (the last bin holds the overflow).
            double total = rows.stream().mapToDouble(r -> Table.num(r, "n")).sum();
            double above = total;
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Row r : rows) {
                double n = Table.num(r, "n");
                xs.add(Table.num(r, "lo"));
                ys.add(cumulative ? above / total : n);
                above -= n;
            }
            XYSeries s = c.addSeries(source.toUpperCase(java.util.Locale.ROOT), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        }
        String name = (cumulative ? "met_cumulative_" : "met_distribution_") + sample;
        return save(c, dir, name, (cumulative ? "cumulative MET" : "MET distribution") + " (" + sample + ")", "MET");
    }

    private static Plot binned(Table t, String sample, String value, String error, List<Double> edges, String xTitle,
                               String yTitle, String name, String section, Path dir) throws IOException {
        XYChart c = chart(sample + ": " + yTitle, xTitle, yTitle);
        addSeries(c, t.where(r -> sample.equals(r.getAs("sample"))), value, error, edges);
        return save(c, dir, name + "_" + sample, yTitle + " (" + sample + ")", section);
    }

    private static Plot histogram(Table t, String sample, String xTitle, String name, Path dir) throws IOException {
        XYChart c = chart(sample + ": " + xTitle, xTitle, "jets");
        for (String source : List.of(MetSchema.GEN, MetSchema.PF, MetSchema.MLPF)) {
            List<Row> rows = t.where(r -> sample.equals(r.getAs("sample")) && source.equals(r.getAs("source")));
            if (!rows.isEmpty()) {
                XYSeries s = c.addSeries(source.toUpperCase(java.util.Locale.ROOT),
                        rows.stream().map(r -> Table.num(r, "lo")).toList(),
                        rows.stream().map(r -> Table.num(r, "n")).toList());
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        return save(c, dir, name + "_" + sample, xTitle + " distribution (" + sample + ")", "Jets");
    }
}
