package org.mlpf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.JetSchema;
import org.mlpf.testing.GpuPlans;
import org.mlpf.testing.TestSpark;

class JetComparisonTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    private static final CompareConfig CFG = new CompareConfig(List.of(0.0, 100.0), List.of(-3.0, 3.0),
            List.of(10.0, 200.0), List.of(50.0), List.of(10.0, 40.0, 80.0, 400.0), List.of(0.0, 2.5, 5.0), 0.1);

    private static Row jet(double pt, double eta, double phi) {
        return RowFactory.create(pt, eta, eta, phi, 0.0, pt * Math.cos(phi), pt * Math.sin(phi), pt * Math.sinh(eta),
                pt * Math.cosh(eta), new int[0]);
    }

    private static Row event(long id, String source, List<Row> jets) {
        return RowFactory.create(id, "ttbar", JetSchema.VERSION, source, "antikt", 0.4, 3.0, !"gen".equals(source),
                jets.size(), 0, jets);
    }

    private Dataset<Row> parquet(List<Row> rows) {
        return JetTables.parquet(spark, tmp, rows);
    }

    private static Row only(Dataset<Row> t, String filter) {
        return JetTables.only(t, filter);
    }

    @Test
    void perfectJetsHaveResponseOneResolutionZeroEfficiencyOneAndNoFakes() {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 40; id++) {
            List<Row> jets = List.of(jet(50 + id, 0.5, 1.0), jet(25, -1.0, -2.0));
            rows.add(event(id, "gen", jets));
            rows.add(event(id, "pf", jets));
        }
        Map<String, Dataset<Row>> t = JetComparison.tables(parquet(rows), CFG);
        Row r = only(t.get("jet_response"), "source = 'pf' and bin = 1");
        assertEquals(1.0, r.<Double>getAs("median"), 1e-12);
        assertEquals(0.0, r.<Double>getAs("resolution"), 1e-12);
        Row m = only(t.get("jet_matching"), "source = 'pf'");
        assertEquals(80L, m.<Long>getAs("n_gen"));
        assertEquals(1.0, m.<Double>getAs("efficiency"), 1e-12);
        assertEquals(0.0, m.<Double>getAs("fake_rate"), 1e-12);
    }

    @Test
    void knownSmearingMissedAndFakeJetsGiveTheKnownNumbers() {
        SplittableRandom rng = new SplittableRandom(5);
        List<Row> rows = new ArrayList<>();
        int events = 3000;
        for (long id = 0; id < events; id++) {
            double pt = 100 + 200 * rng.nextDouble(); // gen pT in [100, 300): the [80, 400) bin
            double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            rows.add(event(id, "gen", List.of(jet(pt, 0.3, 2.0), jet(30, 1.2, -1.0))));
            // PF: the first jet smeared by 10 %, the 30 GeV jet missed, a fake jet far from any gen jet.
            rows.add(event(id, "pf", List.of(jet(pt * (1 + 0.1 * g), 0.32, 2.01), jet(20, -2.0, 0.5))));
        }
        Map<String, Dataset<Row>> t = JetComparison.tables(parquet(rows), CFG);
        Row r = only(t.get("jet_response"), "source = 'pf' and bin = 2");
        assertEquals(1.0, r.<Double>getAs("median"), 3 * r.<Double>getAs("median_err"));
        assertEquals(1.349 * 0.1, r.<Double>getAs("resolution"), 3 * r.<Double>getAs("resolution_err"));
        assertEquals(0, t.get("jet_response").filter("source = 'pf' and bin = 0").count(), "the 30 GeV jet is missed");
        Row m = only(t.get("jet_matching"), "source = 'pf'");
        assertEquals(2L * events, m.<Long>getAs("n_gen"));
        assertEquals(0.5, m.<Double>getAs("efficiency"), 1e-12);
        assertEquals(0.5, m.<Double>getAs("fake_rate"), 1e-12);
    }

    @Test
    void eachJetMatchesAtMostOnceToItsClosest() {
        List<Row> rows = new ArrayList<>();
        int events = Stats.MIN_QUANTILE_ENTRIES; // enough entries for a median
        for (long id = 1; id <= events; id++) {
            rows.add(event(id, "gen", List.of(jet(50, 0.0, 0.0))));
            // Two reco jets within 0.1 of the gen jet: only the closer one matches, the other is a fake.
            rows.add(event(id, "pf", List.of(jet(48, 0.05, 0.0), jet(45, 0.0, 0.02))));
        }
        Dataset<Row> jets = parquet(rows);
        Map<String, Dataset<Row>> t = JetComparison.tables(jets, CFG);
        Row m = only(t.get("jet_matching"), "source = 'pf'");
        assertEquals((long) events, m.<Long>getAs("n_matched"));
        assertEquals((long) events, m.<Long>getAs("n_fake"));
        Row r = only(t.get("jet_response"), "source = 'pf'");
        assertEquals(45.0 / 50, r.<Double>getAs("median"), 1e-12, "the one at Delta R 0.02");
    }

    @Test
    void tooFewEntriesGiveNoMedianAndNoResolution() {
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id < Stats.MIN_QUANTILE_ENTRIES; id++) {
            rows.add(event(id, "gen", List.of(jet(50, 0.0, 0.0))));
            rows.add(event(id, "pf", List.of(jet(40 + id, 0.0, 0.01))));
        }
        Row r = only(JetComparison.tables(parquet(rows), CFG).get("jet_response"), "source = 'pf'");
        assertEquals(Stats.MIN_QUANTILE_ENTRIES - 1L, r.<Long>getAs("n"));
        assertNull(r.getAs("median"), "a median of 4 entries would be reported with a meaningless error");
        assertNull(r.getAs("resolution"));
        assertNull(r.getAs("resolution_err"));
    }

    @Test
    void jetTablesWouldRunOnAGpu() {
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 5; id++) {
            rows.add(event(id, "gen", List.of(jet(50, 0.5, 1.0))));
            rows.add(event(id, "pf", List.of(jet(49, 0.5, 1.0))));
        }
        Map<String, Dataset<Row>> t = JetComparison.tables(parquet(rows), CFG);
        List<String> cpu = new ArrayList<>();
        t.forEach((name, df) -> GpuPlans.cpuOnly(df, Map.of()).forEach(l -> cpu.add(name + ": " + l)));
        assertTrue(cpu.isEmpty(), String.join("\n", cpu));
    }
}
