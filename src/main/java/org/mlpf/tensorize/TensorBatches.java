package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;
import org.mlpf.schema.TensorSchema;

/**
 * Hands tensor rows to DJL through Arrow: {@link #arrow} turns a tensors Dataset (one bucket) into an RDD of
 * Arrow record batches (Spark's columnar conversion, no Java object per element), and {@link #decode} turns
 * those, on whichever executor holds them, into {@link TensorRows} of at most B rows each.
 */
public final class TensorBatches {
    /** The columns handed to the model, in this order. */
    private static final String[] COLUMNS = {TensorSchema.EVENT_ID, TensorSchema.SAMPLE, TensorSchema.ELEM_OFFSET,
        TensorSchema.NUM_ELEMENTS, TensorSchema.X, TensorSchema.Y, TensorSchema.MASK, TensorSchema.VZ};

    private static BufferAllocator allocator;

    private TensorBatches() {
    }

    /** The Arrow allocator of this JVM (one per executor). */
    static synchronized BufferAllocator allocator() {
        if (allocator == null) {
            allocator = new RootAllocator(Long.MAX_VALUE);
        }
        return allocator;
    }

    /** The rows of {@code tensors} (one bucket) as serialized Arrow record batches. */
    public static JavaRDD<byte[]> arrow(Dataset<Row> tensors) {
        return tensors.select(columns()).toArrowBatchRdd().toJavaRDD();
    }

    /** The schema of the batches made by {@link #arrow}, needed to decode them. */
    public static StructType arrowSchema(Dataset<Row> tensors) {
        return tensors.select(columns()).schema();
    }

    private static org.apache.spark.sql.Column[] columns() {
        org.apache.spark.sql.Column[] c = new org.apache.spark.sql.Column[COLUMNS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = col(COLUMNS[i]);
        }
        return c;
    }

    /**
     * Decodes serialized Arrow record batches into batches of at most {@code batchSize} rows of {@code slots}
     * element slots. Each batch is valid until the next call to {@code next()}; the Arrow memory of a record
     * batch is released once its last slice has been handed out and the iterator advances (or is exhausted).
     */
    public static Iterator<TensorRows> decode(Iterator<byte[]> arrowBatches, StructType schema, int slots,
                                               int batchSize) {
        Schema arrowSchema = ArrowUtils.toArrowSchema(schema, "UTC", true, false);
        return new Iterator<>() {
            private VectorSchemaRoot root;
            private int next;

            @Override
            public boolean hasNext() {
                while (root == null || next >= root.getRowCount()) {
                    release();
                    if (!arrowBatches.hasNext()) {
                        return false;
                    }
                    load(arrowBatches.next());
                }
                return true;
            }

            @Override
            public TensorRows next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(batchSize, root.getRowCount() - next);
                TensorRows b = new TensorRows(root, next, n, slots);
                next += n;
                return b;
            }

            private void load(byte[] bytes) {
                root = loadRecordBatch(bytes, arrowSchema);
                next = 0;
            }

            private void release() {
                if (root != null) {
                    root.close();
                    root = null;
                }
            }
        };
    }

    /**
     * Decodes serialized Arrow record batches whose rows may belong to different buckets (tensors made on the fly,
     * or several bucket directories read at once) into single rows, each with its own slot count: the length of
     * its {@code x} list over the {@value TensorSchema#X_FEATURES} features. Each row is valid until the next call
     * to {@code next()}; a record batch's Arrow memory is released once its last row has been handed out and the
     * iterator advances (or is exhausted).
     *
     * @throws IllegalStateException (from {@code next()}) if a row's {@code x} is not a whole number of elements
     */
    public static Iterator<TensorRows> decodeRows(Iterator<byte[]> arrowBatches, StructType schema) {
        Schema arrowSchema = ArrowUtils.toArrowSchema(schema, "UTC", true, false);
        return new Iterator<>() {
            private VectorSchemaRoot root;
            private int next;

            @Override
            public boolean hasNext() {
                while (root == null || next >= root.getRowCount()) {
                    if (root != null) {
                        root.close();
                        root = null;
                    }
                    if (!arrowBatches.hasNext()) {
                        return false;
                    }
                    root = loadRecordBatch(arrowBatches.next(), arrowSchema);
                    next = 0;
                }
                return true;
            }

            @Override
            public TensorRows next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ListVector x = (ListVector) root.getVector(TensorSchema.X);
                int values = x.getElementEndIndex(next) - x.getElementStartIndex(next);
                if (values % TensorSchema.X_FEATURES != 0) {
                    TensorRows bad = new TensorRows(root, next, 1, 1);
                    throw new IllegalStateException("x of event " + bad.sample(0) + ":" + bad.eventId(0) + " has "
                            + values + " values, not a multiple of the " + TensorSchema.X_FEATURES
                            + " features per element");
                }
                return new TensorRows(root, next++, 1, values / TensorSchema.X_FEATURES);
            }
        };
    }

    /**
     * One serialized record batch loaded into a new root of {@code schema} (the caller closes it).
     *
     * @throws UncheckedIOException if the bytes are not a record batch of that schema
     */
    static VectorSchemaRoot loadRecordBatch(byte[] bytes, Schema schema) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator());
        try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))), allocator())) {
            new VectorLoader(root).load(batch);
            return root;
        } catch (IOException e) {
            root.close();
            throw new UncheckedIOException("corrupt Arrow record batch: " + e.getMessage(), e);
        }
    }
}
