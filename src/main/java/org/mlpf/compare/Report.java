package org.mlpf.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.Row;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.MetSchema;

/**
 * The human-readable report: {@code summary.md} and {@code index.html} rendered from one model (sections with
 * tables and plots). It leads with the answer, a headline block per sample (the {@code headline} table: PF against
 * MLPF with uncertainties and a verdict, see {@link Verdict}), then the verdict over every bin and class, then the
 * details per section. What it says about jets (algorithm, R, ptmin, CHS) comes from the jets dataset's own columns
 * (the {@code jet_definition} table), never from the configuration.
 */
final class Report {
    /** A table of strings with a caption. */
    record TextTable(String caption, List<String> header, List<List<String>> rows) {
    }

    /** A section: prose, tables and plots. */
    record Section(String title, String text, List<TextTable> tables, List<Plots.Plot> plots) {
    }

    private Report() {
    }

    /** The sections of the report; the jet sections appear when {@code t} has the jet tables. */
    static List<Section> sections(Map<String, Table> t, List<Plots.Plot> plots, Map<String, Long> events,
                                  boolean hasMlpf, CompareConfig cfg) {
        boolean hasJets = t.containsKey("jet_response");
        Table definition = t.get(Columns.JET_DEFINITION);
        String noMlpf = "No MLPF candidates were given: the report shows the baseline PF against the generator only; "
                + "the MLPF columns appear when the compare stage gets --candidates.";
        String compatible = "'compatible' means the difference is below " + Stats.plain(Verdict.SIGNIFICANT)
                + " standard deviations; 'too few entries': fewer than " + Stats.MIN_QUANTILE_ENTRIES
                + " entries in a bin give no median or resolution.";
        List<Section> out = new ArrayList<>();
        List<TextTable> headline = new ArrayList<>();
        Table h = t.get(Columns.HEADLINE);
        for (String sample : events.keySet()) {
            String jets = hasJets ? "; jets: " + jetDefinition(definition, sample) : "";
            headline.add(sideBySide(sample + " (" + events.get(sample) + " events" + jets + ")",
                    h.where(r -> sample.equals(r.getAs("sample"))), false));
        }
        out.add(new Section("Headline", (hasMlpf ? "" : noMlpf + " ")
                + "MLPF against baseline PF on exactly the same events, per sample: value ± one standard error, n the "
                + "entries (gen jets, matched jets, events, true elements or candidates; PF / MLPF where they differ). "
                + "Jet matching efficiency: fraction of gen jets matched by a reco jet within Delta R < "
                + Stats.plain(cfg.jetMatchDr()) + "; jet response = median(reco pT / gen pT) and resolution = IQR / "
                + "median per gen-jet pT bin; MET resolution = IQR / median of reco MET / gen MET per gen-MET bin; "
                + "MET tail: fraction of events above the threshold, gen's for reference. Lower is better for "
                + "resolutions and fake rates, higher for efficiencies, closer to 1 for responses and closer to gen "
                + "for tail fractions. " + compatible + " The details follow.", headline, List.of()));
        List<String> counts = new ArrayList<>();
        events.forEach((k, v) -> counts.add(k + ": " + v + " events"));
        out.add(new Section("Samples", String.join("; ", counts), List.of(), List.of()));
        out.add(new Section("Verdict", hasMlpf
                ? "MLPF against baseline PF on exactly the same events; lower is better for resolutions and fake "
                        + "rates, higher for efficiencies. " + compatible
                : noMlpf, List.of(sideBySide(hasMlpf ? "PF vs MLPF" : "PF (no MLPF candidates)",
                        t.get(Columns.VERDICT).rows(), true)), List.of()));
        out.add(new Section("Particles", "Element by element: truth from ygen, PF from ycand, MLPF from the "
                + "candidate of the same element. Efficiency: true class reconstructed as that class; fake rate: "
                + "candidates whose truth is another class (or none). Candidate response: for elements whose reco "
                + "class is the true class, median and width (IQR / median for ratios, IQR for differences, phi "
                + "wrapped into [-pi, pi]) of the candidate against its gen target.",
                List.of(particleSummary(t.get("particle_summary")), particleResponse(t.get(Columns.PARTICLE_RESPONSE))),
                sectionPlots(plots, "Particles")));
        out.add(new Section("MET", "Response = median(reco MET / gen MET), resolution = IQR / median of that ratio, "
                + "in gen-MET bins; tail = fraction of events above a threshold.",
                List.of(binnedTable("MET response and resolution", t.get("met_response")),
                        tailTable(t.get("met_tail"))), sectionPlots(plots, "MET")));
        if (hasJets) {
            List<TextTable> jt = new ArrayList<>(List.of(binnedTable("jet response and resolution",
                    t.get("jet_response")), jetEfficiency(t.get("jet_matching")),
                    jetEfficiencyPt(t.get(Columns.JET_EFFICIENCY_PT))));
            if (t.containsKey(Columns.JET_CONSTITUENTS)) {
                jt.add(jetConstituents(t.get(Columns.JET_CONSTITUENTS)));
            }
            if (t.containsKey(Columns.JET_CLASS_RESIDUALS)) {
                jt.add(jetClassResiduals(t.get(Columns.JET_CLASS_RESIDUALS), cfg.jetPtBins()));
            }
            out.add(new Section("Jets", "Jets as the jets dataset defines them: " + jetDefinition(definition, null)
                    + ". Reco jets matched to gen jets within Delta R < " + Stats.plain(cfg.jetMatchDr())
                    + "; response = median(reco pT / gen pT), resolution = IQR / median, in gen-jet pT bins. "
                    + "Constituents: gen jets above " + Stats.plain(JetComparison.MAIN_PT_MIN) + " GeV and the reco "
                    + "jets matched to them; pT fractions of the scalar sum of the constituents' pT; multiplicity "
                    + "ratio = mean of reco / gen constituents over matched pairs. Where the jet pT residual comes "
                    + "from: per particle group, the mean and standard deviation over matched pairs of (reco - gen "
                    + "constituent pT of the group) / gen-jet pT; the groups add up to 'all', and the group with the "
                    + "largest standard deviation limits the jet resolution.", jt, sectionPlots(plots, "Jets")));
        }
        return out;
    }

    /**
     * The jet definition the jets dataset states (of one sample, or all when {@code sample} is null): algorithm,
     * R and ptmin, which sources had CHS; it says so when the rows mix definitions.
     */
    static String jetDefinition(Table d, String sample) {
        Map<String, List<String>> defs = new LinkedHashMap<>();
        Map<String, Set<Boolean>> chs = new TreeMap<>();
        for (Row r : d.where(r -> sample == null || sample.equals(r.getAs("sample")))) {
            String def = algorithm(r.getAs(JetSchema.ALGORITHM)) + ", R = " + Stats.plain(Table.num(r, JetSchema.R))
                    + ", jet pT ≥ " + Stats.plain(Table.num(r, JetSchema.PTMIN)) + " GeV";
            defs.computeIfAbsent(def, k -> new ArrayList<>()).add(r.getAs("sample") + " " + r.getAs("source"));
            chs.computeIfAbsent(r.getAs("source"), k -> new TreeSet<>()).add(r.getAs(JetSchema.CHS));
        }
        if (defs.isEmpty()) {
            return "no jets";
        }
        String what = defs.size() == 1 ? defs.keySet().iterator().next()
                : "mixed definitions in the data: " + String.join("; ", defs.entrySet().stream()
                        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList());
        List<String> on = chs.entrySet().stream().filter(e -> e.getValue().equals(Set.of(true))).map(Map.Entry::getKey)
                .toList();
        List<String> mixed = chs.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
        return what + (on.isEmpty() ? "; no CHS" : "; CHS on " + String.join(", ", on))
                + (mixed.isEmpty() ? "" : "; CHS mixed on " + String.join(", ", mixed));
    }

    private static String algorithm(String name) {
        return switch (name) {
            case "antikt" -> "anti-kt";
            case "cambridge" -> "Cambridge/Aachen";
            default -> name;
        };
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

    private static String pm(Row r, String value) {
        return pm(Table.num(r, value), Table.num(r, value + "_err"));
    }

    private static String count(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? "-" : v.toString();
    }

    /**
     * Rows of {@code headline} or {@code verdict}; {@code withSample} for the table over all samples (the headline
     * has one block per sample and shows n and gen instead).
     */
    private static TextTable sideBySide(String caption, List<Row> rows, boolean withSample) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            double d = Table.num(r, Columns.DIFF);
            String diff = Double.isFinite(d)
                    ? String.format(Locale.ROOT, "%+.4f (%+.1f σ)", d, Table.num(r, Columns.SIGNIFICANCE)) : "-";
            String pf = pm(Table.num(r, Columns.PF), Table.num(r, Columns.PF_ERR));
            String ml = pm(Table.num(r, Columns.MLPF), Table.num(r, Columns.MLPF_ERR));
            List<String> row = new ArrayList<>();
            if (withSample) {
                row.addAll(List.of(r.getAs("sample"), r.getAs(Columns.QUANTITY), r.getAs("bin_label"), pf, ml));
            } else {
                String n = count(r, Columns.N_PF);
                String nm = count(r, Columns.N_MLPF);
                row.addAll(List.of(r.getAs(Columns.QUANTITY), r.getAs("bin_label"),
                        n.equals(nm) || "-".equals(nm) ? n : n + " / " + nm,
                        pm(Table.num(r, Columns.GEN), Table.num(r, Columns.GEN_ERR)), pf, ml));
            }
            row.add(diff);
            row.add(r.getAs(Columns.VERDICT_TEXT));
            out.add(row);
        }
        return new TextTable(caption, withSample ? List.of("sample", "quantity", "bin", "PF", "MLPF", "MLPF - PF",
                "verdict") : List.of("quantity", "bin", "n", "gen", "PF", "MLPF", "MLPF - PF", "verdict"), out);
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

    /** {@code particle_response} one line per sample, class and source, the four quantities side by side. */
    private static TextTable particleResponse(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (String sample : t.distinct("sample")) {
            for (ParticleClass pc : ParticleClass.values()) {
                for (String source : List.of(MetSchema.PF, MetSchema.MLPF)) {
                    Map<String, Row> q = new LinkedHashMap<>();
                    t.where(r -> sample.equals(r.getAs("sample")) && source.equals(r.getAs("source"))
                            && ((Number) r.getAs("cls")).intValue() == pc.index())
                            .forEach(r -> q.put(r.getAs("quantity"), r));
                    Row pt = q.get(ParticleComparison.PT_RATIO);
                    Row e = q.get(ParticleComparison.ENERGY_RATIO);
                    Row eta = q.get(ParticleComparison.ETA_DIFF);
                    Row phi = q.get(ParticleComparison.PHI_DIFF);
                    if (pt == null || e == null || eta == null || phi == null) {
                        continue;
                    }
                    rows.add(List.of(sample, pc.label(), source, count(pt, "n"), pm(pt, "median"),
                            pm(pt, "resolution"), pm(e, "median"), pm(e, "resolution"), pm(eta, "median"),
                            pm(eta, "iqr"), pm(phi, "median"), pm(phi, "iqr")));
                }
            }
        }
        return new TextTable("candidate response per class (reco class = true class)", List.of("sample", "class",
                "source", "n", "pT response", "pT resolution", "E response", "E resolution", "eta bias",
                "eta IQR", "phi bias", "phi IQR"), rows);
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

    private static TextTable jetEfficiencyPt(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            rows.add(List.of(r.getAs("sample"), r.getAs("source"), r.getAs("bin_label"), count(r, "n_gen"),
                    pm(r, "efficiency")));
        }
        return new TextTable("jet matching efficiency per gen-jet pT (GeV)", List.of("sample", "source", "bin",
                "gen jets", "efficiency"), rows);
    }

    private static TextTable jetConstituents(Table t) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : t.rows()) {
            rows.add(List.of(r.getAs("sample"), r.getAs("source"), r.getAs("bin_label"), count(r, Columns.N_JETS),
                    pm(r, Columns.MEAN_CONSTITUENTS), pm(r, Columns.CHARGED_FRACTION), pm(r, Columns.NEUTRAL_FRACTION),
                    pm(r, Columns.MULTIPLICITY_RATIO)));
        }
        return new TextTable("jet constituents per gen-jet pT (GeV)", List.of("sample", "source", "bin", "jets",
                "constituents", "charged pT fraction", "neutral pT fraction", "multiplicity reco / gen"), rows);
    }

    /**
     * {@code jet_class_residuals} with PF and MLPF side by side: the inclusive row and the main gen-jet pT bins
     * (low edge in [{@link JetComparison#MAIN_PT_MIN}, {@link JetComparison#MAIN_PT_MAX})).
     */
    private static TextTable jetClassResiduals(Table t, List<Double> edges) {
        List<List<String>> rows = new ArrayList<>();
        for (Row pf : t.where(r -> JetSchema.SOURCE_PF.equals(r.getAs("source")))) {
            String sample = pf.getAs("sample");
            String bin = String.valueOf(pf.<Object>getAs("bin"));
            String group = pf.getAs(Columns.GROUP);
            String label = pf.getAs("bin_label");
            int b = pf.<Integer>getAs("bin");
            if (b != Stats.INCLUSIVE && !(edges.get(b) >= JetComparison.MAIN_PT_MIN
                    && edges.get(b) < JetComparison.MAIN_PT_MAX)) {
                continue;
            }
            List<Row> ml = t.where(r -> JetSchema.SOURCE_MLPF.equals(r.getAs("source"))
                    && sample.equals(r.getAs("sample")) && bin.equals(String.valueOf(r.<Object>getAs("bin"))) && group.equals(r.getAs(Columns.GROUP)));
            Row m = ml.isEmpty() ? null : ml.get(0);
            rows.add(List.of(sample, label, group, count(pf, Columns.N_JETS) + " / "
                    + (m == null ? "-" : count(m, Columns.N_JETS)), pm(pf, Columns.MEAN_RESIDUAL),
                    pm(pf, Columns.RMS_RESIDUAL), m == null ? "-" : pm(m, Columns.MEAN_RESIDUAL),
                    m == null ? "-" : pm(m, Columns.RMS_RESIDUAL)));
        }
        return new TextTable("where the jet pT residual comes from: (reco - gen) constituent pT of each group / "
                + "gen-jet pT, matched jets", List.of("sample", "bin", "group", "jets (PF / MLPF)", "PF mean", "PF std. dev.",
                "MLPF mean", "MLPF std. dev."), rows);
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
        return sb.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
