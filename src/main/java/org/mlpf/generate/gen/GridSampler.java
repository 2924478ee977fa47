package org.mlpf.generate.gen;

import java.util.SplittableRandom;

/**
 * Exact sampling of a two-dimensional density f(u, v) >= 0 on a box: at construction each cell of a regular grid
 * gets an upper bound (the largest value on a sub-grid of the cell times a safety factor); sampling picks a cell
 * in proportion to bound x area, a point uniformly in it, and accepts it with probability f / bound. Built once
 * per JVM (static tables); immutable afterwards, so safe to share between threads.
 */
final class GridSampler {
    /** Values sampled per cell edge when estimating a cell's bound. */
    private static final int SUB = 4;
    /** Safety factor on the sampled maximum of a cell (the densities here vary smoothly within a cell). */
    private static final double SAFETY = 1.3;

    /** A density in two variables. */
    interface Density {
        double value(double u, double v);
    }

    private final Density density;
    private final double u0;
    private final double du;
    private final int nu;
    private final double v0;
    private final double dv;
    private final double[] bound;
    private final double[] cumulative;

    GridSampler(Density density, double u0, double u1, int nu, double v0, double v1, int nv) {
        this.density = density;
        this.u0 = u0;
        this.du = (u1 - u0) / nu;
        this.nu = nu;
        this.v0 = v0;
        this.dv = (v1 - v0) / nv;
        bound = new double[nu * nv];
        cumulative = new double[nu * nv];
        double acc = 0;
        for (int j = 0; j < nv; j++) {
            for (int i = 0; i < nu; i++) {
                double max = 0;
                for (int a = 0; a <= SUB; a++) {
                    for (int b = 0; b <= SUB; b++) {
                        max = Math.max(max, density.value(u0 + (i + (double) a / SUB) * du,
                                v0 + (j + (double) b / SUB) * dv));
                    }
                }
                int c = j * nu + i;
                bound[c] = SAFETY * max;
                acc += bound[c];
                cumulative[c] = acc;
            }
        }
    }

    /** Draws (u, v) into {@code out[0]}, {@code out[1]}, and the density there into {@code out[2]}. */
    void sample(SplittableRandom rng, double[] out) {
        double total = cumulative[cumulative.length - 1];
        while (true) {
            double x = rng.nextDouble() * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > x) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            int i = lo % nu;
            int j = lo / nu;
            double u = u0 + (i + rng.nextDouble()) * du;
            double v = v0 + (j + rng.nextDouble()) * dv;
            double f = density.value(u, v);
            if (rng.nextDouble() * bound[lo] <= f) {
                out[0] = u;
                out[1] = v;
                out[2] = f;
                return;
            }
        }
    }

    /** Largest ratio f / bound over {@code n} random points: below 1 if the bounds hold (a test's check). */
    double maxBoundRatio(SplittableRandom rng, int n) {
        double worst = 0;
        for (int k = 0; k < n; k++) {
            int c = rng.nextInt(bound.length);
            if (bound[c] == 0) {
                continue;
            }
            double u = u0 + (c % nu + rng.nextDouble()) * du;
            double v = v0 + (c / nu + rng.nextDouble()) * dv;
            worst = Math.max(worst, density.value(u, v) / bound[c]);
        }
        return worst;
    }
}
