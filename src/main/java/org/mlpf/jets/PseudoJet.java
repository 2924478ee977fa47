package org.mlpf.jets;

import java.util.Locale;

/**
 * A four-momentum (px, py, pz, E in GeV) as FastJet's {@code PseudoJet}: an input particle or a jet. Rapidity
 * and azimuth follow FastJet's definitions to the last bit, because the clustering compares distances built
 * from them:
 *
 * <ul>
 *   <li>phi = atan2(py, px) shifted into [0, 2 pi); 0 when pt = 0.</li>
 *   <li>rap = 0.5 ln((pt^2 + max(m^2, 0)) / (E + |pz|)^2), negated when pz &gt; 0 (a form that stays accurate
 *       when E and pz are large). A particle with pt = 0 and E = |pz| (massless along the beam) gets
 *       +-({@link #MAX_RAP} + |pz|), so that different such particles keep different rapidities, as in
 *       FastJet.</li>
 * </ul>
 *
 * <p>{@link #userIndex()} is the index of the input particle (for inputs; -1 otherwise). A jet returned by a
 * {@link ClusterSequence} also knows its place in that sequence's history, which is how
 * {@link ClusterSequence#constituents} finds its constituents. Immutable.
 */
public final class PseudoJet {
    /** |rap| base value of a particle with pt = 0 and E = |pz| (FastJet's {@code MaxRap}). */
    public static final double MAX_RAP = 1e5;
    /** 2 pi as FastJet's {@code twopi}: the double nearest to it, which is exactly 2 x Math.PI. */
    static final double TWO_PI = 2 * Math.PI;

    private final double px;
    private final double py;
    private final double pz;
    private final double e;
    private final double pt2;
    private final double rap;
    private final double phi;
    private final int userIndex;
    private final int historyIndex;

    /** A four-momentum without user index. */
    public PseudoJet(double px, double py, double pz, double e) {
        this(px, py, pz, e, -1, -1);
    }

    PseudoJet(double px, double py, double pz, double e, int userIndex, int historyIndex) {
        this.px = px;
        this.py = py;
        this.pz = pz;
        this.e = e;
        this.pt2 = px * px + py * py;
        this.phi = phi02pi(px, py, pt2);
        this.rap = rapidity(pz, e, pt2);
        this.userIndex = userIndex;
        this.historyIndex = historyIndex;
    }

    /** This four-momentum with the given user index (e.g. the index of the input particle). */
    public PseudoJet withUserIndex(int index) {
        return new PseudoJet(px, py, pz, e, index, historyIndex);
    }

    /** A massless or massive four-momentum from pt (GeV), rapidity, azimuth (radians) and mass (GeV). */
    public static PseudoJet fromPtYPhiM(double pt, double y, double phi, double m) {
        double mt = Math.sqrt(m * m + pt * pt);
        return new PseudoJet(pt * Math.cos(phi), pt * Math.sin(phi), mt * Math.sinh(y), mt * Math.cosh(y));
    }

    public double px() {
        return px;
    }

    public double py() {
        return py;
    }

    public double pz() {
        return pz;
    }

    /** Energy, GeV. */
    public double e() {
        return e;
    }

    /** Squared transverse momentum px^2 + py^2, GeV^2. */
    public double pt2() {
        return pt2;
    }

    /** Transverse momentum, GeV. */
    public double pt() {
        return Math.sqrt(pt2);
    }

    /** Rapidity as defined in the class comment. */
    public double rap() {
        return rap;
    }

    /** Azimuth in [0, 2 pi). */
    public double phi() {
        return phi;
    }

    /** Azimuth in (-pi, pi]. */
    public double phiStd() {
        return phi > Math.PI ? phi - TWO_PI : phi;
    }

    /**
     * Pseudorapidity as FastJet computes it: -ln tan(theta/2), 0 for pz = 0 and {@link #MAX_RAP} (whatever the
     * sign of pz) for pt = 0.
     */
    public double eta() {
        if (px == 0.0 && py == 0.0) {
            return MAX_RAP;
        }
        if (pz == 0.0) {
            return 0.0;
        }
        double theta = Math.atan(Math.sqrt(pt2) / pz);
        if (theta < 0) {
            theta += Math.PI;
        }
        return -Math.log(Math.tan(theta / 2));
    }

    /** Squared mass (E + pz)(E - pz) - pt^2, GeV^2; may be slightly negative through rounding. */
    public double m2() {
        return (e + pz) * (e - pz) - pt2;
    }

    /** Mass, GeV; -sqrt(-m^2) for a negative m^2, as FastJet. */
    public double m() {
        double m2 = m2();
        return m2 < 0.0 ? -Math.sqrt(-m2) : Math.sqrt(m2);
    }

    /** Index of the input particle, or -1. */
    public int userIndex() {
        return userIndex;
    }

    /** Position of this jet in the history of the sequence that made it, or -1 for a plain four-momentum. */
    public int historyIndex() {
        return historyIndex;
    }

    /** The sum of two four-momenta (E-scheme recombination), without indices. */
    public PseudoJet plus(PseudoJet o) {
        return new PseudoJet(px + o.px, py + o.py, pz + o.pz, e + o.e);
    }

    /** FastJet's azimuth: atan2(py, px) in [0, 2 pi), 0 for pt2 == 0. */
    static double phi02pi(double px, double py, double pt2) {
        double phi = pt2 == 0.0 ? 0.0 : CorrectlyRoundedMath.atan2(py, px);
        if (phi < 0.0) {
            phi += TWO_PI;
        }
        if (phi >= TWO_PI) {
            phi -= TWO_PI;
        }
        return phi;
    }

    /** FastJet's rapidity (see the class comment), with pt2 = px^2 + py^2 computed by the caller. */
    static double rapidity(double pz, double e, double pt2) {
        if (e == Math.abs(pz) && pt2 == 0.0) {
            double maxRapHere = MAX_RAP + Math.abs(pz);
            return pz >= 0.0 ? maxRapHere : -maxRapHere;
        }
        double m2 = (e + pz) * (e - pz) - pt2;
        // Written as (0 < m2 ? m2 : 0) like std::max(0.0, m2), so that NaN and -0.0 give 0 as in FastJet.
        double effectiveM2 = 0.0 < m2 ? m2 : 0.0;
        double ePlusPz = e + Math.abs(pz);
        double rap = 0.5 * Math.log((pt2 + effectiveM2) / (ePlusPz * ePlusPz));
        return pz > 0 ? -rap : rap;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PseudoJet(px=%.10g, py=%.10g, pz=%.10g, E=%.10g, pt=%.10g, rap=%.10g, phi=%.10g)",
                px, py, pz, e, pt(), rap, phi);
    }
}
