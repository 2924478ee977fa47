package org.mlpf.tensorize;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The order of an epoch's batches across buckets: every batch of every bucket once, the buckets interleaved in a
 * random order that depends only on the seed and the epoch. Within a bucket the batches keep their own order (the
 * rows' hash order); which bucket the next batch comes from is drawn, so an epoch of guns (small buckets) and ttbar
 * (large buckets) mixes them all the way through. Going through the buckets one after the other instead makes the
 * model fit the small events first and then unlearn them on the large ones, with the learning-rate schedule
 * spending its high rates on whichever bucket comes first (docs/training.md). Plain Java.
 */
public final class EpochOrder {
    private final int[] buckets;
    private final int[] bucketOfBatch;
    private final long[][] position;

    /**
     * @param batchesPerBucket batches of each bucket (padded size to count), iterated in ascending bucket order
     * @param seed             the training seed
     * @param epoch            the epoch
     */
    public EpochOrder(Map<Integer, Long> batchesPerBucket, long seed, int epoch) {
        buckets = batchesPerBucket.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        long total = 0;
        for (int b : buckets) {
            long n = batchesPerBucket.get(b);
            if (n < 0) {
                throw new IllegalArgumentException("bucket " + b + " has " + n + " batches");
            }
            total += n;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(total + " batches in one epoch");
        }
        int[] order = new int[(int) total];
        int k = 0;
        for (int i = 0; i < buckets.length; i++) {
            long n = batchesPerBucket.get(buckets[i]);
            for (long j = 0; j < n; j++) {
                order[k++] = i;
            }
        }
        // Fisher-Yates with a generator seeded by (seed, epoch) alone: the same order on every run and every worker
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        bucketOfBatch = new int[order.length];
        position = new long[buckets.length][];
        int[] seen = new int[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            position[i] = new long[Math.toIntExact(batchesPerBucket.get(buckets[i]))];
        }
        for (int g = 0; g < order.length; g++) {
            int i = order[g];
            bucketOfBatch[g] = buckets[i];
            position[i][seen[i]++] = g;
        }
    }

    /** Batches in the epoch. */
    public int size() {
        return bucketOfBatch.length;
    }

    /** The bucket (padded size) of the epoch's batch {@code g}. */
    public int bucketOf(int g) {
        return bucketOfBatch[g];
    }

    /** The buckets, ascending. */
    public int[] buckets() {
        return buckets.clone();
    }

    /** Per batch of {@code bucket}, in the bucket's own order, its place in the epoch. */
    public long[] positions(int bucket) {
        int i = Arrays.binarySearch(buckets, bucket);
        if (i < 0) {
            throw new IllegalArgumentException("no bucket " + bucket + " in " + Arrays.toString(buckets));
        }
        return position[i].clone();
    }
}
