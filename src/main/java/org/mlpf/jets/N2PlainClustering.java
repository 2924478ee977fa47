package org.mlpf.jets;

/**
 * FastJet's N2Plain strategy: every jet keeps its nearest neighbour (NN) and distance; after each step only the
 * jets whose NN disappeared are rescanned, and all jets are compared with the new one. The smallest d_iJ is
 * found by a linear scan (first of equal values wins). The compact array of "brief jets" is kept dense by
 * moving the last entry into the freed slot, exactly as FastJet does, since that order decides ties.
 */
final class N2PlainClustering {
    private static final int NONE = -1;

    private final ClusterSequence cs;
    private final double r2;
    private final double[] eta;
    private final double[] phi;
    private final double[] kt2;
    private final double[] nnDist;
    private final int[] nn;
    private final int[] jetIndex;
    private final double[] diJ;

    N2PlainClustering(ClusterSequence cs) {
        this.cs = cs;
        this.r2 = cs.r2;
        int n = cs.numParticles();
        eta = new double[n];
        phi = new double[n];
        kt2 = new double[n];
        nnDist = new double[n];
        nn = new int[n];
        jetIndex = new int[n];
        diJ = new double[n];
    }

    private void setJetInfo(int b, int k) {
        eta[b] = cs.rap[k];
        phi[b] = cs.phi[k];
        kt2[b] = cs.scale(k);
        jetIndex[b] = k;
        nnDist[b] = r2;
        nn[b] = NONE;
    }

    private double dist(int a, int b) {
        double dphi = Math.abs(phi[a] - phi[b]);
        double deta = eta[a] - eta[b];
        if (dphi > Math.PI) {
            dphi = PseudoJet.TWO_PI - dphi;
        }
        return dphi * dphi + deta * deta;
    }

    private double diJ(int b) {
        double k = kt2[b];
        int j = nn[b];
        if (j != NONE && kt2[j] < k) {
            k = kt2[j];
        }
        return nnDist[b] * k;
    }

    /** NN of b among [0, tail) without b, not updating the others. */
    private void setNnNoCross(int b, int tail) {
        double best = r2;
        int bestJ = NONE;
        for (int j = 0; j < b; j++) {
            double d = dist(b, j);
            if (d < best) {
                best = d;
                bestJ = j;
            }
        }
        for (int j = b + 1; j < tail; j++) {
            double d = dist(b, j);
            if (d < best) {
                best = d;
                bestJ = j;
            }
        }
        nn[b] = bestJ;
        nnDist[b] = best;
    }

    /** NN of b among [0, tail) (b not in it), updating the others' NN when b is closer. */
    private void setNnCrossCheck(int b, int tail) {
        double best = r2;
        int bestJ = NONE;
        for (int j = 0; j < tail; j++) {
            double d = dist(b, j);
            if (d < best) {
                best = d;
                bestJ = j;
            }
            if (d < nnDist[j]) {
                nnDist[j] = d;
                nn[j] = b;
            }
        }
        nn[b] = bestJ;
        nnDist[b] = best;
    }

    private void copy(int from, int to) {
        eta[to] = eta[from];
        phi[to] = phi[from];
        kt2[to] = kt2[from];
        nnDist[to] = nnDist[from];
        nn[to] = nn[from];
        jetIndex[to] = jetIndex[from];
    }

    void run() {
        int n = cs.numParticles();
        for (int i = 0; i < n; i++) {
            setJetInfo(i, i);
        }
        for (int a = 1; a < n; a++) {
            setNnCrossCheck(a, a);
        }
        for (int i = 0; i < n; i++) {
            diJ[i] = diJ(i);
        }
        int tail = n;
        while (tail != 0) {
            double diJMin = diJ[0];
            int minJet = 0;
            for (int i = 1; i < n; i++) {
                if (diJ[i] < diJMin) {
                    minJet = i;
                    diJMin = diJ[i];
                }
            }
            int a = minJet;
            int b = nn[a];
            diJMin *= cs.invR2;
            if (b != NONE) {
                // The higher slot goes away, the lower one receives the new jet (it stays inside the table).
                if (a < b) {
                    int t = a;
                    a = b;
                    b = t;
                }
                int k = cs.recombine(jetIndex[a], jetIndex[b], diJMin);
                setJetInfo(b, k);
            } else {
                cs.beam(jetIndex[a], diJMin);
            }
            tail--;
            n--;
            copy(tail, a);
            diJ[a] = diJ[tail];
            for (int i = 0; i < tail; i++) {
                // As in FastJet, after a beam step b is "none", so jets without a neighbour are rescanned too.
                if (nn[i] == a || nn[i] == b) {
                    setNnNoCross(i, tail);
                    diJ[i] = diJ(i);
                }
                if (b != NONE) {
                    double d = dist(i, b);
                    if (d < nnDist[i] && i != b) {
                        nnDist[i] = d;
                        nn[i] = b;
                        diJ[i] = diJ(i);
                    }
                    if (d < nnDist[b] && i != b) {
                        nnDist[b] = d;
                        nn[b] = i;
                    }
                }
                if (nn[i] == tail) {
                    nn[i] = a;
                }
            }
            if (b != NONE) {
                diJ[b] = diJ(b);
            }
        }
    }
}
