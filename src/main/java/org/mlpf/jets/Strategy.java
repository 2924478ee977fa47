package org.mlpf.jets;

/**
 * How the clustering finds the pair or beam distance to act on next. All strategies give the same jets; in
 * exactly degenerate events (equal distances) each breaks ties the way FastJet's strategy of the same name
 * does, and {@link #BEST} picks the strategy FastJet 3.4 picks for the event's multiplicity, R and algorithm,
 * so that even ties are resolved as FastJet resolves them.
 */
public enum Strategy {
    /** FastJet's choice by multiplicity N, R and algorithm (its {@code Best}). */
    BEST("Best"),
    /** Nearest-neighbour bookkeeping over all pairs, O(N^2): best below a few dozen particles. */
    N2_PLAIN("N2Plain"),
    /** Tiles of size R in (rapidity, phi), neighbour searches in the 3 x 3 surrounding tiles, linear scan for
     *  the smallest distance. */
    N2_TILED("N2Tiled"),
    /** As {@link #N2_TILED} with a binary min-heap of the distances. */
    N2_MIN_HEAP_TILED("N2MinHeapTiled"),
    /** Tiles of size R, 3 x 3 neighbourhoods searched lazily (tiles too far away to matter are skipped),
     *  min-heap: FastJet's default for thousands of particles at R ~ 0.4. */
    N2_MHT_LAZY9("N2MHTLazy9"),
    /** As {@link #N2_MHT_LAZY9} with tiles of size R/2 and 5 x 5 neighbourhoods: tens of thousands of
     *  particles. */
    N2_MHT_LAZY25("N2MHTLazy25"),
    /** The naive O(N^3) algorithm (all pairs at every step): the reference in tests. */
    N3_DUMB("N3Dumb");

    private final String fastJetName;

    Strategy(String fastJetName) {
        this.fastJetName = fastJetName;
    }

    /** FastJet's name of the strategy (its {@code strategy_string()}), e.g. N2MHTLazy9. */
    public String fastJetName() {
        return fastJetName;
    }

    /** The strategy with FastJet's name {@code name} (or this enum's constant name). */
    public static Strategy fromName(String name) {
        for (Strategy s : values()) {
            if (s.fastJetName.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown clustering strategy '" + name + "'");
    }
}
