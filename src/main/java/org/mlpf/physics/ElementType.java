package org.mlpf.physics;

/**
 * Type of a PF element, with the CMS {@code PFElement} type codes used as {@code typ_idx} (docs/ntuple-schema.md).
 * Code 0 marks padding in tensors and never appears in an ntuple.
 */
public enum ElementType {
    NONE(0), TRACK(1), PS1(2), PS2(3), ECAL(4), HCAL(5), GSF(6), BREM(7), HFEM(8), HFHAD(9), SC(10), HO(11);

    /** Number of type codes, padding included: the width of the one-hot encoding. */
    public static final int COUNT = 12;

    private static final ElementType[] BY_CODE = values();

    private final int code;

    ElementType(int code) {
        this.code = code;
    }

    /** The {@code typ_idx} code. */
    public int code() {
        return code;
    }

    /** True for the types that are tracks (KF or GSF), i.e. that carry a charge and a vertex. */
    public boolean isTrack() {
        return this == TRACK || this == GSF;
    }

    /** True if {@code code} is a type code of a real (non-padding) element. */
    public static boolean isRealCode(int code) {
        return code >= 1 && code < COUNT;
    }

    /** The type with the given code; throws for a code outside [0, 11]. */
    public static ElementType ofCode(int code) {
        if (code < 0 || code >= COUNT) {
            throw new IllegalArgumentException("element type code " + code + " is outside [0, " + (COUNT - 1) + "]");
        }
        return BY_CODE[code];
    }
}
