package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlpf.model.TensorBatch;
import org.mlpf.schema.TensorSchema;
import org.mlpf.tensorize.NumberedBatches;
import org.mlpf.tensorize.TensorDatasetSource;
import org.mlpf.testing.TestSpark;

/** The data plan: which worker gets which rows, in which order, decoded from Arrow into model batches. */
class TrainingDataTest {
    private static TrainFixtures.Shared data;
    private final SparkSession spark = TestSpark.session();

    @BeforeAll
    static void inputs() throws Exception {
        data = TrainFixtures.shared(TestSpark.session());
    }

    private TrainingData plan() {
        return new TrainingData(TrainInputs.open(spark, List.of(data.ttbar().toString()), "auto").data());
    }

    /** Partition by partition, the batches of {@code input} decoded with record batches of {@code arrowRows}. */
    private List<List<NumberedBatches.Numbered>> decode(Dataset<Row> input, int batch, int arrowRows) {
        StructType schema = input.schema();
        List<List<byte[]>> parts = TrainJob.arrow(spark, input, arrowRows).toJavaRDD().glom().collect();
        List<List<NumberedBatches.Numbered>> out = new ArrayList<>();
        for (List<byte[]> p : parts) {
            List<NumberedBatches.Numbered> batches = new ArrayList<>();
            NumberedBatches.decode(p.iterator(), schema, TrainingData.KEY, batch, true).forEachRemaining(batches::add);
            out.add(batches);
        }
        return out;
    }

    private static float[] x(TensorBatch b) {
        FloatBuffer f = b.x();
        float[] v = new float[f.remaining()];
        f.get(v);
        return v;
    }

    @Test
    void everyWorkerGetsItsOwnBatchesInOrderWhateverTheArrowRecordBatches() {
        TrainingData plan = plan();
        int batch = 3;
        long train = plan.count(TensorSchema.TRAIN);
        long batches = plan.batches(TensorSchema.TRAIN, batch, 2);
        // record batches of 2 rows: every training batch of 3 spans two of them
        List<List<NumberedBatches.Numbered>> parts = decode(plan.epochInput(1, 9, batch, 2, 0), batch, 2);
        assertEquals(2, parts.size());
        long rows = 0;
        long validationRows = 0;
        int shortBatches = 0;
        java.util.Set<Integer> bucketsSeen = new java.util.TreeSet<>();
        for (int p = 0; p < 2; p++) {
            long previous = -1;
            for (NumberedBatches.Numbered n : parts.get(p)) {
                assertTrue(n.number() > previous, "batch numbers ascend");
                previous = n.number();
                if (n.number() >= TrainingData.VALIDATION_BASE) {
                    assertEquals(p, (n.number() - TrainingData.VALIDATION_BASE) % 2);
                    validationRows += n.batch().batchSize();
                    continue;
                }
                assertEquals(p, n.number() % 2, "global batch g goes to worker g mod W");
                assertTrue(n.number() < batches, "batch numbers within the epoch");
                shortBatches += n.batch().batchSize() == batch ? 0 : 1;
                bucketsSeen.add(n.batch().numElements());
                rows += n.batch().batchSize();
            }
        }
        assertEquals(train, rows, "every training row once");
        assertEquals(java.util.Set.of(64, 128), bucketsSeen, "the fixture has two buckets");
        assertTrue(shortBatches <= bucketsSeen.size(), "full batches but each bucket's last");
        assertEquals(plan.count(TensorSchema.VALIDATION), validationRows);
    }

    @Test
    void anEpochInterleavesTheBuckets() {
        List<NumberedBatches.Numbered> one = decode(plan().epochInput(1, 9, 2, 1, 0), 2, 1000).get(0);
        StringBuilder buckets = new StringBuilder();
        for (NumberedBatches.Numbered n : one) {
            if (n.number() < TrainingData.VALIDATION_BASE) {
                buckets.append(n.batch().numElements() == 64 ? 's' : 'L');
            }
        }
        // bucket by bucket would read ssss...LLLL: one change; interleaved, many
        int changes = 0;
        for (int i = 1; i < buckets.length(); i++) {
            changes += buckets.charAt(i) != buckets.charAt(i - 1) ? 1 : 0;
        }
        assertTrue(changes >= 3, "buckets interleaved: " + buckets);
    }

    @Test
    void oneWorkerSeesTheSingleJvmSourceBatchesAndEpochsDiffer() {
        TrainingData plan = plan();
        List<NumberedBatches.Numbered> one = decode(plan.epochInput(1, 9, 4, 1, 0), 4, 1000).get(0);
        TensorDatasetSource source = new TensorDatasetSource(spark, List.of(data.ttbar().toString()),
                TensorSchema.TRAIN, 4, 9, true);
        Iterator<TensorBatch> it = source.batches(1);
        int i = 0;
        for (NumberedBatches.Numbered n : one) {
            if (n.number() >= TrainingData.VALIDATION_BASE) {
                break;
            }
            assertTrue(it.hasNext());
            assertArrayEquals(x(it.next()), x(n.batch()), "batch " + i++);
        }
        assertFalse(it.hasNext());
        List<NumberedBatches.Numbered> other = decode(plan.epochInput(2, 9, 4, 1, 0), 4, 1000).get(0);
        assertFalse(java.util.Arrays.equals(x(one.get(0).batch()), x(other.get(0).batch())),
                "another epoch, another order");
        List<NumberedBatches.Numbered> resumed = decode(plan.epochInput(1, 9, 4, 1, 3), 4, 1000).get(0);
        assertEquals(3, resumed.get(0).number(), "a resumed epoch starts at its first batch not trained yet");
        assertArrayEquals(x(one.get(3).batch()), x(resumed.get(0).batch()));
    }
}
