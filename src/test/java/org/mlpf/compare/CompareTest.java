package org.mlpf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.testing.GpuPlans;
import org.mlpf.testing.HeadlessBrowser;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

class CompareTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    private static final CompareConfig CFG = new CompareConfig(List.of(0.0, 5.0, 20.0, 100.0),
            List.of(-3.0, 0.0, 3.0), List.of(10.0, 20.0, 40.0, 200.0), List.of(50.0, 100.0),
            List.of(10.0, 20.0, 40.0), List.of(0.0, 2.5, 5.0), 0.1);

    /**
     * Events with two tracks (charged hadrons) and two ECAL clusters (photons); PF gets every class right unless
     * {@code photonAsNeutral}, which makes PF call the first photon of every event a neutral hadron.
     */
    private Path ntuples(int events, boolean photonAsNeutral, List<Row> mlpfRows) {
        List<Row> rows = new ArrayList<>();
        for (int id = 0; id < events; id++) {
            NtupleEvent ev = new NtupleEvent(id, "ttbar");
            List<Row> cands = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                float pt = 3f + 7f * k + id % 5;
                float eta = -1f + 0.5f * k;
                float phi = -2.5f + 1.5f * k;
                float e = (float) (pt * Math.cosh(eta));
                boolean track = k < 2;
                int i = track ? TestEvents.track(ev, pt, eta, phi, 1, 0f)
                        : TestEvents.cluster(ev, ElementType.ECAL, e, eta, phi);
                int cls = track ? ParticleClass.CHARGED_HADRON.index() : ParticleClass.PHOTON.index();
                ev.setYgen(i, cls, track ? 1f : 0f, pt, eta, phi, e);
                int pfCls = photonAsNeutral && k == 2 ? ParticleClass.NEUTRAL_HADRON.index() : cls;
                ev.setYcand(i, pfCls, track ? 1f : 0f, pt, eta, phi, e);
                ev.addCandidate(pfCls, track ? 1 : 0, pt, eta, phi, e, i, 0f);
                cands.add(RowFactory.create(cls, track ? 1 : 0, pt, eta, phi, e, i, 0f));
            }
            if (mlpfRows != null) {
                mlpfRows.add(RowFactory.create((long) id, "ttbar", CandidateSchema.VERSION, cands,
                        cands.stream().map(c -> new float[8]).toList()));
            }
            rows.add(ev.toRow());
        }
        Path dir = tmp.resolve("ntuples");
        TestEvents.write(spark, rows, dir, 2);
        return dir;
    }

    private Path candidates(List<Row> rows) {
        Path dir = tmp.resolve("candidates");
        spark.createDataFrame(rows, CandidateSchema.SCHEMA).write().partitionBy(CandidateSchema.SAMPLE)
                .parquet(dir.toString());
        return dir;
    }

    /** Jets of events 0..n-1 with R = 0.7: a 25-29 GeV gen jet of gen particle 0, PF and MLPF ones of elements 0, 1. */
    private Path jets(int events) {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < events; id++) {
            double pt = 25 + id % 5;
            rows.add(HeadlineTest.event("ttbar", id, "gen", "antikt", 0.7, 3.0,
                    List.of(HeadlineTest.jet(pt, 0.5, 1.0, 0))));
            for (String source : List.of("pf", "mlpf")) {
                rows.add(HeadlineTest.event("ttbar", id, source, "antikt", 0.7, 3.0,
                        List.of(HeadlineTest.jet(pt * 0.95, 0.5, 1.01, 0, 1))));
            }
        }
        Path dir = tmp.resolve("jets");
        spark.createDataFrame(rows, JetSchema.SCHEMA).write().partitionBy(JetSchema.SAMPLE).parquet(dir.toString());
        return dir;
    }

    /** MET rows: gen uniform in [20, 40) GeV; pf and mlpf = gen x (1 + gaussian of width pfSigma / mlpfSigma). */
    private Path met(int events, double pfSigma, double mlpfSigma) {
        SplittableRandom rng = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < events; id++) {
            double gen = 20 + 20 * rng.nextDouble();
            rows.add(metRow(id, MetSchema.GEN, gen));
            rows.add(metRow(id, MetSchema.PF, gen * (1 + pfSigma * gaussian(rng))));
            rows.add(metRow(id, MetSchema.MLPF, gen * (1 + mlpfSigma * gaussian(rng))));
        }
        Path dir = tmp.resolve("met");
        spark.createDataFrame(rows, MetSchema.SCHEMA).write().partitionBy(MetSchema.SAMPLE).parquet(dir.toString());
        return dir;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static Row metRow(long id, String source, double met) {
        return RowFactory.create(id, "ttbar", MetSchema.VERSION, source, met, 0.0, Math.abs(met), 0.0, met, 1L);
    }

    private Row row(Dataset<Row> t, String filter) {
        List<Row> rows = t.filter(filter).collectAsList();
        assertEquals(1, rows.size(), filter + " in " + t.collectAsList());
        return rows.get(0);
    }

    @Test
    void perfectReconstructionHasEfficiencyOneFakeRateZeroResponseOneResolutionZero() {
        List<Row> mlpf = new ArrayList<>();
        Path nt = ntuples(50, false, mlpf);
        Dataset<Row> pairs = ParticleComparison.pairs(spark.read().parquet(nt.toString()),
                Optional.of(spark.read().parquet(candidates(mlpf).toString())));
        Map<String, Dataset<Row>> t = ParticleComparison.tables(pairs, CFG);
        for (String source : List.of("pf", "mlpf")) {
            Row s = row(t.get("particle_summary"), "source = '" + source + "' and cls = 5");
            assertEquals(100L, s.<Long>getAs("n_true"));
            assertEquals(1.0, s.<Double>getAs("efficiency"), 1e-12);
            assertEquals(0.0, s.<Double>getAs("fake_rate"), 1e-12);
            assertTrue(s.<Double>getAs("fake_rate_err") > 0, "Wilson error stays positive at 0");
            for (Row r : t.get("particle_resolution").filter("source = '" + source + "'").collectAsList()) {
                double want = r.<String>getAs("quantity").endsWith("ratio") ? 1.0 : 0.0;
                assertEquals(want, r.<Double>getAs("median"), 1e-6, r.toString());
                assertEquals(0.0, r.<Double>getAs("iqr"), 1e-6, r.toString());
            }
        }
        Row diag = row(t.get("particle_confusion"), "source = 'pf' and t_cls = 1 and r_cls = 1");
        assertEquals(100L, diag.<Long>getAs("n"));
        assertEquals(0, t.get("particle_confusion").filter("t_cls != r_cls").count());
    }

    @Test
    void knownMisidentificationGivesTheKnownEfficiencyAndFakeRate() {
        Path nt = ntuples(80, true, null);
        Map<String, Dataset<Row>> t = ParticleComparison.tables(ParticleComparison.pairs(
                spark.read().parquet(nt.toString()), Optional.empty()), CFG);
        Row photons = row(t.get("particle_summary"), "source = 'pf' and cls = 5");
        assertEquals(0.5, photons.<Double>getAs("efficiency"), 1e-12);
        // Wilson half width at p = 0.5, n = 160: sqrt(0.25/160 + 1/(4 * 160^2)) / (1 + 1/160)
        assertEquals(Math.sqrt(0.25 / 160 + 0.25 / (160.0 * 160)) / (1 + 1 / 160.0),
                photons.<Double>getAs("efficiency_err"), 1e-12);
        Row neutral = row(t.get("particle_summary"), "source = 'pf' and cls = 2");
        assertEquals(1.0, neutral.<Double>getAs("fake_rate"), 1e-12, "every PF neutral hadron is a photon");
        assertEquals(80L, row(t.get("particle_confusion"), "t_cls = 5 and r_cls = 2").<Long>getAs("n"));
    }

    @Test
    void particleResponseGivesTheKnownCandidateResponse() {
        // One photon per event at phi 3.1; MLPF's candidate has 1.1 x pT, 0.95 x E, eta + 0.05 and phi -3.1, which
        // is 2 pi - 6.2 from the gen phi once wrapped; PF's is exact.
        List<Row> rows = new ArrayList<>();
        List<Row> mlpf = new ArrayList<>();
        for (int id = 0; id < 20; id++) {
            NtupleEvent ev = new NtupleEvent(id, "ttbar");
            float pt = 10f + id % 7;
            float eta = 0.3f;
            float e = (float) (pt * Math.cosh(eta));
            int i = TestEvents.cluster(ev, ElementType.ECAL, e, eta, 3.1f);
            int photon = ParticleClass.PHOTON.index();
            ev.setYgen(i, photon, 0f, pt, eta, 3.1f, e);
            ev.setYcand(i, photon, 0f, pt, eta, 3.1f, e);
            ev.addCandidate(photon, 0, pt, eta, 3.1f, e, i, 0f);
            rows.add(ev.toRow());
            mlpf.add(RowFactory.create((long) id, "ttbar", CandidateSchema.VERSION, List.of(RowFactory.create(photon,
                    0, pt * 1.1f, eta + 0.05f, -3.1f, e * 0.95f, i, 0f)), List.of(new float[8])));
        }
        Path nt = tmp.resolve("ntuples");
        TestEvents.write(spark, rows, nt, 2);
        Dataset<Row> r = ParticleComparison.tables(ParticleComparison.pairs(spark.read().parquet(nt.toString()),
                Optional.of(spark.read().parquet(candidates(mlpf).toString()))), CFG).get(Columns.PARTICLE_RESPONSE)
                .cache();
        String ml = "source = 'mlpf' and cls = 5 and quantity = ";
        Row pt = row(r, ml + "'pt_ratio'");
        assertEquals(20L, pt.<Long>getAs("n"));
        assertEquals(1.1, pt.<Double>getAs("median"), 1e-6);
        assertEquals(0.0, pt.<Double>getAs("resolution"), 1e-6);
        assertEquals(0.95, row(r, ml + "'energy_ratio'").<Double>getAs("median"), 1e-6);
        Row eta = row(r, ml + "'eta_diff'");
        assertEquals(0.05, eta.<Double>getAs("median"), 1e-6);
        assertNull(eta.getAs("resolution"), "IQR / median means nothing for a difference");
        assertEquals(2 * Math.PI - 6.2, row(r, ml + "'phi_diff'").<Double>getAs("median"), 1e-5);
        assertEquals(1.0, row(r, "source = 'pf' and cls = 5 and quantity = 'pt_ratio'").<Double>getAs("median"), 1e-6);
        assertEquals(0.0, row(r, "source = 'pf' and cls = 5 and quantity = 'phi_diff'").<Double>getAs("median"), 1e-6);
        r.unpersist();
    }

    @Test
    void knownMetSmearingGivesTheKnownResolutionAndVerdict() {
        Map<String, Dataset<Row>> t = MetComparison.tables(spark.read().parquet(met(4000, 0.1, 0.2)
                .toString()), CFG);
        Dataset<Row> resp = t.get("met_response");
        Row pf = row(resp, "source = 'pf' and bin = 1");
        Row ml = row(resp, "source = 'mlpf' and bin = 1");
        // ratio = 1 + N(0, sigma): median 1, IQR = 1.349 sigma, resolution = 1.349 sigma.
        assertEquals(1.0, pf.<Double>getAs("median"), 3 * pf.<Double>getAs("median_err"));
        assertEquals(1.349 * 0.1, pf.<Double>getAs("resolution"), 3 * pf.<Double>getAs("resolution_err"));
        assertEquals(1.349 * 0.2, ml.<Double>getAs("resolution"), 3 * ml.<Double>getAs("resolution_err"));
        assertTrue(pf.<Double>getAs("resolution_err") < 0.01 && pf.<Double>getAs("resolution_err") > 0.001,
                "error of the right size: " + pf.<Double>getAs("resolution_err"));
        assertEquals(0, resp.filter("bin = 0 or bin = 2").count(), "all gen MET in [20, 40)");
        Row tail = row(t.get("met_tail"), "source = 'gen' and threshold = 50");
        assertEquals(0.0, tail.<Double>getAs("fraction"), 1e-12);
    }

    @Test
    void reportHasTablesPlotsAndAVerdictAndEveryImageExists() throws Exception {
        List<Row> mlpf = new ArrayList<>();
        Path nt = ntuples(600, true, mlpf);
        Path met = met(600, 0.1, 0.2);
        Path out = tmp.resolve("report");
        // MLPF reconstructed 400 of the 600 events: the comparison keeps exactly those for PF too.
        CompareJob.Result r = CompareJob.run(spark, new CompareJob.Inputs(nt.toString(), met.toString(),
                jets(600).toString(), candidates(mlpf.subList(0, 400)).toString()), out.toString(), CFG, false);
        assertEquals(Map.of("ttbar", 400L), r.events());
        assertTrue(r.plots() >= 8, "plots: " + r.plots());
        String csv = Files.readString(out.resolve("tables/met_response.csv"));
        assertTrue(csv.startsWith("sample,source,bin,n,median,median_err,iqr,resolution,resolution_err,bin_label\n"),
                csv);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.startsWith("# MLPF vs PF comparison\n\n## Headline\n"), "the answer first:\n" + md);
        int verdict = md.indexOf("## Verdict");
        assertTrue(md.indexOf("**ttbar (400 events; jets: anti-kt, R = 0.7, jet pT ≥ 3 GeV; CHS on mlpf, pf)**")
                < verdict && verdict > 0, md);
        assertTrue(md.contains("| jet matching efficiency | ≥ 20 | 400 | - | 1.0000 ± "), md);
        assertTrue(md.contains("| MET tail fraction | MET > 50 GeV | 400 | 0.0000 ± "), md);
        assertTrue(md.contains("| particle efficiency | photon | 800 | - | 0.5000 ± "), md);
        assertTrue(md.contains("Jets as the jets dataset defines them: anti-kt, R = 0.7"), md);
        assertFalse(md.contains("R = 0.4"), "nothing about jets is hard-coded:\n" + md);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.indexOf("<h2>Headline</h2>") < html.indexOf("<h2>Verdict</h2>"), html);
        for (String name : List.of("headline", "verdict", "particle_response", "jet_constituents",
                "jet_class_residuals", "jet_definition", "jet_efficiency_pt")) {
            assertTrue(Files.exists(out.resolve("tables/" + name + ".csv")), name);
            assertTrue(Files.exists(out.resolve("tables/" + name)), name);
        }
        assertTrue(Files.readString(out.resolve("tables/headline.csv")).startsWith("sample,position,quantity,bin,"
                + "bin_label,n_pf,pf,pf_err,n_mlpf,mlpf,mlpf_err,gen,gen_err,mlpf_minus_pf,significance,better,"
                + "verdict\n"));
        assertTrue(md.contains("| ttbar | MET resolution | [20, 40) |"), md);
        assertTrue(md.contains("MLPF worse"), "2x the smearing is significantly worse with 400 events:\n" + md);
        assertTrue(md.contains("| ttbar | photon efficiency | all | 0.5000"), md);
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            Path img = out.resolve(m.group(1));
            assertTrue(Files.size(img) > 1000, "image exists and is not empty: " + img);
            byte[] head = Files.readAllBytes(img);
            assertEquals((byte) 0x89, head[0], "PNG signature of " + img);
            images++;
        }
        assertEquals(r.plots(), images);
        // In a real browser, every image of the page loads: a copy of the page beside it (same relative image
        // paths) with a script that counts the images that rendered once all have loaded or failed. The report
        // itself ships no script.
        assertFalse(html.contains("<script"), "the report is static HTML");
        Path probe = out.resolve("index-load-probe.html");
        Files.writeString(probe, html.replace("</body>", "<p id=\"image-status\"></p>\n<script>"
                + "window.addEventListener('load', function () { var im = document.images, ok = 0;"
                + " for (var i = 0; i < im.length; i++) { if (im[i].complete && im[i].naturalWidth > 0) { ok++; } }"
                + " var s = document.getElementById('image-status'); s.setAttribute('data-loaded', ok);"
                + " s.setAttribute('data-total', im.length); });</script>\n</body>"));
        String dom = HeadlessBrowser.domAfterLoad(probe);
        Files.delete(probe);
        Matcher status = Pattern.compile("id=\"image-status\" data-loaded=\"(\\d+)\" data-total=\"(\\d+)\"")
                .matcher(dom);
        assertTrue(status.find(), "the page's load script ran:\n" + dom.substring(Math.max(0, dom.length() - 2000)));
        assertEquals(String.valueOf(images), status.group(2));
        assertEquals(status.group(2), status.group(1), "every plot loads in the browser");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(Files.exists(out.resolve("tables/particle_summary")));
    }

    @Test
    void comparisonTablesWouldRunOnAGpuExceptTheAllowedOnes() {
        List<Row> mlpf = new ArrayList<>();
        Path nt = ntuples(10, false, mlpf);
        Dataset<Row> pairs = ParticleComparison.pairs(spark.read().parquet(nt.toString()),
                Optional.of(spark.read().parquet(candidates(mlpf).toString())));
        Map<String, Dataset<Row>> tables = ParticleComparison.tables(pairs, CFG);
        tables.putAll(MetComparison.tables(spark.read().parquet(met(50, 0.1, 0.1).toString()), CFG));
        Dataset<Row> inputs = JetComparison.inputs(spark.read().parquet(nt.toString()),
                Optional.of(spark.read().parquet(tmp.resolve("candidates").toString())));
        tables.putAll(JetComparison.tables(spark.read().parquet(jets(10).toString()), Optional.of(inputs), CFG));
        tables.putAll(Verdict.tables(tables, CFG));
        assertTrue(tables.keySet().containsAll(List.of(Columns.HEADLINE, Columns.VERDICT, Columns.PARTICLE_RESPONSE,
                Columns.JET_CONSTITUENTS, Columns.JET_CLASS_RESIDUALS, Columns.JET_DEFINITION,
                Columns.JET_EFFICIENCY_PT)),
                tables.keySet().toString());
        List<String> cpu = new ArrayList<>();
        for (Map.Entry<String, Dataset<Row>> e : tables.entrySet()) {
            GpuPlans.cpuOnly(e.getValue(), ALLOWED_ON_CPU).forEach(l -> cpu.add(e.getKey() + ": " + l));
        }
        assertFalse(tables.isEmpty());
        assertTrue(cpu.isEmpty(), String.join("\n", cpu));
    }

    /** Plan lines allowed to stay on the CPU, with the reason. */
    private static final Map<String, String> ALLOWED_ON_CPU = Map.of();
}
