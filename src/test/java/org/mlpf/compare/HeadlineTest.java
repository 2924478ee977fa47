package org.mlpf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/** The headline, the jet definition the report shows and the jet constituent checks, on hand-made jets. */
class HeadlineTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    /** Main bins (low edge in [20, 200)): 1 = [20, 40), 2 = [40, 60), 3 = [60, 100), 4 = [100, 200). */
    private static final CompareConfig CFG = new CompareConfig(List.of(0.0, 100.0), List.of(-3.0, 3.0),
            List.of(10.0, 200.0), List.of(50.0), List.of(10.0, 20.0, 40.0, 60.0, 100.0, 200.0, 400.0),
            List.of(0.0, 2.5, 5.0), 0.1);

    static Row jet(double pt, double eta, double phi, Integer... constituents) {
        return RowFactory.create(pt, eta, eta, phi, 0.0, pt * Math.cos(phi), pt * Math.sin(phi), pt * Math.sinh(eta),
                pt * Math.cosh(eta), List.of(constituents));
    }

    static Row event(String sample, long id, String source, String algorithm, double r, double ptmin, List<Row> jets) {
        return RowFactory.create(id, sample, JetSchema.VERSION, source, algorithm, r, ptmin,
                !JetSchema.SOURCE_GEN.equals(source), jets.size(), 0, jets);
    }

    private static Row event(String sample, long id, String source, List<Row> jets) {
        return event(sample, id, source, "antikt", 0.4, 3.0, jets);
    }

    private Dataset<Row> parquet(List<Row> rows) {
        return JetTables.parquet(spark, tmp, rows);
    }

    private static Row only(Dataset<Row> t, String filter) {
        return JetTables.only(t, filter);
    }

    private static Table table(String name, Dataset<Row> df) {
        return Table.of(name, List.of(df.schema().fieldNames()), df.collectAsList());
    }

    /**
     * ttbar, 40 events: gen jets of 30 and 70 GeV (and one of 15 GeV, outside the main bins); PF finds the 30 GeV jet
     * at response 0.9 and the 70 GeV one, at response 1, in every other event; MLPF finds both, at 1.0 and 1.1. qcd,
     * 20 events: one 30 GeV jet, found by both at response 1. Responses spread by +-0.01 and +-0.02 around those.
     */
    private Map<String, Dataset<Row>> knownJets() {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 40; id++) {
            double s = 0.01 * (id % 5 - 2);
            rows.add(event("ttbar", id, "gen", List.of(jet(70, -1.0, -2.0), jet(30, 0.5, 1.0), jet(15, 2.0, 0.0))));
            List<Row> pf = new ArrayList<>(List.of(jet(30 * (0.9 + s), 0.5, 1.0), jet(15, 2.0, 0.0)));
            if (id % 2 == 0) {
                pf.add(0, jet(70 * (1 + s), -1.0, -2.0));
            }
            rows.add(event("ttbar", id, "pf", pf));
            rows.add(event("ttbar", id, "mlpf", List.of(jet(70 * (1.1 + s), -1.0, -2.0), jet(30 * (1 + s), 0.5, 1.0),
                    jet(15, 2.0, 0.0))));
        }
        for (long id = 0; id < 20; id++) {
            double s = 0.01 * (id % 5 - 2);
            rows.add(event("qcd", id, "gen", List.of(jet(30, 0.5, 1.0))));
            rows.add(event("qcd", id, "pf", List.of(jet(30 * (1 + s), 0.5, 1.0))));
            rows.add(event("qcd", id, "mlpf", List.of(jet(30 * (1 + s), 0.5, 1.0))));
        }
        return JetComparison.tables(parquet(rows), CFG);
    }

    @Test
    void knownMatchingAndResponseGiveTheKnownHeadlinePerSample() {
        Dataset<Row> h = Verdict.headline(knownJets(), CFG).cache();
        String eff = "quantity = 'jet matching efficiency' and ";
        Row all = only(h, eff + "sample = 'ttbar' and bin = " + Stats.INCLUSIVE);
        assertEquals("≥ 20", all.getAs("bin_label"));
        assertEquals(80L, all.<Long>getAs(Columns.N_PF), "the 15 GeV gen jets are not counted");
        assertEquals(0.75, all.<Double>getAs(Columns.PF), 1e-12);
        assertEquals(1.0, all.<Double>getAs(Columns.MLPF), 1e-12);
        assertEquals("MLPF better", all.getAs(Columns.VERDICT_TEXT));
        assertEquals(0.5, only(h, eff + "sample = 'ttbar' and bin = 3").<Double>getAs(Columns.PF), 1e-12);
        assertEquals("compatible", only(h, eff + "sample = 'ttbar' and bin = 1").getAs(Columns.VERDICT_TEXT));
        assertEquals(1.0, only(h, eff + "sample = 'qcd' and bin = " + Stats.INCLUSIVE).<Double>getAs(Columns.PF),
                1e-12, "qcd has its own block");
        assertEquals(0, h.filter("bin = 0").count(), "[10, 20) is below the main bins");

        Row low = only(h, "quantity = 'jet response' and sample = 'ttbar' and bin = 1");
        assertEquals(0.9, low.<Double>getAs(Columns.PF), 1e-9);
        assertEquals(1.0, low.<Double>getAs(Columns.MLPF), 1e-9);
        assertEquals("MLPF better", low.getAs(Columns.VERDICT_TEXT), "closer to 1");
        Row high = only(h, "quantity = 'jet response' and sample = 'ttbar' and bin = 3");
        assertEquals(20L, high.<Long>getAs(Columns.N_PF));
        assertEquals(40L, high.<Long>getAs(Columns.N_MLPF));
        assertEquals(1.1, high.<Double>getAs(Columns.MLPF), 1e-9);
        assertEquals("MLPF worse", high.getAs(Columns.VERDICT_TEXT), "1.1 is farther from 1 than PF's 1.0");
        Row res = only(h, "quantity = 'jet resolution' and sample = 'ttbar' and bin = 1");
        // Quartiles of 0.9 + {-0.02, -0.01, 0, 0.01, 0.02}: 0.89 and 0.91.
        assertEquals(0.02 / 0.9, res.<Double>getAs(Columns.PF), 1e-9);
        assertEquals(0.02, res.<Double>getAs(Columns.MLPF), 1e-9);
        assertEquals("compatible", res.getAs(Columns.VERDICT_TEXT));
        assertEquals(0, h.filter("sample = 'qcd' and bin = 3").count(), "no 70 GeV jets in qcd");
        h.unpersist();
    }

    @Test
    void theJetDefinitionShownIsTheDataOne() {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 3; id++) {
            rows.add(event("ttbar", id, "gen", "kt", 0.7, 5.0, List.of(jet(50, 0, 0))));
            rows.add(event("ttbar", id, "pf", "kt", 0.7, 5.0, List.of(jet(50, 0, 0))));
            rows.add(event("qcd", id, "pf", "antikt", 0.4, 3.0, List.of(jet(50, 0, 0))));
        }
        Table d = table(Columns.JET_DEFINITION, JetComparison.tables(parquet(rows), CFG).get(Columns.JET_DEFINITION));
        assertEquals("kt, R = 0.7, jet pT ≥ 5 GeV; CHS on pf", Report.jetDefinition(d, "ttbar"));
        assertEquals(3L, d.where(r -> "ttbar".equals(r.getAs("sample")) && "pf".equals(r.getAs("source"))).get(0)
                .<Long>getAs(Columns.N_EVENTS));
        String both = Report.jetDefinition(d, null);
        assertTrue(both.startsWith("mixed definitions in the data: "), both);
        assertTrue(both.contains("kt, R = 0.7, jet pT ≥ 5 GeV (ttbar gen, ttbar pf)"), both);
        assertTrue(both.contains("anti-kt, R = 0.4, jet pT ≥ 3 GeV (qcd pf)"), both);
    }

    @Test
    void constituentsOfMatchedJetsComeFromTheCandidateLists() {
        List<Row> ntuples = new ArrayList<>();
        List<Row> mlpf = new ArrayList<>();
        List<Row> jets = new ArrayList<>();
        int events = 6;
        for (long id = 0; id < events; id++) {
            NtupleEvent ev = new NtupleEvent(id, "ttbar");
            gen(ev, 211, 1, 20, 1.0); // 0: charged
            gen(ev, 22, 0, 10, 1.0); // 1: photon
            gen(ev, 130, 0, 10, 1.0); // 2: K0L
            gen(ev, 14, 0, 8, -2.0); // 3: neutrino, in the 15 GeV "jet" below
            ev.addCandidate(ParticleClass.CHARGED_HADRON.index(), 1, 20f, 0.5f, 1.0f, 25f, 0, 0f);
            ev.addCandidate(ParticleClass.PHOTON.index(), 0, 10f, 0.5f, 1.0f, 11f, 1, 0f);
            ev.addCandidate(ParticleClass.PHOTON.index(), 0, 5f, -2f, -2.0f, 19f, 2, 0f);
            ntuples.add(ev.toRow());
            mlpf.add(RowFactory.create(id, "ttbar", CandidateSchema.VERSION, List.of(
                    RowFactory.create(1, 1, 20f, 0.5f, 1.0f, 25f, 0, 0f),
                    RowFactory.create(2, 0, 9f, 0.5f, 1.0f, 10f, 1, 0f),
                    RowFactory.create(5, 0, 11f, 0.5f, 1.0f, 12f, 2, 0f)),
                    List.of(new float[8], new float[8], new float[8])));
            jets.add(event("ttbar", id, "gen", List.of(jet(40, 0.5, 1.0, 0, 1, 2), jet(15, -2.0, -2.0, 3))));
            jets.add(event("ttbar", id, "pf", List.of(jet(30, 0.5, 1.0, 0, 1))));
            jets.add(event("ttbar", id, "mlpf", List.of(jet(40, 0.5, 1.0, 0, 1, 2))));
        }
        Path nt = tmp.resolve("ntuples");
        TestEvents.write(spark, ntuples, nt, 2);
        Path cands = tmp.resolve("candidates");
        spark.createDataFrame(mlpf, CandidateSchema.SCHEMA).write().partitionBy(CandidateSchema.SAMPLE)
                .parquet(cands.toString());
        Dataset<Row> inputs = JetComparison.inputs(spark.read().parquet(nt.toString()),
                Optional.of(spark.read().parquet(cands.toString())));
        Dataset<Row> c = JetComparison.tables(parquet(jets), Optional.of(inputs), CFG).get(Columns.JET_CONSTITUENTS)
                .cache();
        String incl = " and bin = " + Stats.INCLUSIVE;
        Row gen = only(c, "source = 'gen'" + incl);
        assertEquals((long) events, gen.<Long>getAs(Columns.N_JETS), "only gen jets above 20 GeV");
        assertEquals(3.0, gen.<Double>getAs(Columns.MEAN_CONSTITUENTS), 1e-12);
        assertEquals(0.5, gen.<Double>getAs(Columns.CHARGED_FRACTION), 1e-9);
        assertEquals(0.5, gen.<Double>getAs(Columns.NEUTRAL_FRACTION), 1e-9);
        assertNull(gen.getAs(Columns.MULTIPLICITY_RATIO));
        Row pf = only(c, "source = 'pf'" + incl);
        assertEquals(2.0, pf.<Double>getAs(Columns.MEAN_CONSTITUENTS), 1e-12);
        assertEquals(2.0 / 3, pf.<Double>getAs(Columns.MULTIPLICITY_RATIO), 1e-12);
        assertEquals(2.0 / 3, pf.<Double>getAs(Columns.CHARGED_FRACTION), 1e-6);
        assertEquals(0.0, pf.<Double>getAs(Columns.CHARGED_FRACTION + "_err"), 1e-9, "the same jet every time");
        Row ml = only(c, "source = 'mlpf'" + incl);
        assertEquals(1.0, ml.<Double>getAs(Columns.MULTIPLICITY_RATIO), 1e-12);
        assertEquals(0.5, ml.<Double>getAs(Columns.CHARGED_FRACTION), 1e-6);
        assertEquals(2.0 / 3, only(c, "source = 'pf' and bin = 2").<Double>getAs(Columns.MULTIPLICITY_RATIO), 1e-12,
                "the 40 GeV gen jets are in [40, 60)");
        c.unpersist();

        // Where the residual comes from: PF lost the 10 GeV K0L of the 40 GeV jet; MLPF called 1 GeV of it a photon.
        Dataset<Row> r = JetComparison.tables(parquet(jets), Optional.of(inputs), CFG).get(Columns.JET_CLASS_RESIDUALS)
                .cache();
        Map<String, Double> pfWant = Map.of("charged_hadron", 0.0, "neutral_hadron", -0.25, "photon", 0.0,
                "electron", 0.0, "muon", 0.0, JetComparison.ALL_GROUPS, -0.25);
        Map<String, Double> mlpfWant = Map.of("charged_hadron", 0.0, "neutral_hadron", -0.025, "photon", 0.025,
                "electron", 0.0, "muon", 0.0, JetComparison.ALL_GROUPS, 0.0);
        for (String bin : List.of(incl, " and bin = 2")) {
            for (Map.Entry<String, Map<String, Double>> src : Map.of("pf", pfWant, "mlpf", mlpfWant).entrySet()) {
                for (Map.Entry<String, Double> g : src.getValue().entrySet()) {
                    Row row = only(r, "source = '" + src.getKey() + "' and group = '" + g.getKey() + "'" + bin);
                    String what = src.getKey() + " " + g.getKey() + bin;
                    assertEquals((long) events, row.<Long>getAs(Columns.N_JETS), what);
                    assertEquals(g.getValue(), row.<Double>getAs(Columns.MEAN_RESIDUAL), 1e-6, what);
                    assertEquals(0.0, row.<Double>getAs(Columns.RMS_RESIDUAL), 1e-6, "the same jet every time: " + what);
                }
            }
        }
        assertEquals(0, r.filter("source = 'gen'").count(), "residuals are of reco jets");
        assertEquals(0, r.filter("bin = 0").count(), "no matched jet below 20 GeV");
        r.unpersist();
    }

    private static void gen(NtupleEvent ev, int pdg, int charge, double pt, double phi) {
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(0.5);
        ev.addGenParticle(pdg, charge, 1, px, py, pz, Math.sqrt(px * px + py * py + pz * pz), 0, 0, 0, 0);
    }
}
