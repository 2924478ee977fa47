package org.mlpf.generate;

import java.io.Serializable;
import java.util.SplittableRandom;

import org.mlpf.physics.GenEvent;

/**
 * A physics sample the generator can produce (ttbar, QCD, a particle gun...): fills a {@link GenEvent} with one
 * event's generator particles, the hard scatter at vertex 0 and {@code pileup} overlaid interactions at vertices
 * 1..pileup. All randomness comes from {@code rng}, so an event depends only on its seed
 * ({@link EventSeeds}), never on the partition or executor that made it.
 */
public interface Sample extends Serializable {
    /** The sample's name, e.g. {@code ttbar} or {@code gun-pi}. */
    String name();

    /**
     * Generates one event into {@code out} (which the caller has reset).
     *
     * @param pileup number of pileup interactions to overlay (the caller draws it from the requested range)
     */
    void generate(SplittableRandom rng, int pileup, GenEvent out);
}
