package org.mlpf.jets;

/**
 * FastJet's N2Plain strategy: every jet keeps its nearest neighbour (NN) and distance; after each step only the
 * jets whose NN disappeared are rescanned, and all jets are compared with the new one. The smallest d_iJ is
 * found by a linear scan (first of equal values wins). The compact array of "brief jets" is kept dense by
 * moving the last entry into the freed slot, exactly as FastJet does, since that order decides ties.
 */
final class N2PlainClustering extends BriefJets {
    private final double[] diJ;

    N2PlainClustering(ClusterSequence cs) {
        super(cs);
        int n = cs.numParticles();
        diJ = new double[n];
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
