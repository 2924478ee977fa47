package org.mlpf.generate.sim;

import java.util.Arrays;

/**
 * Bremsstrahlung points on the GSF tracks of one event: where along the track (trajectory point), the measured
 * momentum loss and its uncertainty, the tangent direction, and where a photon emitted along that tangent would
 * reach the ECAL. Not thread-safe.
 */
final class Brems {
    int size;
    /** The GSF track the point belongs to. */
    int[] track = new int[64];
    /** Trajectory point index, 1-based from the vertex. */
    int[] trajPoint = new int[64];
    /** Measured momentum loss, GeV (may be slightly negative after smearing). */
    double[] deltaP = new double[64];
    double[] sigmaDeltaP = new double[64];
    /** Tangent direction at the point. */
    double[] eta = new double[64];
    double[] phi = new double[64];
    boolean[] reachesEcal = new boolean[64];
    double[] etaEcal = new double[64];
    double[] phiEcal = new double[64];
    int[] elem = new int[64];

    void clear() {
        size = 0;
    }

    int add(int gsfTrack) {
        if (size == track.length) {
            int n = size * 2;
            track = Arrays.copyOf(track, n);
            trajPoint = Arrays.copyOf(trajPoint, n);
            deltaP = Arrays.copyOf(deltaP, n);
            sigmaDeltaP = Arrays.copyOf(sigmaDeltaP, n);
            eta = Arrays.copyOf(eta, n);
            phi = Arrays.copyOf(phi, n);
            reachesEcal = Arrays.copyOf(reachesEcal, n);
            etaEcal = Arrays.copyOf(etaEcal, n);
            phiEcal = Arrays.copyOf(phiEcal, n);
            elem = Arrays.copyOf(elem, n);
        }
        int b = size++;
        track[b] = gsfTrack;
        elem[b] = -1;
        return b;
    }
}
