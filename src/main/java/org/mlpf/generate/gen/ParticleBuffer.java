package org.mlpf.generate.gen;

import java.util.Arrays;

/**
 * A growable list of particles in primitive arrays (PDG id, four-momentum in GeV, mass in GeV): the hadrons of
 * fragmentation and of soft interactions before they are written to the event. Reused through {@link #clear()}.
 */
final class ParticleBuffer {
    int size;
    int[] pdg = new int[512];
    double[] px = new double[512];
    double[] py = new double[512];
    double[] pz = new double[512];
    double[] e = new double[512];
    double[] m = new double[512];

    void clear() {
        size = 0;
    }

    /** Appends a particle and returns its index. */
    int add(int id, double x, double y, double z, double energy, double mass) {
        if (size == pdg.length) {
            int n = 2 * size;
            pdg = Arrays.copyOf(pdg, n);
            px = Arrays.copyOf(px, n);
            py = Arrays.copyOf(py, n);
            pz = Arrays.copyOf(pz, n);
            e = Arrays.copyOf(e, n);
            m = Arrays.copyOf(m, n);
        }
        int i = size++;
        pdg[i] = id;
        px[i] = x;
        py[i] = y;
        pz[i] = z;
        e[i] = energy;
        m[i] = mass;
        return i;
    }
}
