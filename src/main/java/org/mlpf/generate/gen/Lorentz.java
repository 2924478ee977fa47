package org.mlpf.generate.gen;

/**
 * Lorentz boosts on four-vectors stored as (px, py, pz, E) at an offset of a double array. The boost is given by
 * the four-momentum (E, P) and mass M of the moving frame rather than by a velocity, which keeps full precision
 * for ultra-relativistic frames (no 1 - beta^2 cancellation).
 */
final class Lorentz {
    private Lorentz() {
    }

    /**
     * Transforms {@code v[off..off+3]} from the rest frame of a system with four-momentum (fx, fy, fz, fe) and mass
     * {@code fm} to the frame where the system has that momentum.
     */
    static void boost(double[] v, int off, double fx, double fy, double fz, double fe, double fm) {
        double px = v[off];
        double py = v[off + 1];
        double pz = v[off + 2];
        double e = v[off + 3];
        double pdot = fx * px + fy * py + fz * pz;
        double k = (e + pdot / (fe + fm)) / fm;
        v[off] = px + k * fx;
        v[off + 1] = py + k * fy;
        v[off + 2] = pz + k * fz;
        v[off + 3] = (fe * e + pdot) / fm;
    }

    /** The inverse of {@link #boost}: from the frame where the system moves to its rest frame. */
    static void unboost(double[] v, int off, double fx, double fy, double fz, double fe, double fm) {
        boost(v, off, -fx, -fy, -fz, fe, fm);
    }

    /** Two-body decay momentum of a system of mass {@code m} into masses {@code m1}, {@code m2} (0 below threshold). */
    static double twoBodyMomentum(double m, double m1, double m2) {
        double a = (m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2));
        return a > 0 ? Math.sqrt(a) / (2 * m) : 0;
    }

    /** Minkowski product of two four-vectors (px, py, pz, E) at the given offsets. */
    static double dot(double[] a, int ia, double[] b, int ib) {
        return a[ia + 3] * b[ib + 3] - a[ia] * b[ib] - a[ia + 1] * b[ib + 1] - a[ia + 2] * b[ib + 2];
    }
}
