package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.Settings;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.jets.stage.JetsJob;
import org.mlpf.jets.stage.JetsSummary;
import org.mlpf.met.MetJob;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.testing.TestSpark;

/** The candidates of a trained model are what the jets and MET stages read, unchanged, on the same events. */
class DownstreamStagesTest {
    @TempDir
    static Path tmp;

    private static final SparkSession SPARK = TestSpark.session();
    private static final InferFixture FX = InferFixture.get();
    private static Path candidates;
    private static long events;

    @BeforeAll
    static void infer() {
        candidates = tmp.resolve("candidates");
        events = InferJob.run(SPARK, FX.ntuples.toString(), FX.model.toString(), candidates.toString(),
                InferFixture.inferConfig(1, 0), InferFixture.tensorizeConfig(), false).events();
    }

    @Test
    void theJetsStageClustersMlpfJetsForEveryEvent() {
        JetsSummary s = JetsJob.run(SPARK, FX.ntuples.toString(), candidates.toString(), tmp.resolve("jets").toString(),
                JetsConfig.from(Settings.defaults()));
        assertEquals(events, s.rows().get(JetSchema.SOURCE_MLPF), "an mlpf row per event: " + s.lines());
        assertEquals(0L, s.quarantined().getOrDefault(JetSchema.SOURCE_MLPF, 0L), String.join("\n", s.lines()));
        assertTrue(s.jets().get(JetSchema.SOURCE_MLPF) > 0, "the candidates make jets: " + s.lines());
    }

    @Test
    void theMetStageSumsTheCandidatesOfEveryEvent() {
        Path met = tmp.resolve("met");
        MetJob.run(SPARK, FX.ntuples.toString(), candidates.toString(), met.toString(), false);
        Map<String, double[]> expected = new HashMap<>();
        for (Row r : SPARK.read().parquet(candidates.toString()).collectAsList()) {
            double x = 0;
            double y = 0;
            for (Row c : r.<Row>getList(r.fieldIndex(CandidateSchema.CANDIDATES))) {
                double pt = c.getFloat(2);
                double phi = c.getFloat(4);
                x -= pt * Math.cos(phi);
                y -= pt * Math.sin(phi);
            }
            expected.put(r.getAs(CandidateSchema.SAMPLE) + ":" + r.getAs(CandidateSchema.EVENT_ID), new double[] {x, y});
        }
        List<Row> mlpf = SPARK.read().parquet(met.toString()).filter(MetSchema.SOURCE + " = '" + MetSchema.MLPF + "'")
                .collectAsList();
        assertEquals(events, mlpf.size());
        for (Row r : mlpf) {
            double[] want = expected.get(r.getAs(MetSchema.SAMPLE) + ":" + r.getAs(MetSchema.EVENT_ID));
            double scale = 1e-9 * Math.max(1, Math.hypot(want[0], want[1]));
            assertEquals(want[0], (double) r.getAs(MetSchema.MET_X), scale * 1e3, "met_x");
            assertEquals(want[1], (double) r.getAs(MetSchema.MET_Y), scale * 1e3, "met_y");
        }
    }
}
