package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * The reconstructed tracks of one event (Kalman-filter tracks and GSF electron tracks) in flat arrays: measured
 * parameters at the beam line, extrapolations to the ECAL and HCAL, hit counts, muon-chamber hits. Only
 * {@link #particle} is truth (for the target assignment); the baseline PF never reads it. Not thread-safe.
 */
final class Tracks {
    int size;
    /** True for GSF tracks, false for KF tracks. */
    boolean[] gsf = new boolean[256];
    /** Generator particle that made the track (truth, targets only). */
    int[] particle = new int[256];
    int[] charge = new int[256];
    double[] pt = new double[256];
    double[] eta = new double[256];
    double[] phi = new double[256];
    /** Momentum magnitude at the vertex (GSF: at the innermost state), GeV. */
    double[] p = new double[256];
    /** z at the beam line, cm. */
    double[] vz = new double[256];
    /** Extrapolation valid: the track reaches the ECAL surface. */
    boolean[] reachesEcal = new boolean[256];
    double[] etaEcal = new double[256];
    double[] phiEcal = new double[256];
    double[] etaHcal = new double[256];
    double[] phiHcal = new double[256];
    int[] hits = new int[256];
    int[] dtHits = new int[256];
    int[] cscHits = new int[256];
    /** The KF track of a GSF track and vice versa, or -1. */
    int[] twin = new int[256];
    /** GSF seed: 1 ECAL-driven, 2 tracker-driven; 0 for KF tracks. */
    int[] seed = new int[256];
    /** Element index in the event, or -1. */
    int[] elem = new int[256];

    void clear() {
        size = 0;
    }

    /** Appends a track with the given kind and truth particle and returns its index; fill the rest directly. */
    int add(boolean isGsf, int particleIndex) {
        if (size == pt.length) {
            grow(size * 2);
        }
        int t = size++;
        gsf[t] = isGsf;
        particle[t] = particleIndex;
        twin[t] = -1;
        seed[t] = 0;
        elem[t] = -1;
        dtHits[t] = 0;
        cscHits[t] = 0;
        reachesEcal[t] = false;
        etaEcal[t] = 0;
        phiEcal[t] = 0;
        etaHcal[t] = 0;
        phiHcal[t] = 0;
        return t;
    }

    /** Copies the measured parameters of track {@code from} into {@code to} (a GSF refit of a KF track). */
    void copyMeasurement(int from, int to) {
        charge[to] = charge[from];
        pt[to] = pt[from];
        eta[to] = eta[from];
        phi[to] = phi[from];
        p[to] = p[from];
        vz[to] = vz[from];
        reachesEcal[to] = reachesEcal[from];
        etaEcal[to] = etaEcal[from];
        phiEcal[to] = phiEcal[from];
        etaHcal[to] = etaHcal[from];
        phiHcal[to] = phiHcal[from];
        hits[to] = hits[from];
    }

    private void grow(int n) {
        gsf = Arrays.copyOf(gsf, n);
        particle = Arrays.copyOf(particle, n);
        charge = Arrays.copyOf(charge, n);
        pt = Arrays.copyOf(pt, n);
        eta = Arrays.copyOf(eta, n);
        phi = Arrays.copyOf(phi, n);
        p = Arrays.copyOf(p, n);
        vz = Arrays.copyOf(vz, n);
        reachesEcal = Arrays.copyOf(reachesEcal, n);
        etaEcal = Arrays.copyOf(etaEcal, n);
        phiEcal = Arrays.copyOf(phiEcal, n);
        etaHcal = Arrays.copyOf(etaHcal, n);
        phiHcal = Arrays.copyOf(phiHcal, n);
        hits = Arrays.copyOf(hits, n);
        dtHits = Arrays.copyOf(dtHits, n);
        cscHits = Arrays.copyOf(cscHits, n);
        twin = Arrays.copyOf(twin, n);
        seed = Arrays.copyOf(seed, n);
        elem = Arrays.copyOf(elem, n);
    }
}
