package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Per event "sample:id": its candidates and probabilities as exact bit patterns, in order. */
    static Map<String, List<String>> candidates(SparkSession spark, Path out) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
            String key = r.getAs(CandidateSchema.SAMPLE) + ":" + r.getAs(CandidateSchema.EVENT_ID);
            List<Row> cands = r.getList(r.fieldIndex(CandidateSchema.CANDIDATES));
            List<?> probs = r.getList(r.fieldIndex(CandidateSchema.PROBS));
            List<String> exact = new ArrayList<>();
            for (int k = 0; k < cands.size(); k++) {
                Row c = cands.get(k);
                StringBuilder s = new StringBuilder();
                for (int f = 0; f < c.size(); f++) {
                    Object v = c.get(f);
                    s.append(v instanceof Float x ? Integer.toHexString(Float.floatToRawIntBits(x)) : v).append(' ');
                }
                for (Object p : scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) probs.get(k))) {
                    s.append(Integer.toHexString(Float.floatToRawIntBits((Float) p))).append(' ');
                }
                exact.add(s.toString());
            }
            assertEquals(null, m.put(key, exact), "one row per event: " + key);
        }
        return m;
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
    }
}
