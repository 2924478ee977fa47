package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * ECAL superclusters of one event: a seed cluster above a transverse-energy threshold gathers the ECAL clusters in
 * a narrow eta window and a wide phi window around it (the electron's brem photons spread along phi in the
 * field), most energetic seeds first, each cluster in at most one supercluster. Not thread-safe.
 */
final class SuperClusters {
    /** Seed cluster minimum transverse energy, GeV (CMS's mustache superclusters use 1 GeV). */
    static final double SEED_MIN_ET = 1.0;
    /** Gathering window around the seed: |delta eta| and |delta phi|. */
    static final double WINDOW_ETA = 0.05;
    static final double WINDOW_PHI = 0.4;

    int size;
    int[] seedCluster = new int[64];
    double[] energy = new double[64];
    double[] corrEnergy = new double[64];
    double[] eta = new double[64];
    double[] phi = new double[64];
    int[] cells = new int[64];
    /** Local maxima summed over the member clusters. */
    int[] maxima = new int[64];
    int[] elem = new int[64];
    /** Supercluster of each ECAL cluster, or -1. */
    int[] ofCluster = new int[256];

    void clear() {
        size = 0;
    }

    /** Builds the superclusters from the clustered ECAL layer (clusters are ordered by falling seed energy). */
    void build(CaloLayer ecal) {
        size = 0;
        int n = ecal.numClusters;
        if (ofCluster.length < n) {
            ofCluster = new int[Math.max(n, ofCluster.length * 2)];
        }
        Arrays.fill(ofCluster, 0, n, -1);
        for (int k = 0; k < n; k++) {
            if (ofCluster[k] >= 0 || ecal.clMeasured[k] / Math.cosh(ecal.clEta[k]) < SEED_MIN_ET) {
                continue;
            }
            int s = add(k);
            double seedEta = ecal.clEta[k];
            double seedPhi = ecal.clPhi[k];
            double se = 0;
            double sc = 0;
            double seta = 0;
            double sphi = 0;
            int cells = 0;
            int max = 0;
            for (int j = 0; j < n; j++) {
                if (ofCluster[j] >= 0 || Math.abs(ecal.clEta[j] - seedEta) > WINDOW_ETA) {
                    continue;
                }
                double dphi = org.mlpf.physics.Kinematics.deltaPhi(ecal.clPhi[j], seedPhi);
                if (Math.abs(dphi) > WINDOW_PHI) {
                    continue;
                }
                ofCluster[j] = s;
                double e = ecal.clMeasured[j];
                se += e;
                sc += ecal.clCorr[j];
                seta += e * ecal.clEta[j];
                sphi += e * dphi;
                cells += ecal.clCells[j];
                max += ecal.clMaxima[j];
            }
            energy[s] = se;
            corrEnergy[s] = sc;
            eta[s] = se > 0 ? seta / se : seedEta;
            phi[s] = se > 0 ? org.mlpf.physics.Kinematics.deltaPhi(seedPhi + sphi / se, 0) : seedPhi;
            this.cells[s] = cells;
            maxima[s] = max;
        }
    }

    private int add(int seed) {
        if (size == seedCluster.length) {
            int m = size * 2;
            seedCluster = Arrays.copyOf(seedCluster, m);
            energy = Arrays.copyOf(energy, m);
            corrEnergy = Arrays.copyOf(corrEnergy, m);
            eta = Arrays.copyOf(eta, m);
            phi = Arrays.copyOf(phi, m);
            cells = Arrays.copyOf(cells, m);
            maxima = Arrays.copyOf(maxima, m);
            elem = Arrays.copyOf(elem, m);
        }
        int s = size++;
        seedCluster[s] = seed;
        elem[s] = -1;
        return s;
    }
}
