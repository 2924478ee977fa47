package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.spark.OutputDir;
import org.mlpf.testing.TestSpark;

class InferJobTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();
    private final InferFixture fx = InferFixture.get();

    static Map<String, List<String>> candidates(SparkSession spark, Path out) {
        return InferTestData.candidates(spark, out);
    }

    @Test
    void ntuplesOnTheFlyAndTensorsGiveTheSameCandidatesForEveryEvent() {
        Path fromNtuples = tmp.resolve("from-ntuples");
        InferSummary a = InferJob.run(spark, fx.ntuples.toString(), fx.model.toString(), fromNtuples.toString(),
                InferFixture.inferConfig(2, 0), InferFixture.tensorizeConfig(), false);
        Path fromTensors = tmp.resolve("from-tensors");
        InferSummary b = InferJob.run(spark, fx.tensors.toString(), fx.model.toString(), fromTensors.toString(),
                InferFixture.inferConfig(2, 0), InferFixture.tensorizeConfig(), false);
        int events = 2 * InferFixture.SIZES.length;
        assertEquals(events, a.events());
        assertEquals(events, b.events());
        assertTrue(Files.exists(fromNtuples.resolve("sample=ttbar").resolve(OutputDir.SUCCESS)));
        assertTrue(Files.exists(fromNtuples.resolve("sample=qcd").resolve(OutputDir.SUCCESS)));
        Map<String, List<String>> ca = candidates(spark, fromNtuples);
        assertEquals(events, ca.size());
        assertEquals(ca, candidates(spark, fromTensors));
        assertTrue(a.candidates() > 0, "the trained model makes candidates");
        assertFalse(a.lines().isEmpty());
        assertWellFormed(fromNtuples);
    }

    /** Every candidate: a class 1-7 that is its most probable one, an element of its event, phi in [-pi, pi]. */
    private void assertWellFormed(Path out) {
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
            int elements = InferFixture.SIZES[(int) (long) r.getAs(CandidateSchema.EVENT_ID)];
            List<Row> cands = r.getList(r.fieldIndex(CandidateSchema.CANDIDATES));
            List<?> probs = r.getList(r.fieldIndex(CandidateSchema.PROBS));
            assertEquals(cands.size(), probs.size(), "probabilities aligned with candidates");
            assertEquals(CandidateSchema.VERSION, (int) r.getAs(CandidateSchema.SCHEMA_VERSION));
            for (int k = 0; k < cands.size(); k++) {
                Row c = cands.get(k);
                int cls = c.getInt(0);
                assertTrue(cls >= 1 && cls <= 7, "class " + cls);
                List<Object> p = scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Object>) probs.get(k));
                assertEquals(8, p.size());
                for (int j = 0; j < 8; j++) {
                    assertTrue((Float) p.get(j) <= (Float) p.get(cls), "class " + cls + " is the most probable: " + p);
                }
                assertTrue(c.getInt(6) >= 0 && c.getInt(6) < elements, "element " + c.getInt(6) + " of " + elements);
                assertTrue(Math.abs(c.getFloat(4)) <= (float) Math.PI, "phi " + c.getFloat(4));
                assertTrue(c.getFloat(2) >= 0 && c.getFloat(5) >= 0, "pt and energy >= 0");
                assertTrue(Math.abs(c.getInt(1)) <= 1, "charge");
            }
        }
    }
}
