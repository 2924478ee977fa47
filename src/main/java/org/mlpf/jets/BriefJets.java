package org.mlpf.jets;

/**
 * The state every pairwise clustering strategy keeps per live jet, FastJet's "brief jet": rapidity, phi, the
 * momentum scale of the algorithm (kt2 = pt^(2p)), the nearest neighbour within R and its squared distance, and
 * the index of the jet in the {@link ClusterSequence}. Arrays indexed by the strategy's own slot numbers.
 */
abstract class BriefJets {
    static final int NONE = -1;

    final ClusterSequence cs;
    /** R squared: the nearest-neighbour distance of a jet with no neighbour within R. */
    final double r2;
    final double[] eta;
    final double[] phi;
    final double[] kt2;
    final double[] nnDist;
    final int[] nn;
    final int[] jetIndex;

    BriefJets(ClusterSequence cs) {
        this.cs = cs;
        this.r2 = cs.r2;
        int n = cs.numParticles();
        eta = new double[n];
        phi = new double[n];
        kt2 = new double[n];
        nnDist = new double[n];
        nn = new int[n];
        jetIndex = new int[n];
    }

    /** Slot b becomes jet k of the sequence, with no nearest neighbour yet. */
    void setJetInfo(int b, int k) {
        eta[b] = cs.rap[k];
        phi[b] = cs.phi[k];
        kt2[b] = cs.scale(k);
        jetIndex[b] = k;
        nnDist[b] = r2;
        nn[b] = NONE;
    }

    /** Squared (rapidity, phi) distance of slots a and b, phi periodic. */
    final double dist(int a, int b) {
        double dphi = Math.abs(phi[a] - phi[b]);
        double deta = eta[a] - eta[b];
        if (dphi > Math.PI) {
            dphi = PseudoJet.TWO_PI - dphi;
        }
        return dphi * dphi + deta * deta;
    }

    /** d_iJ of slot b with its nearest neighbour (R^2 times its scale if it has none). */
    final double diJ(int b) {
        double k = kt2[b];
        int j = nn[b];
        if (j != NONE && kt2[j] < k) {
            k = kt2[j];
        }
        return nnDist[b] * k;
    }
}
