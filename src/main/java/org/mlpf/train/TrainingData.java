package org.mlpf.train;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.mlpf.schema.TensorSchema;
import org.mlpf.tensorize.EpochOrder;
import org.mlpf.spark.InputException;

/**
 * The data plan of data-parallel training: which rows of the tensors make which batch, which worker trains on it and
 * at which step. The order of an epoch is the one of {@link org.mlpf.tensorize.TensorDatasetSource} (the single-JVM
 * source): rows within a bucket ordered by {@code xxhash64(seed, epoch, sample, event_id, chunk)}, consecutive runs of
 * B rows (the last one of a bucket shorter), the buckets' batches interleaved by {@link EpochOrder} in units of one
 * step's W batches. Batch g of an epoch goes to worker
 * {@code g mod W} at step {@code g div W}, so step s trains on batches sW .. sW + W - 1: with one worker the single-JVM
 * order, with W workers the same rows as one worker with batches of W x B (within a bucket). Validation batches are
 * cut the same way (epoch 0's order) and dealt round-robin.
 *
 * <p>{@link #epochInput} hands every worker exactly its rows, in order: the (narrow) keys are numbered with a window
 * function, joined back to the tensors by a broadcast join, and the rows are shuffled into W partitions with partition
 * p holding worker p's rows sorted by batch number, ready for a barrier stage whose task p is worker p.
 */
final class TrainingData {
    /** Batch number column: global batch within the epoch, or {@link #VALIDATION_BASE} + validation batch. */
    static final String KEY = "_batch";
    /** Offset of validation batch numbers (sorted after every training batch). */
    static final long VALIDATION_BASE = 1L << 40;

    private static final String HASH = "_h";
    private static final String ROW = "_r";
    private static final String WORKER = "_worker";
    private static final String PART = "_part";

    private final Dataset<Row> train;
    private final Dataset<Row> validation;
    private final Dataset<Row> test;
    private final Map<String, Map<Integer, Long>> rows = new TreeMap<>();

    /** The splits of {@code data} (tensor rows of one or more tensors outputs). */
    TrainingData(Dataset<Row> data) {
        this.train = data.filter(col(TensorSchema.SPLIT).equalTo(TensorSchema.TRAIN));
        this.validation = data.filter(col(TensorSchema.SPLIT).equalTo(TensorSchema.VALIDATION));
        this.test = data.filter(col(TensorSchema.SPLIT).equalTo(TensorSchema.TEST));
        long duplicates = 0;
        for (Row r : data.groupBy(TensorSchema.SPLIT, TensorSchema.BUCKET)
                .agg(org.apache.spark.sql.functions.count("*"), countDistinct(col(TensorSchema.SAMPLE),
                        col(TensorSchema.EVENT_ID), col(TensorSchema.CHUNK)))
                .collectAsList()) {
            rows.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getInt(1), r.getLong(2));
            duplicates += r.getLong(2) - r.getLong(3);
        }
        // the plan joins rows back by (sample, event_id, chunk): a row given twice would be trained on twice
        if (duplicates > 0) {
            throw new InputException("the tensors hold " + duplicates + " row(s) of an event (sample, event_id, chunk) "
                    + "more than once: give each sample's tensors once");
        }
    }

    /** Rows per bucket (ascending) of a split. */
    Map<Integer, Long> rows(String split) {
        return rows.getOrDefault(split, Map.of());
    }

    /** Rows of a split. */
    long count(String split) {
        return rows(split).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Batch places per epoch of a split with {@code workers} workers of {@code batch} rows: W per step, one step per
     * global batch of W x B rows of one bucket (the last of a bucket shorter, some of its W places then empty).
     */
    long batches(String split, int batch, int workers) {
        long n = 0;
        for (long b : globalBatchesPerBucket(split, batch, workers).values()) {
            n += b * workers;
        }
        return n;
    }

    /** The test split's rows. */
    Dataset<Row> test() {
        return test;
    }

    /**
     * The input of epoch {@code epoch}'s barrier stage: columns {@link #KEY}, bucket, x, y; W partitions, partition p
     * holding worker p's training batches from global batch {@code fromBatch} on, then its validation batches, in
     * batch order.
     */
    Dataset<Row> epochInput(int epoch, long seed, int batch, int workers, long fromBatch) {
        Dataset<Row> t = numbered(train, TensorSchema.TRAIN, seed, epoch, batch, workers)
                .filter(col(KEY).geq(fromBatch));
        Dataset<Row> v = numbered(validation, TensorSchema.VALIDATION, seed, 0, batch, workers)
                .withColumn(KEY, col(KEY).plus(VALIDATION_BASE));
        Dataset<Row> all = t.unionByName(v);
        return all.withColumn(PART, partitionValue(workers))
                .repartition(workers, col(PART))
                .sortWithinPartitions(KEY, ROW)
                .select(col(KEY), col(TensorSchema.BUCKET), col(TensorSchema.X), col(TensorSchema.Y));
    }

    /** Rows of a split with batch number ({@link #KEY}), position in the bucket's order and worker. */
    private Dataset<Row> numbered(Dataset<Row> split, String name, long seed, int epoch, int batch, int workers) {
        Dataset<Row> keys = split.select(TensorSchema.SAMPLE, TensorSchema.EVENT_ID, TensorSchema.CHUNK,
                        TensorSchema.BUCKET)
                .withColumn(HASH, xxhash64(lit(seed), lit(epoch), col(TensorSchema.SAMPLE), col(TensorSchema.EVENT_ID),
                        col(TensorSchema.CHUNK)))
                .withColumn(ROW, row_number().over(Window.partitionBy(TensorSchema.BUCKET).orderBy(col(HASH),
                        col(TensorSchema.SAMPLE), col(TensorSchema.EVENT_ID), col(TensorSchema.CHUNK))).minus(1))
                .withColumn(KEY, epochPosition(new EpochOrder(globalBatchesPerBucket(name, batch, workers), seed, epoch),
                        floor(col(ROW).divide((long) batch * workers)).cast("int")).multiply(workers)
                        .plus(floor(pmod(col(ROW), lit((long) batch * workers)).divide(batch))))
                .withColumn(WORKER, pmod(col(KEY), lit((long) workers)))
                .select(col(TensorSchema.SAMPLE).as("_s"), col(TensorSchema.EVENT_ID).as("_e"),
                        col(TensorSchema.CHUNK).as("_c"), col(KEY), col(ROW), col(WORKER));
        Column same = col(TensorSchema.SAMPLE).equalTo(col("_s")).and(col(TensorSchema.EVENT_ID).equalTo(col("_e")))
                .and(col(TensorSchema.CHUNK).equalTo(col("_c")));
        return split.join(broadcast(keys), same).drop("_s", "_e", "_c");
    }

    /** Global batches (W x B rows, the last one of a bucket shorter) per bucket of a split. */
    private Map<Integer, Long> globalBatchesPerBucket(String split, int batch, int workers) {
        long global = (long) batch * workers;
        Map<Integer, Long> out = new TreeMap<>();
        rows(split).forEach((bucket, n) -> out.put(bucket, (n + global - 1) / global));
        return out;
    }

    /** The step of global batch {@code localBatch} (0-based, within its bucket) of the row's bucket. */
    private static Column epochPosition(EpochOrder order, Column localBatch) {
        Column c = lit(-1L);
        for (int bucket : order.buckets()) {
            // one array literal per bucket: its batches' places, looked up by the batch's number in the bucket
            c = when(col(TensorSchema.BUCKET).equalTo(bucket),
                    element_at(lit(order.positions(bucket)), localBatch.plus(1))).otherwise(c);
        }
        return c;
    }

    /**
     * A value per worker that Spark's hash partitioning into W partitions ({@code pmod(murmur3(v, 42), W)}, what
     * {@code repartition(W, col)} computes for an int column) sends to partition {@code worker}: so that partition p
     * is worker p's. Workers check every batch they receive against the plan, so a change of Spark's hash would fail
     * loudly, not train on the wrong rows.
     */
    static int[] partitionValues(int workers) {
        int[] value = new int[workers];
        java.util.Arrays.fill(value, -1);
        int found = 0;
        for (int v = 0; found < workers; v++) {
            int p = Math.floorMod(Murmur3_x86_32.hashInt(v, 42), workers);
            if (value[p] < 0) {
                value[p] = v;
                found++;
            }
        }
        return value;
    }

    private static Column partitionValue(int workers) {
        int[] value = partitionValues(workers);
        Column c = lit(value[0]);
        for (int w = 1; w < workers; w++) {
            c = when(col(WORKER).equalTo((long) w), lit(value[w])).otherwise(c);
        }
        return c;
    }
}
