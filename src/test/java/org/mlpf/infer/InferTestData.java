package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.tensorize.TensorizeConfig;

import scala.collection.JavaConverters;

/** The inference fixture and a reader of candidates, for the inference tests and those of other packages. */
public final class InferTestData {
    private InferTestData() {
    }

    /** Ntuples of two samples, some events larger than the buckets 64, 128. */
    public static Path ntuples() {
        return InferFixture.get().ntuples;
    }

    /** A trained tiny model directory. */
    public static Path model() {
        return InferFixture.get().model;
    }

    /** Events per sample. */
    public static int events() {
        return InferFixture.SIZES.length;
    }

    /** The buckets of the fixture's tensors (64, 128; larger events in chunks). */
    public static TensorizeConfig tensorizeConfig() {
        return InferFixture.tensorizeConfig();
    }

    /** The inference settings of the tests: {@code batch} events per call, {@code partitions} (0: the input's). */
    public static InferConfig config(int batch, int partitions) {
        return InferFixture.inferConfig(batch, partitions);
    }

    /**
     * Per event {@code sample:id} of a candidates dataset: its candidates with their probabilities, every float as
     * its exact bit pattern, in order; fails if an event has two rows.
     */
    public static Map<String, List<String>> candidates(SparkSession spark, Path out) {
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
                for (Object p : JavaConverters.seqAsJavaList((scala.collection.Seq<?>) probs.get(k))) {
                    s.append(Integer.toHexString(Float.floatToRawIntBits((Float) p))).append(' ');
                }
                exact.add(s.toString());
            }
            assertNull(m.put(key, exact), "one row per event: " + key);
        }
        return m;
    }
}
