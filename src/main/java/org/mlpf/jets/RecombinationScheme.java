package org.mlpf.jets;

/** How two four-momenta combine into one. Only FastJet's default, the E scheme, is needed here. */
public enum RecombinationScheme {
    /** Four-vector sum (px, py, pz and E added), FastJet's {@code E_scheme}. */
    E_SCHEME("E scheme recombination");

    private final String description;

    RecombinationScheme(String description) {
        this.description = description;
    }

    /** FastJet's description of the scheme. */
    public String description() {
        return description;
    }
}
