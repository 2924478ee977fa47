package org.mlpf.jets;

import java.util.Arrays;
import java.util.List;

/**
 * The longitudinally invariant sequential-recombination algorithms of the generalised-kt family, with FastJet's
 * distances (pt in GeV, Delta R^2 in (rapidity, phi)):
 * d_ij = min(s_i, s_j) Delta R_ij^2 / R^2 and d_iB = s_i, with the scale s = pt^2 (kt), 1 (Cambridge/Aachen) or
 * 1/pt^2 (anti-kt).
 */
public enum JetAlgorithm {
    /** Catani et al. / Ellis-Soper kt algorithm: s = pt^2. */
    KT("kt", "Longitudinally invariant kt algorithm"),
    /** Cambridge/Aachen: s = 1 (purely geometric). */
    CAMBRIDGE("cambridge", "Longitudinally invariant Cambridge/Aachen algorithm"),
    /** Anti-kt (Cacciari, Salam, Soyez 2008): s = 1/pt^2. */
    ANTIKT("antikt", "Longitudinally invariant anti-kt algorithm");

    private final String cliName;
    private final String description;

    JetAlgorithm(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name used on the command line and in configuration files: kt, cambridge or antikt. */
    public String cliName() {
        return cliName;
    }

    /** FastJet's description of the algorithm. */
    public String description() {
        return description;
    }

    /**
     * The distance scale s of a jet with squared transverse momentum {@code pt2} (GeV^2), as FastJet's
     * {@code jet_scale_for_algorithm}: anti-kt uses 1e300 instead of 1/pt^2 when pt^2 &lt;= 1e-300.
     */
    public double scale(double pt2) {
        return switch (this) {
            case KT -> pt2;
            case CAMBRIDGE -> 1.0;
            case ANTIKT -> pt2 > 1e-300 ? 1.0 / pt2 : 1e300;
        };
    }

    /** All command-line names, for messages. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(JetAlgorithm::cliName).toList();
    }

    /** The algorithm called {@code name} (kt, cambridge, antikt; also "ca" and "anti-kt"), case-insensitive. */
    public static JetAlgorithm fromName(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        for (JetAlgorithm a : values()) {
            if (a.cliName.equals(n)) {
                return a;
            }
        }
        return switch (n) {
            case "ca", "cam", "cambridge-aachen" -> CAMBRIDGE;
            case "anti-kt", "akt" -> ANTIKT;
            default -> throw new IllegalArgumentException("unknown jet algorithm '" + name + "': allowed "
                    + String.join(", ", cliNames()));
        };
    }
}
