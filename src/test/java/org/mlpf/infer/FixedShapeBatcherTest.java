package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mlpf.model.TensorBatch;

class FixedShapeBatcherTest {
    private static final int W = TensorBatch.X_WIDTH;

    /** A row of {@code slots} slots whose first {@code real} elements have type 1 and feature 1 = id. */
    private static FloatBuffer row(int slots, int real, long id) {
        float[] x = new float[slots * W];
        for (int i = 0; i < real; i++) {
            x[i * W] = 1;
            x[i * W + 1] = id;
        }
        return FloatBuffer.wrap(x);
    }

    private static FixedShapeBatcher.RowInfo info(long id, int n) {
        return new FixedShapeBatcher.RowInfo("s", id, 0, n, new float[n]);
    }

    @Test
    void callsHoldRowsOfOneBucketAndOneActiveLengthAndAlwaysHaveTheFullShape() {
        FixedShapeBatcher b = new FixedShapeBatcher(3, 16, Long.MAX_VALUE);
        // active lengths (bins of 16): 16, 32, 48, 16 (bucket 128), 16, 16, 16 (an empty row still has one bin), 48
        int[][] rows = {{64, 10}, {64, 20}, {64, 40}, {128, 12}, {64, 1}, {64, 16}, {64, 0}, {64, 33}};
        List<FixedShapeBatcher.Batch> out = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            out.addAll(b.add(info(k, rows[k][1]), rows[k][0], row(rows[k][0], rows[k][1], k)));
        }
        assertEquals(1, out.size(), "rows 0, 4, 5 (64 slots, one bin) fill the first call");
        assertEquals(List.of(0L, 4L, 5L), out.get(0).rows().stream().map(FixedShapeBatcher.RowInfo::eventId).toList());
        assertEquals(5, b.pendingRows(), "rows 1, 2, 3, 6, 7 wait");
        out.addAll(b.flush());
        assertEquals(0, b.pendingRows());
        int rowsSeen = 0;
        for (FixedShapeBatcher.Batch batch : out) {
            TensorBatch in = batch.input();
            assertEquals(3, in.batchSize(), "every call has B rows");
            for (int r = 0; r < 3; r++) {
                boolean used = r < batch.rows().size();
                for (int i = 0; i < in.numElements(); i++) {
                    if (!used) {
                        assertEquals(0f, in.feature(r, i, 0), "padding rows are empty");
                    } else if (in.isReal(r, i)) {
                        assertEquals(batch.rows().get(r).eventId(), in.feature(r, i, 1), 0f, "row in its slot");
                        assertTrue(i < batch.active(), "real elements within the call's active length");
                    }
                }
            }
            for (FixedShapeBatcher.RowInfo ri : batch.rows()) {
                int[] spec = rows[(int) ri.eventId()];
                assertEquals(spec[0], in.numElements(), "bucket");
                assertEquals(TensorBatch.paddedSize(spec[1], 16), batch.active(), "active length");
                rowsSeen++;
            }
        }
        assertEquals(rows.length, rowsSeen);
    }

    @Test
    void theBufferBudgetRunsTheFullestGroupEarly() {
        // one group of 2 x 64 x 25 floats = 12,800 bytes; the budget allows one open group
        FixedShapeBatcher b = new FixedShapeBatcher(2, 16, 13_000);
        assertTrue(b.add(info(0, 5), 64, row(64, 5, 0)).isEmpty());
        List<FixedShapeBatcher.Batch> ready = b.add(info(1, 40), 64, row(64, 40, 1));
        assertEquals(1, ready.size(), "a second open group exceeds the budget");
        assertEquals(2, ready.get(0).input().batchSize());
        assertEquals(1, b.pendingRows());
    }
}
