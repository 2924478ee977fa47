package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * One calorimeter layer's per-event state: cell energies in a flat array over {@link CaloGrid} cells, the list of
 * touched cells (so clearing costs only what was used), and the clusters. Clustering: seeds are cells above the
 * seed threshold that are local maxima; all seeds grow together over neighbouring cells above the cell threshold
 * (the topological growth), each cell joining the seed that reaches it first. A topological cluster holding several
 * seeds is thereby split among them, as CMS splits topo-clusters into PF clusters (otherwise the pileup-flooded HF
 * and HCAL endcaps become one cluster per side). Showers whose maxima are not both seeds (closer than about two
 * cells, or one below the seed threshold) still merge: such a cluster has more than one local maximum, which
 * {@code cluster_flags} bit 0 reports. Positions are energy-weighted cell centres (log-weighted in the ECAL). Not
 * thread-safe; allocation-free once the buffers have grown to an event's size.
 */
final class CaloLayer {
    /** Log-weighting offset for ECAL positions (CMS's W0). */
    static final double LOG_WEIGHT_W0 = 4.2;

    final CaloGrid grid;
    final float[] energy;
    final int[] clusterOf;
    private int[] touched = new int[1024];
    private int numTouched;

    // Clusters of the current event.
    int numClusters;
    double[] clEnergy = new double[64];
    double[] clEta = new double[64];
    double[] clPhi = new double[64];
    int[] clCells = new int[64];
    int[] clMaxima = new int[64];
    int[] clSeed = new int[64];
    /** Measured energy (raw sum plus the per-cluster noise term), GeV. */
    double[] clMeasured = new double[64];
    /** Calibrated energy, GeV. */
    double[] clCorr = new double[64];
    /** Index of the cluster's element in the event, or -1. */
    int[] clElem = new int[64];
    /** Member cells of cluster k: {@code members[clStart[k] .. clStart[k + 1])}. */
    int[] clStart = new int[65];
    int[] members = new int[1024];

    private long[] seedKeys = new long[256];
    private int[] queue = new int[1024];
    private int[] fill = new int[64];

    CaloLayer(CaloGrid grid) {
        this.grid = grid;
        energy = new float[grid.numCells()];
        clusterOf = new int[grid.numCells()];
        Arrays.fill(clusterOf, -1);
    }

    /** Zeroes the cells touched by the last event and forgets its clusters. */
    void clear() {
        for (int i = 0; i < numTouched; i++) {
            int c = touched[i];
            energy[c] = 0;
            clusterOf[c] = -1;
        }
        numTouched = 0;
        numClusters = 0;
    }

    /** Adds {@code e} GeV (> 0) to cell {@code c}. */
    void add(int c, double e) {
        // Deposits are positive, so an empty cell is one not touched yet.
        if (energy[c] == 0) {
            if (numTouched == touched.length) {
                touched = Arrays.copyOf(touched, touched.length * 2);
            }
            touched[numTouched++] = c;
        }
        energy[c] += (float) e;
    }

    int numTouched() {
        return numTouched;
    }

    /**
     * Builds the clusters.
     *
     * @param seedThreshold minimum seed-cell energy, GeV
     * @param cellThreshold minimum energy of a cell joining a cluster, GeV (> 0)
     * @param logWeights    position by log weights (ECAL) instead of linear energy weights
     */
    void cluster(double seedThreshold, double cellThreshold, boolean logWeights) {
        numClusters = 0;
        int numSeeds = 0;
        for (int i = 0; i < numTouched; i++) {
            int c = touched[i];
            float e = energy[c];
            if (e < seedThreshold || !isLocalMaximum(c, e)) {
                continue;
            }
            if (numSeeds == seedKeys.length) {
                seedKeys = Arrays.copyOf(seedKeys, numSeeds * 2);
            }
            // Most energetic first, ties by cell index: a deterministic order.
            seedKeys[numSeeds++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(e)) << 32) | c;
        }
        Arrays.sort(seedKeys, 0, numSeeds);
        // All seeds grow together, one ring of neighbours per round (a FIFO queue), so a cell between two showers
        // joins the nearer seed, ties going to the more energetic one.
        if (queue.length < numTouched) {
            queue = new int[Math.max(numTouched, queue.length * 2)];
        }
        int tail = 0;
        for (int q = 0; q < numSeeds; q++) {
            int seed = (int) (seedKeys[q] & 0xffffffffL);
            int k = newCluster(seed);
            clusterOf[seed] = k;
            queue[tail++] = seed;
        }
        for (int head = 0; head < tail; head++) {
            int c = queue[head];
            int k = clusterOf[c];
            for (int j = grid.neighbourStart(c), end = grid.neighbourStart(c + 1); j < end; j++) {
                int n = grid.neighbour(j);
                if (clusterOf[n] < 0 && energy[n] >= cellThreshold) {
                    clusterOf[n] = k;
                    queue[tail++] = n;
                }
            }
        }
        // Member lists by counting sort over the queue; sums, local maxima and positions.
        Arrays.fill(clCells, 0, numClusters, 0);
        for (int q = 0; q < tail; q++) {
            clCells[clusterOf[queue[q]]]++;
        }
        clStart[0] = 0;
        for (int k = 0; k < numClusters; k++) {
            clStart[k + 1] = clStart[k] + clCells[k];
            fill[k] = clStart[k];
            clEnergy[k] = 0;
            clMaxima[k] = 0;
        }
        if (members.length < tail) {
            members = new int[Math.max(tail, members.length * 2)];
        }
        for (int q = 0; q < tail; q++) {
            int c = queue[q];
            int k = clusterOf[c];
            members[fill[k]++] = c;
            clEnergy[k] += energy[c];
            if (isLocalMaximum(c, energy[c])) {
                clMaxima[k]++;
            }
        }
        for (int k = 0; k < numClusters; k++) {
            position(k, logWeights);
        }
    }

    private boolean isLocalMaximum(int c, float e) {
        for (int j = grid.neighbourStart(c), end = grid.neighbourStart(c + 1); j < end; j++) {
            int n = grid.neighbour(j);
            float en = energy[n];
            if (en > e || (en == e && n < c)) {
                return false;
            }
        }
        return true;
    }

    private int newCluster(int seed) {
        int k = numClusters++;
        if (k == clEnergy.length) {
            int n = k * 2;
            clEnergy = Arrays.copyOf(clEnergy, n);
            clEta = Arrays.copyOf(clEta, n);
            clPhi = Arrays.copyOf(clPhi, n);
            clCells = Arrays.copyOf(clCells, n);
            clMaxima = Arrays.copyOf(clMaxima, n);
            clSeed = Arrays.copyOf(clSeed, n);
            clMeasured = Arrays.copyOf(clMeasured, n);
            clCorr = Arrays.copyOf(clCorr, n);
            clElem = Arrays.copyOf(clElem, n);
            clStart = Arrays.copyOf(clStart, n + 1);
            fill = Arrays.copyOf(fill, n);
        }
        clSeed[k] = seed;
        clElem[k] = -1;
        return k;
    }

    private void position(int k, boolean logWeights) {
        double total = clEnergy[k];
        double phiSeed = grid.cellPhi(clSeed[k]);
        double sw = 0;
        double se = 0;
        double sp = 0;
        for (int pass = 0; pass < 2 && sw == 0; pass++) {
            boolean log = logWeights && pass == 0;
            for (int m = clStart[k]; m < clStart[k + 1]; m++) {
                int c = members[m];
                double e = energy[c];
                double w = log ? Math.max(0, LOG_WEIGHT_W0 + Math.log(e / total)) : e;
                if (w <= 0) {
                    continue;
                }
                sw += w;
                se += w * grid.cellEta(c);
                double dphi = grid.cellPhi(c) - phiSeed;
                if (dphi > Math.PI) {
                    dphi -= 2 * Math.PI;
                } else if (dphi < -Math.PI) {
                    dphi += 2 * Math.PI;
                }
                sp += w * dphi;
            }
        }
        if (sw == 0) {
            clEta[k] = grid.cellEta(clSeed[k]);
            clPhi[k] = phiSeed;
            return;
        }
        clEta[k] = se / sw;
        double phi = phiSeed + sp / sw;
        if (phi > Math.PI) {
            phi -= 2 * Math.PI;
        } else if (phi < -Math.PI) {
            phi += 2 * Math.PI;
        }
        clPhi[k] = phi;
    }

    /**
     * The cluster whose cells contain (eta, phi), else the most energetic cluster among the cell's neighbours when
     * {@code tolerance} is set, else -1: the "extrapolated position within the cluster's extent" link test.
     */
    int clusterAt(double eta, double phi, boolean tolerance) {
        int c = grid.cell(eta, phi);
        if (c < 0) {
            return -1;
        }
        int k = clusterOf[c];
        if (k >= 0 || !tolerance) {
            return k;
        }
        int best = -1;
        for (int j = grid.neighbourStart(c), end = grid.neighbourStart(c + 1); j < end; j++) {
            int kk = clusterOf[grid.neighbour(j)];
            if (kk >= 0 && (best < 0 || clEnergy[kk] > clEnergy[best])) {
                best = kk;
            }
        }
        return best;
    }
}
