package org.mlpf.model;

import java.util.Iterator;

/**
 * Where training and evaluation get their batches: one pass over the data per call, in an order that depends only
 * on the epoch (so that a resumed run sees the same batches). Tensorize's Arrow reader implements it over the
 * tensor dataset; {@link InMemoryBatchSource} serves batches held in memory.
 */
public interface TensorBatchSource {
    /** The batches of one pass (epoch {@code epoch}, 0-based). */
    Iterator<TensorBatch> batches(int epoch);

    /** Number of batches per pass, or -1 if unknown. */
    long batchesPerEpoch();
}
