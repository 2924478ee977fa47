package org.mlpf.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.MetSchema;

/**
 * The human-readable report: {@code summary.md} and {@code index.html} rendered from one model (sections with
 * tables and plots). Its first section is the verdict: PF against MLPF per quantity and bin with uncertainties,
 * the difference in standard deviations, and "better", "worse" or "compatible" (|difference| below 2 sigma).
 * Errors of PF and MLPF are combined as if independent; since both come from the same events they are positively
 * correlated, so the significance is conservative.
 */
final class Report {
    /** A table of strings with a caption. */
    record TextTable(String caption, List<String> header, List<List<String>> rows) {
    }

    /** A section: prose, tables and plots. */
    record Section(String title, String text, List<TextTable> tables, List<Plots.Plot> plots) {
    }

    private static final double SIGNIFICANT = 2.0;

    private Report() {
    }

    /** The sections of the report. */
    static List<Section> sections(Map<String, Table> t, List<Plots.Plot> plots, Map<String, Long> events,
                                  boolean hasMlpf, boolean hasJets) {
        List<Section> out = new ArrayList<>();
        out.add(new Section("Verdict", hasMlpf
                ? "MLPF against baseline PF on exactly the same events; lower is better for resolutions and fake "
                        + "rates, higher for efficiencies. 'compatible' means the difference is below 2 standard "
                        + "deviations; 'too few entries': fewer than " + Stats.MIN_QUANTILE_ENTRIES
                        + " entries in a bin give no median or resolution."
                : "No MLPF candidates were given: the report shows the baseline PF against the generator only; the "
                        + "MLPF columns appear when the compare stage gets --candidates.",
                List.of(verdict(t, hasMlpf, hasJets)), List.of()));
        out.add(new Section("Particles", "Element by element: truth from ygen, PF from ycand, MLPF from the "
                + "candidate of the same element. Efficiency: true class reconstructed as that class; fake rate: "
                + "candidates whose truth is another class (or none).",
                List.of(particleSummary(t.get("particle_summary"))), sectionPlots(plots, "Particles")));
        out.add(new Section("MET", "Response = median(reco MET / gen MET), resolution = IQR / median of that ratio, "
                + "in gen-MET bins; tail = fraction of events above a threshold.",
                List.of(binnedTable("MET response and resolution", t.get("met_response")),
                        tailTable(t.get("met_tail"))), sectionPlots(plots, "MET")));
        if (hasJets) {
            out.add(new Section("Jets", "Anti-kt R = 0.4 jets (CHS), reco jets matched to gen jets within Delta R; "
                    + "response = median(reco pT / gen pT), resolution = IQR / median, in gen-jet pT bins.",
                    List.of(binnedTable("jet response and resolution", t.get("jet_response")),
                            jetEfficiency(t.get("jet_matching"))), sectionPlots(plots, "Jets")));
        }
        List<String> counts = new ArrayList<>();
        events.forEach((k, v) -> counts.add(k + ": " + v + " events"));
        out.add(0, new Section("Samples", String.join("; ", counts), List.of(), List.of()));
        return out;
    }

    private static List<Plots.Plot> sectionPlots(List<Plots.Plot> plots, String section) {
        return plots.stream().filter(p -> p.section().equals(section)).toList();
    }

    private static String pm(double v, double e) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.4f ± %.4f", v, Double.isFinite(e) ? e : 0);
    }

    private static TextTable verdict(Map<String, Table> t, boolean hasMlpf, boolean hasJets) {
        List<List<String>> rows = new ArrayList<>();
        compareBinned(rows, t.get("met_response"), "MET resolution", "resolution", true);
        if (hasJets) {
            compareBinned(rows, t.get("jet_response"), "jet resolution", "resolution", true);
        }
        Table ps = t.get("particle_summary");
        for (String sample : ps.distinct("sample")) {
            for (ParticleClass pc : ParticleClass.values()) {
                if (pc == ParticleClass.NONE) {
                    continue;
                }
                Row pf = find(ps, sample, MetSchema.PF, "cls", pc.index());
                Row ml = find(ps, sample, MetSchema.MLPF, "cls", pc.index());
                addRow(rows, sample, pc.label() + " fake rate", "all", pf, ml, "fake_rate", true);
                addRow(rows, sample, pc.label() + " efficiency", "all", pf, ml, "efficiency", false);
            }
        }
        return new TextTable(hasMlpf ? "PF vs MLPF" : "PF (no MLPF candidates)",
                List.of("sample", "quantity", "bin", "PF", "MLPF", "MLPF - PF", "verdict"), rows);
    }

    private static void compareBinned(List<List<String>> rows, Table t, String quantity, String value,
                                      boolean lowerIsBetter) {
        for (String sample : t.distinct("sample")) {
            for (Row pf : t.where(r -> sample.equals(r.getAs("sample")) && MetSchema.PF.equals(r.getAs("source")))) {
                Row ml = find(t, sample, MetSchema.MLPF, "bin", pf.<Integer>getAs("bin"));
                addRow(rows, sample, quantity, pf.getAs("bin_label"), pf, ml, value, lowerIsBetter);
            }
        }
    }

    private static Row find(Table t, String sample, String source, String key, int value) {
        return t.where(r -> sample.equals(r.getAs("sample")) && source.equals(r.getAs("source"))
                && r.getAs(key) != null && ((Number) r.getAs(key)).intValue() == value).stream().findFirst().orElse(null);
    }

    private static void addRow(List<List<String>> rows, String sample, String quantity, String bin, Row pf, Row ml,
                               String value, boolean lowerIsBetter) {
        if (pf == null && ml == null) {
            return;
        }
        double a = pf == null ? Double.NaN : Table.num(pf, value);
        double ae = pf == null ? Double.NaN : Table.num(pf, value + "_err");
        double b = ml == null ? Double.NaN : Table.num(ml, value);
        double be = ml == null ? Double.NaN : Table.num(ml, value + "_err");
        String diff = "-";
        String verdict = ml == null ? "no MLPF" : pf == null ? "no PF" : "compatible";
        if (ml != null && pf != null && !(Double.isFinite(a) && Double.isFinite(b))) {
            verdict = "too few entries";
        }
        if (Double.isFinite(a) && Double.isFinite(b)) {
            double sigma = Math.hypot(ae, be);
            double z = sigma > 0 ? (b - a) / sigma : 0;
            diff = String.format(Locale.ROOT, "%+.4f (%+.1f σ)", b - a, z);
            if (Math.abs(z) >= SIGNIFICANT) {
                boolean mlpfLower = b < a;
                verdict = mlpfLower == lowerIsBetter ? "MLPF better" : "MLPF worse";
            }
        }
        rows.add(List.of(sample, quantity, bin, pm(a, ae), pm(b, be), diff, verdict));
    }

    private static TextTable particleSummary(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            int cls = ((Number) r.getAs("cls")).intValue();
            rows.add(List.of(r.getAs("sample"), r.getAs("source"), ParticleClass.ofIndex(cls).label(),
                    String.valueOf(r.<Object>getAs("n_true")), pm(Table.num(r, "efficiency"), Table.num(r, "efficiency_err")),
                    String.valueOf(r.<Object>getAs("n_reco")), pm(Table.num(r, "fake_rate"), Table.num(r, "fake_rate_err"))));
        }
        return new TextTable("efficiency and fake rate per class", List.of("sample", "source", "class", "true",
                "efficiency", "candidates", "fake rate"), rows);
    }

    private static TextTable binnedTable(String caption, Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            rows.add(List.of(r.getAs("sample"), r.getAs("source"), r.getAs("bin_label"), String.valueOf(r.<Long>getAs("n")),
                    pm(Table.num(r, "median"), Table.num(r, "median_err")),
                    pm(Table.num(r, "resolution"), Table.num(r, "resolution_err"))));
        }
        return new TextTable(caption, List.of("sample", "source", "bin", "n", "response", "resolution"), rows);
    }

    private static TextTable tailTable(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            rows.add(List.of(r.getAs("sample"), String.format(Locale.ROOT, "%.0f", Table.num(r, "threshold")),
                    r.getAs("source"), String.valueOf(r.<Long>getAs("n")),
                    pm(Table.num(r, "fraction"), Table.num(r, "fraction_err"))));
        }
        return new TextTable("high-MET tail", List.of("sample", "MET above (GeV)", "source", "events", "fraction"),
                rows);
    }

    private static TextTable jetEfficiency(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            rows.add(List.of(r.getAs("sample"), r.getAs("source"), pm(Table.num(r, "efficiency"),
                    Table.num(r, "efficiency_err")), pm(Table.num(r, "fake_rate"), Table.num(r, "fake_rate_err"))));
        }
        return new TextTable("jet matching", List.of("sample", "source", "efficiency", "fake rate"), rows);
    }

    /** The report as Markdown. */
    static String markdown(List<Section> sections) {
        StringBuilder sb = new StringBuilder("# MLPF vs PF comparison\n\n");
        for (Section s : sections) {
            sb.append("## ").append(s.title()).append("\n\n").append(s.text()).append("\n\n");
            for (TextTable t : s.tables()) {
                sb.append("**").append(t.caption()).append("**\n\n| ").append(String.join(" | ", t.header()))
                        .append(" |\n|").append("---|".repeat(t.header().size())).append('\n');
                for (List<String> row : t.rows()) {
                    sb.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
                sb.append('\n');
            }
            for (Plots.Plot p : s.plots()) {
                sb.append("![").append(p.caption()).append("](").append(p.file()).append(")\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The report as one self-contained HTML page (images next to it in plots/). */
    static String html(List<Section> sections) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>MLPF vs PF comparison</title><style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "font-size:13px}th{background:#eee}figure{display:inline-block;margin:6px}"
                + "figcaption{font-size:12px;text-align:center}</style></head><body>\n<h1>MLPF vs PF comparison</h1>\n");
        for (Section s : sections) {
            sb.append("<h2>").append(esc(s.title())).append("</h2>\n<p>").append(esc(s.text())).append("</p>\n");
            for (TextTable t : s.tables()) {
                sb.append("<table><caption>").append(esc(t.caption())).append("</caption><tr>");
                t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
                sb.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    sb.append("<tr>");
                    row.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            }
            for (Plots.Plot p : s.plots()) {
                sb.append("<figure><img src=\"").append(esc(p.file())).append("\" alt=\"").append(esc(p.caption()))
                        .append("\" width=\"480\"><figcaption>").append(esc(p.caption())).append("</figcaption></figure>\n");
            }
        }
        // After every image has loaded or failed, record how many rendered (read by the headless-browser test).
        sb.append("<p id=\"image-status\"></p>\n<script>window.addEventListener('load', function () {"
                + "var im = document.images, ok = 0; for (var i = 0; i < im.length; i++) {"
                + "if (im[i].complete && im[i].naturalWidth > 0) { ok++; } }"
                + "var s = document.getElementById('image-status'); s.setAttribute('data-loaded', ok);"
                + "s.setAttribute('data-total', im.length); s.textContent = ok + ' of ' + im.length"
                + " + ' plots loaded';});</script>\n");
        return sb.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
