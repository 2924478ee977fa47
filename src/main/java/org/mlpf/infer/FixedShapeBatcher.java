package org.mlpf.infer;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mlpf.model.TensorBatch;
import org.mlpf.schema.ElementFeature;

/**
 * Groups rows (events or event chunks) into model calls of one fixed shape per bucket, so that an event's arithmetic
 * does not depend on the events it shares a call with, hence not on the partitioning. Plain Java, no Spark.
 *
 * <p>Why: the model skips the bins past the last real element of a call ({@code PfNetDense}'s padding shortcut),
 * so a call's effective shape is (B, L) with L the longest active prefix among its rows; and BLAS picks kernels
 * and blockings by matrix shape. A call of B rows of bucket N holds only rows with the same active length L (the
 * bins that hold the row's real elements), always exactly B rows: a group left partly filled at the end of a
 * partition (or when the buffer budget is reached) runs padded with empty rows. Every GEMM an event takes part in
 * then has the same (M, K, N) whatever the partitioning; only the event's row position within the call can
 * change, which BLAS does not reduce over. {@code InferStageTest} checks the outcome bit for bit.
 */
public final class FixedShapeBatcher {
    /**
     * What a row brings besides its features.
     *
     * @param sample      sample name
     * @param eventId     event id
     * @param elemOffset  index in the event's elements of the row's first element (chunks of large events)
     * @param numElements real elements of the row
     * @param vz          track z at the beam line of the row's real elements, cm
     */
    public record RowInfo(String sample, long eventId, int elemOffset, int numElements, float[] vz) {
    }

    /**
     * One model call.
     *
     * @param input  (B, N, 25) features; rows past {@code rows.size()} are empty (all padding)
     * @param rows   the rows in call order
     * @param active the active length L shared by the rows (a multiple of the bin size)
     */
    public record Batch(TensorBatch input, List<RowInfo> rows, int active) {
    }

    private static final int WIDTH = TensorBatch.X_WIDTH;
    private static final int TYPE = ElementFeature.TYP_IDX.ordinal();

    private final int batchSize;
    private final int binSize;
    private final long bufferBytes;
    // Open groups by (slots, active length); sorted, so that flushing is in a fixed order.
    private final Map<Long, Group> groups = new TreeMap<>();
    private long bytes;

    private final class Group {
        final int slots;
        final int active;
        final float[] x;
        final List<RowInfo> rows = new ArrayList<>();

        Group(int slots, int active) {
            this.slots = slots;
            this.active = active;
            this.x = new float[batchSize * slots * WIDTH];
        }

        Batch toBatch() {
            return new Batch(TensorBatch.of(batchSize, slots, x, null), List.copyOf(rows), active);
        }
    }

    /**
     * @param batchSize   rows per call B
     * @param binSize     the model's bin size: active lengths are whole bins
     * @param bufferBytes memory allowed for partly filled calls; past it the fullest group runs padded
     */
    public FixedShapeBatcher(int batchSize, int binSize, long bufferBytes) {
        if (batchSize < 1 || binSize < 1) {
            throw new IllegalArgumentException("batch size and bin size must be >= 1, got " + batchSize + ", "
                    + binSize);
        }
        this.batchSize = batchSize;
        this.binSize = binSize;
        this.bufferBytes = bufferBytes;
    }

    /**
     * The active length of a row: the whole bins up to its last real element (at least one bin), which is what the
     * model computes on.
     *
     * @param x row-major features, {@code slots * 25} values from the buffer's position
     */
    int activeLength(FloatBuffer x, int slots) {
        int base = x.position();
        int last = 0;
        for (int i = slots - 1; i >= 0; i--) {
            if (x.get(base + i * WIDTH + TYPE) != 0f) {
                last = i + 1;
                break;
            }
        }
        return TensorBatch.paddedSize(last, binSize);
    }

    /**
     * Adds a row of {@code slots} element slots.
     *
     * @param x row-major features, {@code slots * 25} values (read from the buffer's position, not consumed)
     * @return the calls that are ready: a group that became full, and any run early to respect the buffer budget
     */
    public List<Batch> add(RowInfo info, int slots, FloatBuffer x) {
        if (x.remaining() != slots * WIDTH) {
            throw new IllegalArgumentException("event " + info.sample() + ":" + info.eventId() + ": " + x.remaining()
                    + " feature values for " + slots + " slots of " + WIDTH);
        }
        int active = activeLength(x, slots);
        long key = ((long) slots << 32) | active;
        Group g = groups.get(key);
        if (g == null) {
            g = new Group(slots, active);
            groups.put(key, g);
            bytes += (long) g.x.length * Float.BYTES;
        }
        x.duplicate().get(g.x, g.rows.size() * slots * WIDTH, slots * WIDTH);
        g.rows.add(info);
        List<Batch> ready = new ArrayList<>(1);
        if (g.rows.size() == batchSize) {
            ready.add(close(key));
        }
        while (bytes > bufferBytes && !groups.isEmpty()) {
            ready.add(close(fullest()));
        }
        return ready;
    }

    /** Every partly filled group as a call padded with empty rows, in a fixed order; the batcher is then empty. */
    public List<Batch> flush() {
        List<Batch> out = new ArrayList<>(groups.size());
        while (!groups.isEmpty()) {
            out.add(close(groups.keySet().iterator().next()));
        }
        return out;
    }

    /** Rows waiting in partly filled groups. */
    public int pendingRows() {
        return groups.values().stream().mapToInt(g -> g.rows.size()).sum();
    }

    private long fullest() {
        long best = -1;
        int most = -1;
        for (Map.Entry<Long, Group> e : groups.entrySet()) {
            if (e.getValue().rows.size() > most) {
                most = e.getValue().rows.size();
                best = e.getKey();
            }
        }
        return best;
    }

    private Batch close(long key) {
        Group g = groups.remove(key);
        bytes -= (long) g.x.length * Float.BYTES;
        return g.toBatch();
    }
}
