package org.mlpf.jets;

/**
 * The naive algorithm, FastJet's N3Dumb: at every step compute all beam and pair distances of the remaining jets
 * and act on the smallest (first found wins ties). O(N^3); the reference the fast strategies are tested
 * against. Note that it compares d_iB = s_i with d_ij = min(s_i, s_j) Delta R^2 / R^2, while the other
 * strategies compare both multiplied by R^2, so in exact ties the two may round differently, as in FastJet.
 */
final class DumbN3Clustering {
    private final ClusterSequence cs;

    DumbN3Clustering(ClusterSequence cs) {
        this.cs = cs;
    }

    private double plainDistance(int a, int b) {
        double dphi = Math.abs(cs.phi[a] - cs.phi[b]);
        if (dphi > Math.PI) {
            dphi = PseudoJet.TWO_PI - dphi;
        }
        double drap = cs.rap[a] - cs.rap[b];
        return dphi * dphi + drap * drap;
    }

    void run() {
        int total = cs.numParticles();
        int[] jets = new int[total];
        for (int i = 0; i < total; i++) {
            jets[i] = i;
        }
        for (int n = total; n > 0; n--) {
            double ymin = cs.scale(jets[0]);
            int ii = 0;
            int jj = -2;
            for (int i = 0; i < n; i++) {
                double yiB = cs.scale(jets[i]);
                if (yiB < ymin) {
                    ymin = yiB;
                    ii = i;
                    jj = -2;
                }
            }
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    double y = Math.min(cs.scale(jets[i]), cs.scale(jets[j])) * plainDistance(jets[i], jets[j])
                            * cs.invR2;
                    if (y < ymin) {
                        ymin = y;
                        ii = i;
                        jj = j;
                    }
                }
            }
            if (jj >= 0) {
                int k = cs.recombine(jets[ii], jets[jj], ymin);
                jets[ii] = k;
                jets[jj] = jets[n - 1];
            } else {
                cs.beam(jets[ii], ymin);
                jets[ii] = jets[n - 1];
            }
        }
    }
}
