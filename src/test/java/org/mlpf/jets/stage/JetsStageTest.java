package org.mlpf.jets.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.jets.ClusterSequence;
import org.mlpf.jets.JetAlgorithm;
import org.mlpf.jets.JetDefinition;
import org.mlpf.jets.PseudoJet;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaCheck;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.spark.ParquetInput;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/** The jets stage on small hand-made events whose jets are known. */
class JetsStageTest {
    private static final float PV_Z = 0.5f;
    private static final JetsConfig CHS_ON = new JetsConfig(JetAlgorithm.ANTIKT, 0.4, 0.0, true, 0.2);
    private static final JetsConfig CHS_OFF = new JetsConfig(JetAlgorithm.ANTIKT, 0.4, 0.0, false, 0.2);

    @TempDir
    static Path tmp;
    static Path ntuples;
    static Path candidates;

    /**
     * Two jets. Gen: around (eta 0.5, phi 1.0) pi+ 30, pi- 10, gamma 5; around (-1, -2) pi+ 20, K0L 8; plus what gen
     * jets must ignore: a neutrino, a pileup pion right inside jet 1 and a decayed (status 2) particle. PF: a
     * charged 29 GeV and a neutral 5 GeV candidate in jet 1 with a 4 GeV charged pileup track (vz 5 cm away), a
     * charged 19 and a neutral 8 GeV in jet 2.
     */
    static NtupleEvent event(long id, String sample) {
        NtupleEvent ev = new NtupleEvent(id, sample);
        ev.setPileup(1, PV_Z);
        gen(ev, 211, 30, 0.5, 1.0, 1, 0);
        gen(ev, -211, 10, 0.6, 1.1, 1, 0);
        gen(ev, 22, 5, 0.45, 0.95, 1, 0);
        gen(ev, 211, 20, -1.0, -2.0, 1, 0);
        gen(ev, 130, 8, -1.05, -2.02, 1, 0);
        gen(ev, 14, 15, 0.0, 2.5, 1, 0);
        gen(ev, 211, 4, 0.55, 1.05, 1, 1);
        gen(ev, 111, 50, -1.0, -2.0, 2, 0);
        ev.addCandidate(1, 1, 29f, 0.5f, 1.0f, (float) (29 * Math.cosh(0.5)), 0, PV_Z + 0.05f);
        ev.addCandidate(1, 1, 4f, 0.55f, 1.05f, (float) (4 * Math.cosh(0.55)), 0, PV_Z + 5f);
        ev.addCandidate(5, 0, 5f, 0.45f, 0.95f, (float) (5 * Math.cosh(0.45)), 0, 0f);
        ev.addCandidate(1, -1, 19f, -1.0f, -2.0f, (float) (19 * Math.cosh(-1.0)), 0, PV_Z - 0.1f);
        ev.addCandidate(2, 0, 8f, -1.05f, -2.02f, (float) (8 * Math.cosh(-1.05)), 0, 0f);
        return ev;
    }

    private static void gen(NtupleEvent ev, int pdg, double pt, double eta, double phi, int status, int vertex) {
        PseudoJet p = PseudoJet.fromPtYPhiM(pt, eta, phi, 0.0);
        ev.addGenParticle(pdg, 0, status, p.px(), p.py(), p.pz(), p.e(), 0, 0, PV_Z, vertex);
    }

    /** An MLPF candidates row: the PF candidates of {@link #event} with the pileup track moved close to the PV. */
    static Row mlpfRow(long id, String sample, float pileupTrackVz) {
        List<Row> c = new ArrayList<>();
        c.add(RowFactory.create(1, 1, 29f, 0.5f, 1.0f, (float) (29 * Math.cosh(0.5)), 0, PV_Z));
        c.add(RowFactory.create(1, 1, 4f, 0.55f, 1.05f, (float) (4 * Math.cosh(0.55)), 1, pileupTrackVz));
        c.add(RowFactory.create(2, 0, 27f, -1.0f, -2.0f, (float) (27 * Math.cosh(-1.0)), 3, 0f));
        return RowFactory.create(id, sample, CandidateSchema.VERSION, c, c.stream().map(x -> new float[8]).toList());
    }

    @BeforeAll
    static void data() {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 4; id++) {
            rows.add(event(id, "ttbar").toRow());
        }
        // Event 4: a NaN pt in the PF candidates must send its pf source (only) to the quarantine.
        NtupleEvent bad = event(4, "ttbar");
        bad.addCandidate(1, 1, Float.NaN, 0f, 0f, 1f, 0, PV_Z);
        rows.add(bad.toRow());
        rows.add(event(0, "qcd").toRow());
        ntuples = tmp.resolve("ntuples");
        TestEvents.write(spark, rows, ntuples, 2);
        // MLPF candidates for ttbar 0-2 and 4 and qcd 0 (not ttbar 3), plus ttbar 9, which has no ntuple event.
        List<Row> mlpf = List.of(mlpfRow(0, "ttbar", PV_Z + 5f), mlpfRow(1, "ttbar", PV_Z), mlpfRow(2, "ttbar", PV_Z),
                mlpfRow(4, "ttbar", PV_Z), mlpfRow(0, "qcd", PV_Z), mlpfRow(9, "ttbar", PV_Z));
        candidates = tmp.resolve("candidates");
        spark.createDataFrame(mlpf, CandidateSchema.SCHEMA).repartition(1).write().mode(SaveMode.Overwrite)
                .partitionBy(CandidateSchema.SAMPLE).parquet(candidates.toString());
    }

    /** FastJet-equal jets of the given (pt, eta, phi, E) candidates or (pt, eta, phi) massless gen particles. */
    private static List<PseudoJet> expected(List<PseudoJet> particles) {
        return ClusterSequence.sortedByPt(new ClusterSequence(particles, new JetDefinition(JetAlgorithm.ANTIKT, 0.4))
                .inclusiveJets(0));
    }

    private static PseudoJet cand(double pt, double eta, double phi, double e) {
        float fpt = (float) pt;
        float feta = (float) eta;
        float fphi = (float) phi;
        return new PseudoJet(fpt * StrictMath.cos(fphi), fpt * StrictMath.sin(fphi), fpt * StrictMath.sinh(feta),
                (float) e);
    }

    private static Map<String, Row> bySource(List<Row> rows, String sample, long id) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : rows) {
            if (r.getString(r.fieldIndex(JetSchema.SAMPLE)).equals(sample)
                    && r.getLong(r.fieldIndex(JetSchema.EVENT_ID)) == id) {
                out.put(r.getString(r.fieldIndex(JetSchema.SOURCE)), r);
            }
        }
        return out;
    }

    private static void assertJets(List<PseudoJet> want, Row row, String what) {
        List<Row> jets = row.getList(row.fieldIndex(JetSchema.JETS));
        assertEquals(want.size(), jets.size(), what + ": number of jets");
        for (int k = 0; k < want.size(); k++) {
            Row j = jets.get(k);
            PseudoJet w = want.get(k);
            assertEquals(w.e(), j.getDouble(j.fieldIndex(JetSchema.J_E)), 1e-12 * w.e(), what + " jet " + k);
            assertEquals(w.pt(), j.getDouble(j.fieldIndex(JetSchema.J_PT)), 1e-12 * w.e(), what + " jet " + k);
            assertEquals(w.phiStd(), j.getDouble(j.fieldIndex(JetSchema.J_PHI)), 1e-12, what + " jet " + k);
            assertEquals(w.rap(), j.getDouble(j.fieldIndex(JetSchema.J_RAP)), 1e-12, what + " jet " + k);
        }
    }

    @Test
    void genJetsUseOnlyStableVisibleHardScatterParticles() {
        Dataset<Row> out = JetsStage.transform(read(ntuples), null, CHS_ON);
        Map<String, Row> ev = bySource(JetsStage.jets(out).collectAsList(), "ttbar", 1);
        List<PseudoJet> genInputs = List.of(PseudoJet.fromPtYPhiM(30, 0.5, 1.0, 0), PseudoJet.fromPtYPhiM(10, 0.6, 1.1, 0),
                PseudoJet.fromPtYPhiM(5, 0.45, 0.95, 0), PseudoJet.fromPtYPhiM(20, -1.0, -2.0, 0),
                PseudoJet.fromPtYPhiM(8, -1.05, -2.02, 0));
        Row gen = ev.get(JetSchema.SOURCE_GEN);
        assertJets(expected(genInputs), gen, "gen");
        assertEquals(5, gen.getInt(gen.fieldIndex(JetSchema.NUM_INPUTS)));
        assertEquals(false, gen.getBoolean(gen.fieldIndex(JetSchema.CHS)));
        List<Row> jets = gen.getList(gen.fieldIndex(JetSchema.JETS));
        assertEquals(List.of(0, 1, 2), jets.get(0).getList(jets.get(0).fieldIndex(JetSchema.J_CONSTITUENTS)),
                "constituents are indices into gen_particles");
        assertEquals(List.of(3, 4), jets.get(1).getList(jets.get(1).fieldIndex(JetSchema.J_CONSTITUENTS)));
        assertEquals(2, ev.size(), "gen and pf only, without candidates");
    }

    @Test
    void chsRemovesChargedPileupCandidatesOnlyWhenOn() {
        List<PseudoJet> pv = List.of(cand(29, 0.5, 1.0, 29 * Math.cosh(0.5)), cand(5, 0.45, 0.95, 5 * Math.cosh(0.45)),
                cand(19, -1.0, -2.0, 19 * Math.cosh(-1.0)), cand(8, -1.05, -2.02, 8 * Math.cosh(-1.05)));
        List<PseudoJet> all = new ArrayList<>(pv);
        all.add(cand(4, 0.55, 1.05, 4 * Math.cosh(0.55)));

        Row on = bySource(JetsStage.jets(JetsStage.transform(read(ntuples), null, CHS_ON)).collectAsList(), "ttbar", 2)
                .get(JetSchema.SOURCE_PF);
        assertJets(expected(pv), on, "pf, CHS on");
        assertEquals(1, on.getInt(on.fieldIndex(JetSchema.NUM_CHS_REMOVED)));
        assertEquals(4, on.getInt(on.fieldIndex(JetSchema.NUM_INPUTS)));
        assertTrue(on.getBoolean(on.fieldIndex(JetSchema.CHS)));

        Row off = bySource(JetsStage.jets(JetsStage.transform(read(ntuples), null, CHS_OFF)).collectAsList(), "ttbar", 2)
                .get(JetSchema.SOURCE_PF);
        assertJets(expected(all), off, "pf, CHS off");
        assertEquals(0, off.getInt(off.fieldIndex(JetSchema.NUM_CHS_REMOVED)));
        assertEquals(5, off.getInt(off.fieldIndex(JetSchema.NUM_INPUTS)));
        double leadOn = on.<Row>getList(on.fieldIndex(JetSchema.JETS)).get(0).getDouble(0);
        double leadOff = off.<Row>getList(off.fieldIndex(JetSchema.JETS)).get(0).getDouble(0);
        assertTrue(leadOff > leadOn + 3.9, "the pileup track adds ~4 GeV to the leading jet without CHS");
    }

    @Test
    void mlpfJetsJoinOnSampleAndEventAndMismatchesAreQuarantined() {
        Dataset<Row> out = JetsStage.transform(read(ntuples), read(candidates), CHS_ON);
        List<Row> jets = JetsStage.jets(out).collectAsList();
        List<Row> quarantine = JetsStage.quarantine(out).collectAsList();

        // ttbar 0: the 4 GeV track is from pileup in MLPF's eyes (vz 5 cm away): removed by CHS.
        Row mlpf0 = bySource(jets, "ttbar", 0).get(JetSchema.SOURCE_MLPF);
        assertJets(expected(List.of(cand(29, 0.5, 1.0, 29 * Math.cosh(0.5)), cand(27, -1.0, -2.0, 27 * Math.cosh(-1.0)))),
                mlpf0, "mlpf ttbar 0");
        assertEquals(1, mlpf0.getInt(mlpf0.fieldIndex(JetSchema.NUM_CHS_REMOVED)));
        // ttbar 1: the same track at the primary vertex stays in.
        Row mlpf1 = bySource(jets, "ttbar", 1).get(JetSchema.SOURCE_MLPF);
        assertEquals(3, mlpf1.getInt(mlpf1.fieldIndex(JetSchema.NUM_INPUTS)));
        // The qcd event 0 is joined with the qcd candidates, not ttbar's.
        assertEquals(3, bySource(jets, "qcd", 0).size());

        Map<String, String> reasons = new HashMap<>();
        for (Row q : quarantine) {
            reasons.put(q.getString(q.fieldIndex(JetSchema.SAMPLE)) + "/" + q.getLong(q.fieldIndex(JetSchema.EVENT_ID))
                    + "/" + q.getString(q.fieldIndex(JetSchema.SOURCE)), q.getString(q.fieldIndex(JetSchema.REASON)));
        }
        assertEquals("no MLPF candidates for this event", reasons.get("ttbar/3/mlpf"));
        assertTrue(reasons.get("ttbar/9/mlpf").startsWith("no ntuple event with this sample and event_id"), reasons.toString());
        assertTrue(reasons.get("ttbar/4/pf").startsWith("pf_candidates[5] has a non-finite value (pt NaN"), reasons.toString());
        assertEquals(3, reasons.size(), "nothing else quarantined: " + reasons);
        // The bad PF candidate does not spoil the event's gen and MLPF jets.
        assertEquals(Set.of(JetSchema.SOURCE_GEN, JetSchema.SOURCE_MLPF), bySource(jets, "ttbar", 4).keySet());
        // Every ntuple event has one row per source, clustered or quarantined.
        assertEquals(6 * 3 + 1, jets.size() + quarantine.size());
    }

    @Test
    void missingOrMistypedColumnsFailBeforeAnyWork() {
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
                () -> JetsStage.transform(read(ntuples).drop(NtupleSchema.PV_Z), null, CHS_ON));
        assertTrue(e.getMessage().contains("column 'pv_z' is missing"), e.getMessage());
        Dataset<Row> mistyped = read(candidates).withColumn(CandidateSchema.EVENT_ID,
                org.apache.spark.sql.functions.col(CandidateSchema.EVENT_ID).cast("string"));
        SchemaMismatchException c = assertThrows(SchemaMismatchException.class,
                () -> JetsStage.transform(read(ntuples), mistyped, CHS_ON));
        assertTrue(c.getMessage().contains("MLPF candidates: not a candidates v" + CandidateSchema.VERSION
                + " dataset: column 'event_id' has type string, expected bigint"), c.getMessage());
    }

    @Test
    void jobWritesJetsPartitionedBySampleAndTheQuarantineBeside() {
        SparkSession spark = TestSpark.session();
        String out = tmp.resolve("jets").toString();
        JetsSummary s = JetsJob.run(spark, ntuples.toString(), candidates.toString(), out, CHS_ON);
        assertEquals(6, s.events());
        assertEquals(6L, s.rows().get(JetSchema.SOURCE_GEN));
        assertEquals(5L, s.rows().get(JetSchema.SOURCE_PF));
        assertEquals(5L, s.rows().get(JetSchema.SOURCE_MLPF));
        assertEquals(3, s.totalQuarantined());
        var files = ParquetInput.inspect(spark, out);
        assertTrue(files.stream().allMatch(f -> f.path().contains("/sample=")), "partitioned by sample");
        assertTrue(files.stream().noneMatch(f -> f.path().contains(JetSchema.QUARANTINE_DIR)));
        Dataset<Row> back = ParquetInput.read(spark, out, files);
        assertEquals(List.of(), SchemaCheck.problems(JetSchema.SCHEMA, back.schema(), Set.of()));
        assertEquals(16, back.count());
        Dataset<Row> q = spark.read().parquet(s.quarantinePath());
        assertEquals(List.of(), SchemaCheck.problems(JetSchema.QUARANTINE_SCHEMA, q.schema(), Set.of()));
        assertEquals(3, q.count());
        // Idempotent rerun: the output is replaced, not appended to.
        JetsJob.run(spark, ntuples.toString(), candidates.toString(), out, CHS_ON);
        assertEquals(16, ParquetInput.read(spark, out, ParquetInput.inspect(spark, out)).count());
    }

    @Test
    void jobNamesTheFileWithTheBadSchema() {
        SparkSession spark = TestSpark.session();
        Path bad = tmp.resolve("bad-ntuples");
        read(ntuples).drop(NtupleSchema.GEN_PARTICLES).write().mode(SaveMode.Overwrite).parquet(bad.toString());
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
                () -> JetsJob.run(spark, bad.toString(), null, tmp.resolve("never").toString(), CHS_ON));
        assertTrue(e.getMessage().contains("part-") && e.getMessage().contains("column 'gen_particles' is missing"),
                e.getMessage());
    }

    @Test
    void selectionsAreThoseOfThePhysicsNotes() {
        assertTrue(JetInputs.isGenJetInput(1, 0, 211));
        assertTrue(!JetInputs.isGenJetInput(1, 0, -12), "neutrinos are invisible");
        assertTrue(!JetInputs.isGenJetInput(1, 3, 211), "pileup");
        assertTrue(!JetInputs.isGenJetInput(2, 0, 111), "decayed");
        assertTrue(JetInputs.chsRemoves(-1, 3.0, 0.5, 0.2));
        assertTrue(!JetInputs.chsRemoves(0, 3.0, 0.5, 0.2), "neutral candidates are never removed");
        assertTrue(!JetInputs.chsRemoves(1, 0.65, 0.5, 0.2));
    }

    private static Dataset<Row> read(Path p) {
        SparkSession spark = TestSpark.session();
        return ParquetInput.read(spark, p.toString(), ParquetInput.inspect(spark, p.toString()));
    }

    @Test
    void outputSchemaIsTheJetSchemaPlusTheReason() {
        assertEquals(Arrays.asList(JetSchema.SCHEMA.fieldNames()),
                Arrays.asList(JetsStage.OUTPUT.fieldNames()).subList(0, JetSchema.SCHEMA.size()));
        assertEquals(JetSchema.REASON, JetsStage.OUTPUT.fieldNames()[JetSchema.SCHEMA.size()]);
    }
}
