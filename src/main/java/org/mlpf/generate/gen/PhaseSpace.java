package org.mlpf.generate.gen;

import java.util.SplittableRandom;

/**
 * Unweighted n-body phase space in the rest frame of a decaying system (Raubold-Lynch / GENBOD construction:
 * ordered intermediate masses, accept-reject on the product of two-body momenta against its maximum). Momenta
 * are written as (px, py, pz, E) per daughter. Holds its scratch arrays: one instance per thread.
 */
final class PhaseSpace {
    /** Most daughters of any decay channel. */
    static final int MAX_BODIES = 6;

    private final double[] r = new double[MAX_BODIES];
    private final double[] inv = new double[MAX_BODIES];
    private final double[] pd = new double[MAX_BODIES];
    private final double[] dir = new double[3];

    /**
     * Isotropic two-body decay of mass {@code m} at rest into {@code m1}, {@code m2}: daughter 1 at
     * {@code out[0..3]}, daughter 2 at {@code out[4..7]}.
     */
    void twoBody(SplittableRandom rng, double m, double m1, double m2, double[] out) {
        double p = Lorentz.twoBodyMomentum(m, m1, m2);
        RandomVariates.isotropic(rng, dir, 0);
        double e1 = Math.sqrt(m1 * m1 + p * p);
        out[0] = p * dir[0];
        out[1] = p * dir[1];
        out[2] = p * dir[2];
        out[3] = e1;
        out[4] = -out[0];
        out[5] = -out[1];
        out[6] = -out[2];
        // Energy conservation exactly: the second energy is what is left of m.
        out[7] = m - e1;
    }

    /**
     * Flat n-body phase space ({@code 2 <= n <= MAX_BODIES}) of mass {@code m} at rest into {@code masses[0..n-1]};
     * requires m > sum of masses.
     */
    void nBody(SplittableRandom rng, double m, int n, double[] masses, double[] out) {
        if (n == 2) {
            twoBody(rng, m, masses[0], masses[1], out);
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += masses[i];
        }
        double t = m - sum;
        // Largest possible weight: each two-body momentum at its largest invariant-mass range.
        double emmax = t + masses[0];
        double emmin = 0;
        double wtmax = 1;
        for (int i = 1; i < n; i++) {
            emmin += masses[i - 1];
            emmax += masses[i];
            wtmax *= Lorentz.twoBodyMomentum(emmax, emmin, masses[i]);
        }
        while (true) {
            r[0] = 0;
            for (int i = 1; i < n - 1; i++) {
                double x = rng.nextDouble();
                int j = i;
                while (j > 1 && r[j - 1] > x) {
                    r[j] = r[j - 1];
                    j--;
                }
                r[j] = x;
            }
            r[n - 1] = 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += masses[i];
                inv[i] = r[i] * t + acc;
            }
            double wt = 1;
            for (int i = 1; i < n; i++) {
                pd[i - 1] = Lorentz.twoBodyMomentum(inv[i], inv[i - 1], masses[i]);
                wt *= pd[i - 1];
            }
            if (rng.nextDouble() * wtmax <= wt) {
                break;
            }
        }
        // Daughters 0 and 1 back to back in the rest frame of (0, 1); then add one daughter at a time.
        RandomVariates.isotropic(rng, dir, 0);
        set(out, 0, pd[0] * dir[0], pd[0] * dir[1], pd[0] * dir[2], masses[0]);
        set(out, 1, -pd[0] * dir[0], -pd[0] * dir[1], -pd[0] * dir[2], masses[1]);
        for (int i = 2; i < n; i++) {
            RandomVariates.isotropic(rng, dir, 0);
            double p = pd[i - 1];
            // The subsystem (0..i-1) of mass inv[i-1] recoils against daughter i in the rest frame of (0..i).
            double fx = -p * dir[0];
            double fy = -p * dir[1];
            double fz = -p * dir[2];
            double fe = Math.sqrt(p * p + inv[i - 1] * inv[i - 1]);
            for (int j = 0; j < i; j++) {
                Lorentz.boost(out, 4 * j, fx, fy, fz, fe, inv[i - 1]);
            }
            set(out, i, p * dir[0], p * dir[1], p * dir[2], masses[i]);
        }
    }

    private static void set(double[] out, int i, double px, double py, double pz, double m) {
        int o = 4 * i;
        out[o] = px;
        out[o + 1] = py;
        out[o + 2] = pz;
        out[o + 3] = Math.sqrt(m * m + px * px + py * py + pz * pz);
    }
}
