package org.mlpf.tensorize;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.mlpf.model.TensorBatch;
import org.mlpf.schema.TensorSchema;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of tensor rows of one bucket, held in Arrow (off-heap) memory as Spark produced it, handed to DJL as
 * NDArrays with one bulk copy per array (no Java object per element), or as the model's {@link TensorBatch}. Shapes: x (B, N, 25), y (B, N, 7),
 * mask (B, N), where B is {@link #size()} and N {@link #slots()}. Valid until the iterator of
 * {@link TensorBatches#decode} that made it advances, which then releases the Arrow memory.
 */
public final class TensorRows {
    private final VectorSchemaRoot root;
    private final int first;
    private final int size;
    private final int slots;

    TensorRows(VectorSchemaRoot root, int first, int size, int slots) {
        this.root = root;
        this.first = first;
        this.size = size;
        this.slots = slots;
    }

    /** Number of rows (events or event chunks) B. */
    public int size() {
        return size;
    }

    /** Element slots per row N (the bucket). */
    public int slots() {
        return slots;
    }

    /** Event id of row {@code r}. */
    public long eventId(int r) {
        return ((BigIntVector) root.getVector(TensorSchema.EVENT_ID)).get(first + r);
    }

    /** Sample of row {@code r}. */
    public String sample(int r) {
        return new String(((VarCharVector) root.getVector(TensorSchema.SAMPLE)).get(first + r),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Index in the event's elements of row {@code r}'s first element (non-zero for chunks of large events). */
    public int elemOffset(int r) {
        return ((IntVector) root.getVector(TensorSchema.ELEM_OFFSET)).get(first + r);
    }

    /** Real elements in row {@code r}. */
    public int numElements(int r) {
        return ((IntVector) root.getVector(TensorSchema.NUM_ELEMENTS)).get(first + r);
    }

    /** Inputs (B, N, 25). */
    public NDArray x(NDManager manager) {
        return featureMajor(manager, TensorSchema.X, TensorSchema.X_FEATURES);
    }

    /** Targets (B, N, 7): cls, charge, pt, eta, sin_phi, cos_phi, energy. */
    public NDArray y(NDManager manager) {
        return featureMajor(manager, TensorSchema.Y, TensorSchema.Y_FEATURES);
    }

    /** Mask (B, N): 1 for real elements, 0 for padding. */
    public NDArray mask(NDManager manager) {
        return manager.create(floats(TensorSchema.MASK, 1), new Shape(size, slots));
    }

    /**
     * The rows as the model's input batch ({@link TensorBatch}: row-major (B, N, 25) and (B, N, 7)), transposed
     * from the stored feature-major layout in one pass over the floats; targets only if {@code withTargets}.
     */
    public TensorBatch modelBatch(boolean withTargets) {
        float[] x = rowMajor(floats(TensorSchema.X, TensorSchema.X_FEATURES), TensorSchema.X_FEATURES);
        float[] y = withTargets ? rowMajor(floats(TensorSchema.Y, TensorSchema.Y_FEATURES), TensorSchema.Y_FEATURES)
                : null;
        return TensorBatch.of(size, slots, x, y);
    }

    private float[] rowMajor(FloatBuffer featureMajor, int features) {
        float[] out = new float[size * slots * features];
        int base = featureMajor.position();
        for (int b = 0; b < size; b++) {
            int row = b * features * slots;
            for (int f = 0; f < features; f++) {
                int src = base + row + f * slots;
                int dst = row + f;
                for (int i = 0; i < slots; i++) {
                    out[dst + i * features] = featureMajor.get(src + i);
                }
            }
        }
        return out;
    }

    /** Track z at the beam line per slot (B, N), cm; 0 for clusters and padding. */
    public float[] vz() {
        return toFloatArray(TensorSchema.VZ, 1);
    }

    /** The values of a list column for this batch's rows, copied into a Java array (tests, small batches). */
    public float[] toFloatArray(String column, int perSlot) {
        FloatBuffer b = floats(column, perSlot);
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private NDArray featureMajor(NDManager manager, String column, int features) {
        // Stored (B, F, N): one copy into native memory, then a transpose to the model's (B, N, F).
        NDArray fm = manager.create(floats(column, features), new Shape(size, features, slots));
        NDArray out = fm.transpose(0, 2, 1);
        fm.close();
        return out;
    }

    /** A view of the rows' values of a fixed-length list column, checked to be contiguous. */
    private FloatBuffer floats(String column, int perSlot) {
        ListVector list = (ListVector) root.getVector(column);
        Float4Vector data = (Float4Vector) list.getDataVector();
        int len = perSlot * slots;
        int start = list.getOffsetBuffer().getInt((long) first * ListVector.OFFSET_WIDTH);
        for (int r = 0; r < size; r++) {
            int s = list.getOffsetBuffer().getInt((long) (first + r) * ListVector.OFFSET_WIDTH);
            int e = list.getOffsetBuffer().getInt((long) (first + r + 1) * ListVector.OFFSET_WIDTH);
            if (s != start + r * len || e - s != len) {
                throw new IllegalStateException("column " + column + " of row " + (first + r) + " has " + (e - s)
                        + " values, expected " + len + " (rows of one bucket must have equal lengths)");
            }
        }
        return data.getDataBuffer().nioBuffer((long) start * Float.BYTES, size * len * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
}
