package org.mlpf.met;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.physics.ElementType;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.spark.InputException;
import org.mlpf.testing.GpuPlans;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

class MetStageTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    /** Event 1: two candidates and two neutrinos with known sums; event 2: no candidate, no neutrino. */
    private Path ntuples() {
        NtupleEvent a = new NtupleEvent(1, "ttbar");
        int t = TestEvents.track(a, 10f, 0f, 0f, 1, 0f);
        int c = TestEvents.cluster(a, ElementType.ECAL, 5f, 0f, (float) (Math.PI / 2));
        a.addCandidate(1, 1, 10f, 0f, 0f, 10f, t, 0f);
        a.addCandidate(5, 0, 5f, 0f, (float) (Math.PI / 2), 5f, c, 0f);
        a.addGenParticle(12, 0, 1, 3, 4, 0, 5, 0, 0, 0, 0);
        a.addGenParticle(-14, 0, 1, 1, -1, 2, Math.sqrt(6), 0, 0, 0, 0);
        a.addGenParticle(14, 0, 2, 100, 100, 0, 150, 0, 0, 0, 0); // decayed, not final: ignored
        a.addGenParticle(211, 1, 1, 50, 0, 0, 50, 0, 0, 0, 0); // visible: ignored
        NtupleEvent b = new NtupleEvent(2, "ttbar");
        TestEvents.cluster(b, ElementType.HCAL, 3f, 1f, 1f);
        Path dir = tmp.resolve("ntuples");
        TestEvents.write(spark, List.of(a.toRow(), b.toRow()), dir, 1);
        return dir;
    }

    private Path mlpfCandidates() {
        Row cand = RowFactory.create(1, 1, 20f, 0f, (float) Math.PI, 20f, 0, 0f);
        List<Row> rows = List.of(
                RowFactory.create(1L, "ttbar", CandidateSchema.VERSION, List.of(cand), List.of(new float[8])),
                RowFactory.create(2L, "ttbar", CandidateSchema.VERSION, List.of(), List.of()));
        Path dir = tmp.resolve("cands");
        spark.createDataFrame(rows, CandidateSchema.SCHEMA).write().partitionBy(CandidateSchema.SAMPLE)
                .parquet(dir.toString());
        return dir;
    }

    private Map<String, Row> bySourceAndEvent(Dataset<Row> met) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : met.collectAsList()) {
            m.put(r.getAs(MetSchema.SOURCE) + ":" + r.getAs(MetSchema.EVENT_ID), r);
        }
        return m;
    }

    @Test
    void metIsMinusTheCandidateSumAndTheNeutrinoSumForGen() {
        Dataset<Row> nt = spark.read().parquet(ntuples().toString());
        Dataset<Row> cands = spark.read().parquet(mlpfCandidates().toString());
        Map<String, Row> m = bySourceAndEvent(MetStage.transform(nt, Optional.of(cands)));
        assertEquals(6, m.size());
        Row pf = m.get("pf:1");
        assertEquals(-10.0, pf.<Double>getAs(MetSchema.MET_X), 1e-5);
        assertEquals(-5.0, pf.<Double>getAs(MetSchema.MET_Y), 1e-5);
        assertEquals(Math.sqrt(125), pf.<Double>getAs(MetSchema.MET), 1e-5);
        assertEquals(Math.atan2(-5, -10), pf.<Double>getAs(MetSchema.MET_PHI), 1e-6);
        assertEquals(15.0, pf.<Double>getAs(MetSchema.SUM_PT), 1e-5);
        assertEquals(2L, pf.<Long>getAs(MetSchema.NUM_PARTICLES));
        Row gen = m.get("gen:1");
        assertEquals(4.0, gen.<Double>getAs(MetSchema.MET_X), 1e-12);
        assertEquals(3.0, gen.<Double>getAs(MetSchema.MET_Y), 1e-12);
        assertEquals(5.0, gen.<Double>getAs(MetSchema.MET), 1e-12);
        Row mlpf = m.get("mlpf:1");
        assertEquals(20.0, mlpf.<Double>getAs(MetSchema.MET), 1e-4);
        assertEquals(0.0, mlpf.<Double>getAs(MetSchema.MET_PHI), 1e-6);
        for (String empty : List.of("pf:2", "gen:2", "mlpf:2")) {
            assertEquals(0.0, m.get(empty).<Double>getAs(MetSchema.MET), empty + " has nothing to sum");
            assertEquals(0L, m.get(empty).<Long>getAs(MetSchema.NUM_PARTICLES));
        }
    }

    @Test
    void azimuthWithoutAtan2EqualsAtan2InEveryQuadrant() {
        List<Row> points = new ArrayList<>();
        double[] vs = {-3, -1, -0.5, 0, 0.5, 2};
        for (double x : vs) {
            for (double y : vs) {
                points.add(RowFactory.create(x, y));
            }
        }
        Dataset<Row> df = spark.createDataFrame(points, new org.apache.spark.sql.types.StructType()
                .add("x", "double").add("y", "double"));
        for (Row r : df.select(df.col("x"), df.col("y"), org.mlpf.spark.GpuColumns.azimuth(df.col("x"), df.col("y"))).collectAsList()) {
            double want = r.getDouble(0) == 0 && r.getDouble(1) == 0 ? 0 : Math.atan2(r.getDouble(1), r.getDouble(0));
            assertEquals(want, r.getDouble(2), 1e-12, "x=" + r.getDouble(0) + " y=" + r.getDouble(1));
        }
    }

    @Test
    void jobWritesMetPerSampleAndRefusesBadInput() {
        Path out = tmp.resolve("met");
        MetJob.Result result = MetJob.run(spark, ntuples().toString(), mlpfCandidates().toString(), out.toString(),
                false);
        List<String> lines = result.lines();
        assertTrue(lines.get(0).startsWith("ttbar        gen          2 events"), lines.toString());
        assertEquals(List.of("ttbar"), result.samples());
        assertEquals(2, result.events());
        assertEquals(6, spark.read().parquet(out.toString()).count());
        assertTrue(java.nio.file.Files.exists(out.resolve("sample=ttbar/_SUCCESS")), "one committed directory per sample");
        assertThrows(InputException.class, () -> MetJob.run(spark, tmp.resolve("none").toString(), null,
                tmp.resolve("m2").toString(), false));
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> MetJob.run(spark,
                ntuples().toString(), ntuples().toString(), tmp.resolve("m3").toString(), true));
        assertTrue(e.getMessage().contains("column 'candidates' is missing"), e.getMessage());
    }

    @Test
    void everyOperatorAndExpressionWouldRunOnAGpu() {
        Dataset<Row> nt = spark.read().parquet(ntuples().toString());
        Dataset<Row> cands = spark.read().parquet(mlpfCandidates().toString());
        Dataset<Row> met = MetStage.transform(nt, Optional.of(cands));
        List<String> cpu = GpuPlans.cpuOnly(met, Map.of());
        assertTrue(cpu.isEmpty(), "would stay on the CPU:\n" + String.join("\n", cpu) + "\n\n" + GpuPlans.explain(met));
        // The check itself can fail: atan2, the obvious way to write the azimuth, would stay on the CPU.
        Dataset<Row> withAtan2 = met.select(org.apache.spark.sql.functions.atan2(met.col(MetSchema.MET_Y),
                met.col(MetSchema.MET_X)));
        assertTrue(GpuPlans.cpuOnly(withAtan2, Map.of()).stream().anyMatch(l -> l.contains("Atan2")),
                GpuPlans.explain(withAtan2));
    }
}
