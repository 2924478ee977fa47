package org.mlpf.physics;

/**
 * Target class of an element (docs/ntuple-schema.md, Targets): index, representative PDG id, and name.
 * Class 0 means "this element produced no particle".
 */
public enum ParticleClass {
    NONE(0, 0), CHARGED_HADRON(1, 211), NEUTRAL_HADRON(2, 130), HFHAD(3, 1), HFEM(4, 2), PHOTON(5, 22),
    ELECTRON(6, 11), MUON(7, 13);

    /** Number of classes: the width of the model's class output. */
    public static final int COUNT = 8;

    private static final ParticleClass[] BY_INDEX = values();

    private final int index;
    private final int pdgId;

    ParticleClass(int index, int pdgId) {
        this.index = index;
        this.pdgId = pdgId;
    }

    /** The class index used in targets and candidates. */
    public int index() {
        return index;
    }

    /** The representative PDG id of the class (absolute value; 1 and 2 are CMS's HF pseudo-ids). */
    public int pdgId() {
        return pdgId;
    }

    /**
     * Mass given to a candidate of this class, GeV: the charged pion's for charged hadrons, the muon's for muons, 0
     * for the others (the convention of the baseline PF, docs/simulation.md).
     */
    public double candidateMass() {
        return switch (this) {
            case CHARGED_HADRON -> ParticleData.mass(211);
            case MUON -> ParticleData.mass(13);
            default -> 0;
        };
    }

    /** Lower-case name used in reports and tables, e.g. {@code charged_hadron}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True if {@code index} is a valid class index. */
    public static boolean isValidIndex(int index) {
        return index >= 0 && index < COUNT;
    }

    /** The class with the given index; throws for an index outside [0, 7]. */
    public static ParticleClass ofIndex(int index) {
        if (!isValidIndex(index)) {
            throw new IllegalArgumentException("class index " + index + " is outside [0, " + (COUNT - 1) + "]");
        }
        return BY_INDEX[index];
    }
}
