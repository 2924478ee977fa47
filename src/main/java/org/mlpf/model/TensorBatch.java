package org.mlpf.model;

import java.nio.FloatBuffer;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleSchema;

/**
 * A batch of padded events in the model's input layout (the contract between tensorize and the model):
 * <ul>
 * <li>{@code X (B, N, 25)} float32: per element the 25 CMS features in {@link ElementFeature} order
 * ({@code typ_idx} first); padding rows are all zero ({@code typ_idx = 0}) and come after the event's elements;</li>
 * <li>{@code y (B, N, 7)} float32 (optional, for training): {@link NtupleSchema#TARGET_FIELDS} =
 * [cls, charge, pt (GeV), eta, sin phi, cos phi, energy (GeV)], all zero for padding;</li>
 * <li>the mask of real elements is {@code typ_idx != 0}.</li>
 * </ul>
 * Row-major float buffers, heap or direct (an Arrow reader can wrap its vectors' memory); the NDArrays made from
 * them are copied into native memory, so the buffers may be reused after {@link #features}/{@link #targets}.
 * N must be a multiple of the model's bin size (see {@link #padTo}).
 */
public final class TensorBatch {
    /** Features per element in X. */
    public static final int X_WIDTH = ElementFeature.NUM_CMS;
    /** Values per element in y. */
    public static final int Y_WIDTH = 7;

    private final int batchSize;
    private final int numElements;
    private final FloatBuffer x;
    private final FloatBuffer y;

    /**
     * @param batchSize   B
     * @param numElements N (padded)
     * @param x           B * N * 25 values
     * @param y           B * N * 7 values, or {@code null} for inference
     */
    public TensorBatch(int batchSize, int numElements, FloatBuffer x, FloatBuffer y) {
        if (batchSize < 1 || numElements < 1) {
            throw new IllegalArgumentException("batch size and element count must be >= 1, got B = " + batchSize
                    + ", N = " + numElements);
        }
        long nx = (long) batchSize * numElements * X_WIDTH;
        if (x.remaining() != nx) {
            throw new IllegalArgumentException("X has " + x.remaining() + " values, expected B * N * " + X_WIDTH
                    + " = " + nx);
        }
        if (y != null && y.remaining() != (long) batchSize * numElements * Y_WIDTH) {
            throw new IllegalArgumentException("y has " + y.remaining() + " values, expected B * N * " + Y_WIDTH + " = "
                    + (long) batchSize * numElements * Y_WIDTH);
        }
        this.batchSize = batchSize;
        this.numElements = numElements;
        this.x = x.slice();
        this.y = y == null ? null : y.slice();
    }

    /** A batch over Java arrays ({@code y} may be {@code null}). */
    public static TensorBatch of(int batchSize, int numElements, float[] x, float[] y) {
        return new TensorBatch(batchSize, numElements, FloatBuffer.wrap(x), y == null ? null : FloatBuffer.wrap(y));
    }

    /**
     * Pads events of different lengths into one batch of {@code paddedElements} elements each.
     *
     * @param events  per event, its elements' 25 features, row-major ({@code n * 25} values)
     * @param targets per event, its elements' 7 target values ({@code n * 7}), or {@code null} for inference
     */
    public static TensorBatch pad(List<float[]> events, List<float[]> targets, int paddedElements) {
        int b = events.size();
        float[] x = new float[b * paddedElements * X_WIDTH];
        float[] y = targets == null ? null : new float[b * paddedElements * Y_WIDTH];
        for (int e = 0; e < b; e++) {
            float[] ev = events.get(e);
            if (ev.length % X_WIDTH != 0 || ev.length / X_WIDTH > paddedElements) {
                throw new IllegalArgumentException("event " + e + " has " + ev.length + " feature values: not a "
                        + "multiple of " + X_WIDTH + " or more than " + paddedElements + " elements");
            }
            System.arraycopy(ev, 0, x, e * paddedElements * X_WIDTH, ev.length);
            if (y != null) {
                float[] t = targets.get(e);
                if (t.length / Y_WIDTH != ev.length / X_WIDTH || t.length % Y_WIDTH != 0) {
                    throw new IllegalArgumentException("event " + e + ": " + t.length / Y_WIDTH + " target rows for "
                            + ev.length / X_WIDTH + " elements");
                }
                System.arraycopy(t, 0, y, e * paddedElements * Y_WIDTH, t.length);
            }
        }
        return of(b, paddedElements, x, y);
    }

    /** The smallest multiple of {@code binSize} that holds {@code elements} (at least one bin). */
    public static int paddedSize(int elements, int binSize) {
        return Math.max(binSize, (elements + binSize - 1) / binSize * binSize);
    }

    /** B. */
    public int batchSize() {
        return batchSize;
    }

    /** N, padded. */
    public int numElements() {
        return numElements;
    }

    /** True if the batch carries targets. */
    public boolean hasTargets() {
        return y != null;
    }

    /** The feature buffer (read-only view), B * N * 25 values. */
    public FloatBuffer x() {
        return x.asReadOnlyBuffer();
    }

    /** The target buffer (read-only view), B * N * 7 values; throws if the batch has none. */
    public FloatBuffer y() {
        requireTargets();
        return y.asReadOnlyBuffer();
    }

    /** Feature value {@code f} of element {@code i} of event {@code b}. */
    public float feature(int b, int i, int f) {
        return x.get(((b * numElements) + i) * X_WIDTH + f);
    }

    /** True if element {@code i} of event {@code b} is real (not padding). */
    public boolean isReal(int b, int i) {
        return feature(b, i, ElementFeature.TYP_IDX.ordinal()) != 0f;
    }

    /** {@code X} as a (B, N, 25) float32 array in native memory, attached to {@code manager}. */
    public NDArray features(NDManager manager) {
        return copy(manager, x, X_WIDTH);
    }

    /** {@code y} as a (B, N, 7) float32 array in native memory, attached to {@code manager}. */
    public NDArray targets(NDManager manager) {
        requireTargets();
        return copy(manager, y, Y_WIDTH);
    }

    private NDArray copy(NDManager manager, FloatBuffer data, int width) {
        try (NDArray javaBacked = manager.create(data.duplicate(), new Shape(batchSize, numElements, width))) {
            return javaBacked.duplicate();
        }
    }

    private void requireTargets() {
        if (y == null) {
            throw new IllegalStateException("this batch has no targets (an inference batch)");
        }
    }
}
