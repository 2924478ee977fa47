package org.mlpf.physics;

/** Small kinematics functions on primitive values (GeV, radians), allocation-free. */
public final class Kinematics {
    /** |eta| reported for a momentum along the beam axis. */
    public static final double MAX_ETA = 20;

    private Kinematics() {
    }

    /** Inverse hyperbolic sine, accurate for large and small arguments (Java 17 has no Math.asinh). */
    public static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** Pseudorapidity of (px, py, pz); +-{@link #MAX_ETA} along the beam. */
    public static double eta(double px, double py, double pz) {
        double pt = Math.hypot(px, py);
        if (pt == 0) {
            return pz >= 0 ? MAX_ETA : -MAX_ETA;
        }
        return Math.max(-MAX_ETA, Math.min(MAX_ETA, asinh(pz / pt)));
    }

    /** Azimuth in [-pi, pi]. */
    public static double phi(double px, double py) {
        return Math.atan2(py, px);
    }

    /** phi1 - phi2 wrapped to [-pi, pi). */
    public static double deltaPhi(double phi1, double phi2) {
        double d = phi1 - phi2;
        while (d >= Math.PI) {
            d -= 2 * Math.PI;
        }
        while (d < -Math.PI) {
            d += 2 * Math.PI;
        }
        return d;
    }

    /** Delta R in (eta, phi). */
    public static double deltaR(double eta1, double phi1, double eta2, double phi2) {
        return Math.hypot(eta1 - eta2, deltaPhi(phi1, phi2));
    }
}
