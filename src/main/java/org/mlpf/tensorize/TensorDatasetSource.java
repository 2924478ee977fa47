package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlpf.model.TensorBatch;
import org.mlpf.model.TensorBatchSource;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;

/**
 * The batches of one split of one or more tensors outputs, for training or evaluation in one JVM (the driver):
 * bucket by bucket (smallest first), rows shuffled within a bucket by a hash of (seed, epoch, sample, event, chunk)
 * so that an epoch's order depends only on the seed and the epoch, streamed partition by partition through Arrow.
 */
public final class TensorDatasetSource implements TensorBatchSource {
    private final Dataset<Row> data;
    private final int batchSize;
    private final long seed;
    private final boolean withTargets;
    private final List<Integer> buckets = new ArrayList<>();
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
            buckets.add(r.getInt(0));
            n += (r.getLong(1) + batchSize - 1) / batchSize;
        }
        Collections.sort(buckets);
        if (buckets.isEmpty()) {
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
        return new Iterator<>() {
            private int bucket = -1;
            private Iterator<TensorRows> rows = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!rows.hasNext()) {
                    if (++bucket >= buckets.size()) {
                        return false;
                    }
                    int slots = buckets.get(bucket);
                    Dataset<Row> b = data.filter(col(TensorSchema.BUCKET).equalTo(slots))
                            .orderBy(xxhash64(lit(seed), lit(epoch), col(TensorSchema.SAMPLE), col(TensorSchema.EVENT_ID),
                                    col(TensorSchema.CHUNK)));
                    StructType schema = TensorBatches.arrowSchema(b);
                    rows = TensorBatches.decode(TensorBatches.arrow(b).toLocalIterator(), schema, slots, batchSize);
                }
                return true;
            }

            @Override
            public TensorBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.next().modelBatch(withTargets);
            }
        };
    }
}
