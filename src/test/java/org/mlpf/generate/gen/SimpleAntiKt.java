package org.mlpf.generate.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * A small anti-kt clustering (E-scheme, rapidity-azimuth distance) for the generator's tests: geometric
 * nearest-neighbour bookkeeping makes it O(N^2), fast enough for the few hundred particles of a hard scatter. Not the project's jet
 * code; only here to check that generated jets look like jets.
 */
final class SimpleAntiKt {
    /** A jet: four-momentum and the input indices of its constituents. */
    record Jet(double px, double py, double pz, double e, List<Integer> constituents) {
        double pt() {
            return Math.hypot(px, py);
        }

        double rapidity() {
            return 0.5 * Math.log((e + pz) / (e - pz));
        }

        double phi() {
            return Math.atan2(py, px);
        }
    }

    private SimpleAntiKt() {
    }

    /** Clusters the particles (px, py, pz, e arrays of length n) with radius r; returns jets above ptMin, by pT. */
    static List<Jet> cluster(double[] px, double[] py, double[] pz, double[] e, int n, double r, double ptMin) {
        double[] x = px.clone();
        double[] y = py.clone();
        double[] z = pz.clone();
        double[] en = e.clone();
        double[] rap = new double[n];
        double[] phi = new double[n];
        double[] inv = new double[n];
        boolean[] alive = new boolean[n];
        // Geometric nearest neighbour in (y, phi) and its Delta R^2: the smallest d_ij always pairs the harder
        // particle with its geometric nearest neighbour (FastJet's lemma), so O(N) candidates suffice.
        int[] nn = new int[n];
        double[] nnDr2 = new double[n];
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(new ArrayList<>(List.of(i)));
            alive[i] = true;
            geometry(i, x, y, z, en, rap, phi, inv);
        }
        for (int i = 0; i < n; i++) {
            nearest(i, n, alive, rap, phi, nn, nnDr2);
        }
        double r2 = r * r;
        List<Jet> jets = new ArrayList<>();
        int left = n;
        while (left > 0) {
            int best = -1;
            double dmin = Double.MAX_VALUE;
            boolean beam = false;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                if (inv[i] < dmin) {
                    dmin = inv[i];
                    best = i;
                    beam = true;
                }
                int k = nn[i];
                if (k >= 0) {
                    double d = Math.min(inv[i], inv[k]) * nnDr2[i] / r2;
                    if (d < dmin) {
                        dmin = d;
                        best = i;
                        beam = false;
                    }
                }
            }
            int j = beam ? -1 : nn[best];
            if (beam) {
                alive[best] = false;
                left--;
                if (Math.hypot(x[best], y[best]) >= ptMin) {
                    jets.add(new Jet(x[best], y[best], z[best], en[best], members.get(best)));
                }
            } else {
                x[best] += x[j];
                y[best] += y[j];
                z[best] += z[j];
                en[best] += en[j];
                members.get(best).addAll(members.get(j));
                alive[j] = false;
                left--;
                geometry(best, x, y, z, en, rap, phi, inv);
                nearest(best, n, alive, rap, phi, nn, nnDr2);
            }
            for (int i = 0; i < n; i++) {
                if (!alive[i] || i == best) {
                    continue;
                }
                if (nn[i] == best || nn[i] == j) {
                    nearest(i, n, alive, rap, phi, nn, nnDr2);
                } else if (alive[best]) {
                    double d = dr2(i, best, rap, phi);
                    if (d < nnDr2[i]) {
                        nnDr2[i] = d;
                        nn[i] = best;
                    }
                }
            }
        }
        jets.sort((a, b) -> Double.compare(b.pt(), a.pt()));
        return jets;
    }

    private static void geometry(int i, double[] x, double[] y, double[] z, double[] e, double[] rap, double[] phi,
                                 double[] inv) {
        double pt2 = x[i] * x[i] + y[i] * y[i];
        inv[i] = pt2 > 0 ? 1 / pt2 : 1e30;
        phi[i] = Math.atan2(y[i], x[i]);
        double ez = Math.max(e[i] - z[i], 1e-300);
        rap[i] = 0.5 * Math.log((e[i] + z[i]) / ez);
    }

    private static void nearest(int i, int n, boolean[] alive, double[] rap, double[] phi, int[] nn, double[] nnDr2) {
        nn[i] = -1;
        nnDr2[i] = Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            if (k != i && alive[k]) {
                double d = dr2(i, k, rap, phi);
                if (d < nnDr2[i]) {
                    nnDr2[i] = d;
                    nn[i] = k;
                }
            }
        }
    }

    private static double dr2(int i, int k, double[] rap, double[] phi) {
        double dphi = Math.abs(phi[i] - phi[k]);
        if (dphi > Math.PI) {
            dphi = 2 * Math.PI - dphi;
        }
        double dy = rap[i] - rap[k];
        return dy * dy + dphi * dphi;
    }
}
