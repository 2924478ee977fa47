package org.mlpf.generate;

import java.nio.charset.StandardCharsets;

/**
 * Per-event random seeds derived from (run seed, sample, event index) alone, so that an event is bit-identical
 * whatever the number of partitions or executors. SplitMix64 finalisers mix the three inputs; the sample name
 * enters through a 64-bit FNV-1a hash.
 */
public final class EventSeeds {
    private EventSeeds() {
    }

    /** The seed of event {@code index} of {@code sample} in a run with seed {@code runSeed}. */
    public static long seed(long runSeed, String sample, long index) {
        long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ fnv1a(sample));
        return mix(h ^ index);
    }

    /** A seed for an independent stream of the same event (e.g. the detector simulation's own randomness). */
    public static long substream(long eventSeed, int stream) {
        return mix(eventSeed + 0x632BE59BD9B4E019L * (stream + 1));
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
