package org.mlpf.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** A {@link TensorBatchSource} over batches held in memory, optionally shuffled per epoch with a fixed seed. */
public final class InMemoryBatchSource implements TensorBatchSource {
    private final List<TensorBatch> batches;
    private final boolean shuffle;
    private final long seed;

    /**
     * @param batches the batches
     * @param shuffle visit them in a different (seeded) order every epoch
     * @param seed    seed of the shuffle
     */
    public InMemoryBatchSource(List<TensorBatch> batches, boolean shuffle, long seed) {
        this.batches = List.copyOf(batches);
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** The batches in a fixed order. */
    public static InMemoryBatchSource of(List<TensorBatch> batches) {
        return new InMemoryBatchSource(batches, false, 0);
    }

    @Override
    public Iterator<TensorBatch> batches(int epoch) {
        if (!shuffle) {
            return batches.iterator();
        }
        List<TensorBatch> order = new ArrayList<>(batches);
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        return order.iterator();
    }

    @Override
    public long batchesPerEpoch() {
        return batches.size();
    }
}
