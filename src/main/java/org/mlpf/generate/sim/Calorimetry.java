package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * The four calorimeter layers (ECAL, HCAL, HF long fibres = HF EM, HF short fibres = HF HAD) of one event and the
 * truth record of every deposit: which generator particle put how much energy into which cell. Showers are
 * spread laterally with a Gaussian profile integrated over the cells (separable in eta and phi), so energy is
 * shared with neighbouring cells as in a real shower. Not thread-safe.
 */
final class Calorimetry {
    static final int ECAL = 0;
    static final int HCAL = 1;
    static final int HFEM = 2;
    static final int HFHAD = 3;
    static final int NUM_LAYERS = 4;
    /**
     * Cells that would get less than this fraction of a shower, or less than {@link #MIN_CELL_ENERGY}, are skipped
     * and the rest renormalized: far below every clustering threshold, and a large saving in busy events.
     */
    static final double MIN_CELL_FRACTION = 0.002;
    static final double MIN_CELL_ENERGY = 0.005;

    final CaloLayer[] layers = {
        new CaloLayer(CaloGrid.ecal()), new CaloLayer(CaloGrid.hcal()),
        new CaloLayer(CaloGrid.hf()), new CaloLayer(CaloGrid.hf())
    };

    // Truth: one entry per (particle, cell) deposit, in the order deposited.
    int numDeps;
    int[] depCell = new int[4096];
    byte[] depLayer = new byte[4096];
    float[] depEnergy = new float[4096];
    int[] depParticle = new int[4096];

    private int[] scratchCell = new int[256];
    private double[] scratchFrac = new double[256];
    private double[] phiFrac = new double[64];

    /** Forgets the last event. */
    void clear() {
        for (CaloLayer l : layers) {
            l.clear();
        }
        numDeps = 0;
    }

    /**
     * Deposits {@code e} GeV of particle {@code particle} around (eta, phi) in {@code layer} with a lateral Gaussian
     * profile of width {@code sigmaCm} at a shower whose transverse distance from the beam is {@code rho} (the
     * profile's width in eta and in phi is sigmaCm / rho). The profile is integrated over +-2.5 sigma and
     * renormalized so that the whole energy stays in the layer. A negative {@code particle} records no truth (the
     * target assignment never looks at the deposits of particles that have a track).
     */
    void spread(int layer, double eta, double phi, double sigmaCm, double rho, double e, int particle) {
        if (e <= 0) {
            return;
        }
        CaloLayer l = layers[layer];
        CaloGrid g = l.grid;
        int k0 = g.ring(eta);
        if (k0 < 0) {
            return;
        }
        double sig = sigmaCm / Math.max(rho, 1.0);
        double half = CmsDetector.SHOWER_WINDOW_SIGMAS * sig;
        double minFraction = Math.max(MIN_CELL_FRACTION, MIN_CELL_ENERGY / e);
        int kmin = k0;
        while (kmin > 0 && g.contiguous(kmin - 1) && g.ringHi(kmin - 1) > eta - half) {
            kmin--;
        }
        int kmax = k0;
        while (g.contiguous(kmax) && g.ringLo(kmax + 1) < eta + half) {
            kmax++;
        }
        int n = 0;
        double total = 0;
        double t0 = phi + Math.PI;
        int cachedNphi = -1;
        int numPhi = 0;
        int jlo = 0;
        for (int k = kmin; k <= kmax; k++) {
            double lo = Math.max(g.ringLo(k), eta - half);
            double hi = Math.min(g.ringHi(k), eta + half);
            double fEta = normalCdf((hi - eta) / sig) - normalCdf((lo - eta) / sig);
            if (fEta <= 0) {
                continue;
            }
            int np = g.ringNphi(k);
            if (np != cachedNphi) {
                // Rings with the same phi granularity share the phi profile: compute it once.
                cachedNphi = np;
                double w = 2 * Math.PI / np;
                jlo = (int) Math.floor((t0 - half) / w);
                int jhi = (int) Math.floor((t0 + half) / w);
                if (jhi - jlo + 1 > np) {
                    jhi = jlo + np - 1;
                }
                numPhi = jhi - jlo + 1;
                if (phiFrac.length < numPhi) {
                    phiFrac = new double[Math.max(numPhi, 2 * phiFrac.length)];
                }
                double prev = normalCdf(-half / sig);
                for (int j = jlo; j <= jhi; j++) {
                    double cur = normalCdf(Math.min((j + 1) * w - t0, half) / sig);
                    phiFrac[j - jlo] = cur - prev;
                    prev = cur;
                }
            }
            for (int q = 0; q < numPhi; q++) {
                double f = fEta * phiFrac[q];
                if (f < minFraction) {
                    continue;
                }
                if (n == scratchCell.length) {
                    scratchCell = Arrays.copyOf(scratchCell, n * 2);
                    scratchFrac = Arrays.copyOf(scratchFrac, n * 2);
                }
                // The window is narrower than a ring, so one wrap suffices (no integer division here).
                int j = jlo + q;
                if (j < 0) {
                    j += np;
                } else if (j >= np) {
                    j -= np;
                }
                scratchCell[n] = g.ringOffset(k) + j;
                scratchFrac[n] = f;
                total += f;
                n++;
            }
        }
        if (total <= 0) {
            // Too soft to share: the whole deposit goes to the impact cell.
            point(layer, eta, phi, e, particle);
            return;
        }
        double scale = e / total;
        for (int i = 0; i < n; i++) {
            double ei = scratchFrac[i] * scale;
            l.add(scratchCell[i], ei);
            if (particle >= 0) {
                record(layer, scratchCell[i], ei, particle);
            }
        }
    }

    /** Deposits {@code e} GeV into a single cell (used for MIP tracks), with its truth entry. */
    void point(int layer, double eta, double phi, double e, int particle) {
        if (e <= 0) {
            return;
        }
        int c = layers[layer].grid.cell(eta, phi);
        if (c >= 0) {
            layers[layer].add(c, e);
            if (particle >= 0) {
                record(layer, c, e, particle);
            }
        }
    }

    private void record(int layer, int cell, double e, int particle) {
        if (numDeps == depCell.length) {
            int m = numDeps * 2;
            depCell = Arrays.copyOf(depCell, m);
            depLayer = Arrays.copyOf(depLayer, m);
            depEnergy = Arrays.copyOf(depEnergy, m);
            depParticle = Arrays.copyOf(depParticle, m);
        }
        depCell[numDeps] = cell;
        depLayer[numDeps] = (byte) layer;
        depEnergy[numDeps] = (float) e;
        depParticle[numDeps] = particle;
        numDeps++;
    }

    /** Standard normal CDF from erf (Abramowitz-Stegun 7.1.26, absolute error below 1.5e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
