package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlpf.model.TensorBatch;
import org.mlpf.model.TensorBatchSource;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;

/**
 * The batches of one split of one or more tensors outputs, for training or evaluation in one JVM (the driver): rows
 * shuffled within a bucket by a hash of (seed, epoch, sample, event, chunk), cut into batches, and the buckets'
 * batches interleaved in the {@link EpochOrder} of (seed, epoch), so that an epoch's order depends only on the seed
 * and the epoch; each bucket streamed partition by partition through Arrow.
 */
public final class TensorDatasetSource implements TensorBatchSource {
    private final Dataset<Row> data;
    private final int batchSize;
    private final long seed;
    private final boolean withTargets;
    private final Map<Integer, Long> batchesPerBucket = new TreeMap<>();
    private final long batches;

    /**
     * @param tensors     tensors outputs (each the directory tensorize wrote, holding {@code data/})
     * @param split       train, val or test
     * @param withTargets also hand out the targets y
     */
    public TensorDatasetSource(SparkSession spark, List<String> tensors, String split, int batchSize, long seed,
                               boolean withTargets) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("no tensors outputs given");
        }
        String[] paths = tensors.stream().map(t -> t + "/" + TensorSchema.DATA_DIR).toArray(String[]::new);
        this.data = spark.read().parquet(paths).filter(col(TensorSchema.SPLIT).equalTo(split));
        this.batchSize = batchSize;
        this.seed = seed;
        this.withTargets = withTargets;
        long n = 0;
        for (Row r : data.groupBy(TensorSchema.BUCKET).count().collectAsList()) {
            long b = (r.getLong(1) + batchSize - 1) / batchSize;
            batchesPerBucket.put(r.getInt(0), b);
            n += b;
        }
        if (batchesPerBucket.isEmpty()) {
            throw new InputException("no " + split + " rows in " + tensors);
        }
        this.batches = n;
    }

    @Override
    public long batchesPerEpoch() {
        return batches;
    }

    @Override
    public Iterator<TensorBatch> batches(int epoch) {
        EpochOrder order = new EpochOrder(batchesPerBucket, seed, epoch);
        Map<Integer, Iterator<TensorRows>> open = new HashMap<>();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public TensorBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int slots = order.bucketOf(next++);
                Iterator<TensorRows> rows = open.computeIfAbsent(slots, s -> bucketRows(s, epoch));
                if (!rows.hasNext()) {
                    throw new IllegalStateException("bucket " + slots + " ran out of rows before its "
                            + batchesPerBucket.get(slots) + " batches: the tensors changed while being read");
                }
                return rows.next().modelBatch(withTargets);
            }
        };
    }

    /** The batches of one bucket, in the rows' hash order of the epoch, streamed through Arrow. */
    private Iterator<TensorRows> bucketRows(int slots, int epoch) {
        Dataset<Row> b = data.filter(col(TensorSchema.BUCKET).equalTo(slots))
                .orderBy(xxhash64(lit(seed), lit(epoch), col(TensorSchema.SAMPLE), col(TensorSchema.EVENT_ID),
                        col(TensorSchema.CHUNK)));
        StructType schema = TensorBatches.arrowSchema(b);
        return TensorBatches.decode(TensorBatches.arrow(b).toLocalIterator(), schema, slots, batchSize);
    }
}
