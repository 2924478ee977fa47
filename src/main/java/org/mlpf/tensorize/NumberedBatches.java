package org.mlpf.tensorize;

import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;
import org.mlpf.model.TensorBatch;
import org.mlpf.schema.TensorSchema;

/**
 * Decodes Arrow record batches of tensor rows that carry a batch number (a {@code bigint} column chosen by the
 * caller) into one {@link TensorBatch} per run of consecutive rows with the same number, whatever the record-batch
 * boundaries: what a data-parallel trainer needs when a planner has assigned every row to a (worker, step) batch.
 * The rows must hold {@link TensorSchema#BUCKET}, {@link TensorSchema#X} and, for targets, {@link TensorSchema#Y};
 * the rows of one batch must share a bucket.
 */
public final class NumberedBatches {
    private NumberedBatches() {
    }

    /**
     * A decoded batch.
     *
     * @param number the batch number its rows carried
     * @param batch  the rows as the model's input (and targets)
     */
    public record Numbered(long number, TensorBatch batch) {
    }

    /**
     * Decodes serialized Arrow record batches (schema {@code schema}) into model batches.
     *
     * @param numberColumn the {@code bigint} column holding each row's batch number
     * @param maxRows      largest batch: a run of equal numbers longer than this is cut into several batches
     * @param withTargets  also copy the targets y
     */
    public static Iterator<Numbered> decode(Iterator<byte[]> arrowBatches, StructType schema, String numberColumn,
                                            int maxRows, boolean withTargets) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows = " + maxRows + ": must be >= 1");
        }
        Schema arrowSchema = ArrowUtils.toArrowSchema(schema, "UTC", true, false);
        return new Iterator<>() {
            private VectorSchemaRoot root;
            private int row;
            private Numbered ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    ready = assemble();
                }
                return ready != null;
            }

            @Override
            public Numbered next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Numbered n = ready;
                ready = null;
                return n;
            }

            /** The next batch: runs of equal numbers, joined across record batches, or null at the end. */
            private Numbered assemble() {
                TensorBatch pending = null;
                long number = 0;
                int bucket = 0;
                while (true) {
                    if (!advance()) {
                        return pending == null ? null : new Numbered(number, pending);
                    }
                    long n = numbers().get(row);
                    int b = buckets().get(row);
                    if (pending != null && (n != number || pending.batchSize() >= maxRows)) {
                        return new Numbered(number, pending);
                    }
                    if (pending != null && b != bucket) {
                        throw new IllegalStateException("batch " + n + " mixes buckets " + bucket + " and " + b
                                + ": the rows of one batch must share a bucket");
                    }
                    int limit = maxRows - (pending == null ? 0 : pending.batchSize());
                    int end = row + 1;
                    while (end < root.getRowCount() && end - row < limit && numbers().get(end) == n
                            && buckets().get(end) == b) {
                        end++;
                    }
                    TensorBatch run = new TensorRows(root, row, end - row, b).modelBatch(withTargets);
                    pending = pending == null ? run : concat(pending, run);
                    number = n;
                    bucket = b;
                    row = end;
                }
            }

            private BigIntVector numbers() {
                return (BigIntVector) root.getVector(numberColumn);
            }

            private IntVector buckets() {
                return (IntVector) root.getVector(TensorSchema.BUCKET);
            }

            /** Positions on the next unread row, loading record batches as needed; false at the end. */
            private boolean advance() {
                while (root == null || row >= root.getRowCount()) {
                    release();
                    if (!arrowBatches.hasNext()) {
                        return false;
                    }
                    load(arrowBatches.next());
                }
                return true;
            }

            private void load(byte[] bytes) {
                root = TensorBatches.loadRecordBatch(bytes, arrowSchema);
                row = 0;
            }

            private void release() {
                if (root != null) {
                    root.close();
                    root = null;
                }
            }
        };
    }

    /** The rows of {@code a} followed by those of {@code b} (same element count N). */
    static TensorBatch concat(TensorBatch a, TensorBatch b) {
        if (a.numElements() != b.numElements()) {
            throw new IllegalArgumentException("cannot join batches of " + a.numElements() + " and " + b.numElements()
                    + " elements");
        }
        float[] x = join(a.x(), b.x());
        float[] y = a.hasTargets() && b.hasTargets() ? join(a.y(), b.y()) : null;
        return TensorBatch.of(a.batchSize() + b.batchSize(), a.numElements(), x, y);
    }

    private static float[] join(FloatBuffer a, FloatBuffer b) {
        float[] out = new float[a.remaining() + b.remaining()];
        int na = a.remaining();
        a.get(out, 0, na);
        b.get(out, na, b.remaining());
        return out;
    }
}
