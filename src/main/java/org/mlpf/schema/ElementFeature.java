package org.mlpf.schema;

/**
 * The columns of one PF element: the 25 features of the 2021 CMS ntuples in the order of the model's input
 * matrix X (docs/ntuple-schema.md), then the extra columns this project adds. {@link #ordinal()} is the position in
 * the element struct and in flat per-element float arrays.
 */
public enum ElementFeature {
    TYP_IDX("typ_idx", "element type code 1-11 (docs/ntuple-schema.md lists the codes), stored as float like the other "
            + "features"),
    PT("pt", "transverse momentum at the vertex (tracks) or E/cosh(eta) (clusters), GeV"),
    ETA("eta", "pseudorapidity of the track at the vertex or of the cluster position"),
    PHI("phi", "azimuth, radians in [-pi, pi]"),
    E("e", "energy, GeV: |p| for tracks, deposited energy for clusters"),
    LAYER("layer", "detector layer code of a cluster (docs/ntuple-schema.md lists the codes); 0 for tracks"),
    DEPTH("depth", "calorimeter depth of a cluster (HCAL depth segment, 1-based); 0 otherwise"),
    CHARGE("charge", "track charge in units of e (-1 or +1); 0 for clusters"),
    TRAJPOINT("trajpoint", "trajectory point index of a BREM element; 0 otherwise"),
    ETA_ECAL("eta_ecal", "track pseudorapidity extrapolated to the ECAL shower maximum; cluster eta for clusters"),
    PHI_ECAL("phi_ecal", "track azimuth extrapolated to the ECAL shower maximum, radians; cluster phi for clusters"),
    ETA_HCAL("eta_hcal", "track pseudorapidity extrapolated to the HCAL entrance; cluster eta for clusters"),
    PHI_HCAL("phi_hcal", "track azimuth extrapolated to the HCAL entrance, radians; cluster phi for clusters"),
    MUON_DT_HITS("muon_dt_hits", "number of muon drift-tube (barrel) hits matched to the track"),
    MUON_CSC_HITS("muon_csc_hits", "number of muon cathode-strip (endcap) hits matched to the track"),
    MUON_TYPE("muon_type", "muon reference type: 0 none, 1 muon-chamber hits found"),
    PX("px", "x momentum, GeV"),
    PY("py", "y momentum, GeV"),
    PZ("pz", "z momentum, GeV"),
    DELTAP("deltap", "momentum lost at a BREM point, GeV"),
    SIGMADELTAP("sigmadeltap", "uncertainty of deltap, GeV"),
    GSF_ELECTRONSEED_TRKORECAL("gsf_electronseed_trkorecal", "GSF seed: 1 ECAL-driven, 2 tracker-driven, 0 not a GSF track"),
    NUM_HITS("num_hits", "number of tracker hits (tracks) or calorimeter cells (clusters)"),
    CLUSTER_FLAGS("cluster_flags", "cluster flags (bit field, docs/ntuple-schema.md); 0 for tracks"),
    CORR_ENERGY("corr_energy", "calibrated cluster energy, GeV; 0 for tracks"),
    /** Extra (not a CMS feature): needed for charged-hadron subtraction. */
    VZ("vz", "extra: track z at the beam line (point of closest approach), cm; 0 for clusters");

    /** Number of CMS features (the model's raw input width); the extras follow them. */
    public static final int NUM_CMS = 25;
    /** Number of element columns, extras included: the stride of flat per-element arrays. */
    public static final int WIDTH = 26;

    private final String column;
    private final String doc;

    ElementFeature(String column, String doc) {
        this.column = column;
        this.doc = doc;
    }

    /** Column name in the element struct. */
    public String column() {
        return column;
    }

    /** Meaning and unit. */
    public String doc() {
        return doc;
    }

    /** True for the 25 CMS features, false for this project's extra columns. */
    public boolean isCms() {
        return ordinal() < NUM_CMS;
    }
}
