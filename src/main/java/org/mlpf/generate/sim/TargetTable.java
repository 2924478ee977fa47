package org.mlpf.generate.sim;

import java.util.Arrays;

import org.mlpf.schema.NtupleEvent;

/**
 * One target row per element, filled by the one-to-one rule of docs/simulation.md (Targets): every contribution (a
 * generator particle or a PF candidate) lands on one element; several contributions on one element are merged into
 * one target (4-vectors summed, class and charge of the most energetic contribution). Elements without
 * contributions stay class 0. Not thread-safe.
 */
final class TargetTable {
    private int size;
    private double[] px = new double[256];
    private double[] py = new double[256];
    private double[] pz = new double[256];
    private double[] e = new double[256];
    private double[] leadE = new double[256];
    private int[] cls = new int[256];
    private int[] charge = new int[256];
    private int[] count = new int[256];

    void reset(int numElements) {
        if (px.length < numElements) {
            int n = Math.max(numElements, px.length * 2);
            px = new double[n];
            py = new double[n];
            pz = new double[n];
            e = new double[n];
            leadE = new double[n];
            cls = new int[n];
            charge = new int[n];
            count = new int[n];
        }
        size = numElements;
        Arrays.fill(px, 0, numElements, 0);
        Arrays.fill(py, 0, numElements, 0);
        Arrays.fill(pz, 0, numElements, 0);
        Arrays.fill(e, 0, numElements, 0);
        Arrays.fill(leadE, 0, numElements, -1);
        Arrays.fill(cls, 0, numElements, 0);
        Arrays.fill(charge, 0, numElements, 0);
        Arrays.fill(count, 0, numElements, 0);
    }

    /** Adds a contribution of class {@code c} and charge {@code q} with 4-momentum (GeV) to element {@code elem}. */
    void add(int elem, int c, int q, double cpx, double cpy, double cpz, double ce) {
        px[elem] += cpx;
        py[elem] += cpy;
        pz[elem] += cpz;
        e[elem] += ce;
        count[elem]++;
        if (ce > leadE[elem]) {
            leadE[elem] = ce;
            cls[elem] = c;
            charge[elem] = q;
        }
    }

    /** Number of contributions on element {@code elem}. */
    int count(int elem) {
        return count[elem];
    }

    /** Number of elements that received more than one contribution. */
    int mergedElements() {
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (count[i] > 1) {
                m++;
            }
        }
        return m;
    }

    /** Writes the rows as {@code ygen} ({@code gen} true) or {@code ycand}. */
    void write(NtupleEvent out, boolean gen) {
        for (int i = 0; i < size; i++) {
            if (count[i] == 0) {
                continue;
            }
            double pt = Fast.hypot(px[i], py[i]);
            double eta = Fast.eta(px[i], py[i], pz[i]);
            float phi = (float) Math.atan2(py[i], px[i]);
            float energy = (float) Math.max(0, e[i]);
            if (Math.abs(eta) > TargetAssigner.MAX_TARGET_ETA) {
                // Merged forward particles whose transverse momenta nearly cancel: the summed direction is
                // meaningless. Keep energy and class, clip eta to the target acceptance, pT = E / cosh(eta).
                eta = Math.copySign(TargetAssigner.MAX_TARGET_ETA, eta);
                pt = energy / Math.cosh(eta);
            }
            if (gen) {
                out.setYgen(i, cls[i], charge[i], (float) pt, (float) eta, phi, energy);
            } else {
                out.setYcand(i, cls[i], charge[i], (float) pt, (float) eta, phi, energy);
            }
        }
    }
}
