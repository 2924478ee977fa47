package org.mlpf.tensorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class EpochOrderTest {
    private static final Map<Integer, Long> BATCHES = new TreeMap<>(Map.of(128, 40L, 512, 25L, 3200, 35L));

    private static int[] buckets(EpochOrder o) {
        int[] b = new int[o.size()];
        for (int g = 0; g < b.length; g++) {
            b[g] = o.bucketOf(g);
        }
        return b;
    }

    @Test
    void everyBatchOnceEachBucketInItsOwnOrder() {
        EpochOrder o = new EpochOrder(BATCHES, 9, 1);
        assertEquals(100, o.size());
        boolean[] used = new boolean[o.size()];
        for (int bucket : o.buckets()) {
            long[] pos = o.positions(bucket);
            assertEquals(BATCHES.get(bucket), pos.length);
            for (int k = 0; k < pos.length; k++) {
                assertFalse(used[(int) pos[k]], "place " + pos[k] + " given twice");
                used[(int) pos[k]] = true;
                assertEquals(bucket, o.bucketOf((int) pos[k]));
                assertTrue(k == 0 || pos[k] > pos[k - 1], "a bucket's batches keep their order");
            }
        }
        assertArrayEquals(new int[] {128, 512, 3200}, o.buckets());
    }

    @Test
    void bucketsAreMixedThroughTheEpoch() {
        int[] b = buckets(new EpochOrder(BATCHES, 9, 1));
        // each quarter of the epoch holds batches of every bucket (bucket after bucket, the first quarter is all 128)
        for (int q = 0; q < 4; q++) {
            int[] quarter = Arrays.copyOfRange(b, q * 25, q * 25 + 25);
            for (int bucket : BATCHES.keySet()) {
                assertTrue(Arrays.stream(quarter).anyMatch(x -> x == bucket), "bucket " + bucket + " in quarter " + q);
            }
        }
    }

    @Test
    void theOrderDependsOnlyOnSeedAndEpoch() {
        assertArrayEquals(buckets(new EpochOrder(BATCHES, 9, 1)), buckets(new EpochOrder(new TreeMap<>(BATCHES), 9, 1)));
        assertFalse(Arrays.equals(buckets(new EpochOrder(BATCHES, 9, 1)), buckets(new EpochOrder(BATCHES, 9, 2))));
        assertFalse(Arrays.equals(buckets(new EpochOrder(BATCHES, 9, 1)), buckets(new EpochOrder(BATCHES, 10, 1))));
    }

    @Test
    void oneBucketKeepsItsOrderAndUnknownBucketsAreRefused() {
        EpochOrder o = new EpochOrder(Map.of(64, 5L), 1, 0);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, o.positions(64));
        assertThrows(IllegalArgumentException.class, () -> o.positions(128));
        assertEquals(0, new EpochOrder(Map.of(), 1, 0).size());
    }
}
