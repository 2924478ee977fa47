package org.mlpf.jets;

/**
 * The rapidity range worth tiling, as FastJet's {@code TilingExtent}: particles are counted in unit rapidity bins
 * from -20 to 20 (the outer bins collecting overflows), and the range is cut where the cumulated count from
 * either end reaches a quarter of the busiest bin (at least 4 particles), so that sparse forward tails share one
 * edge tile instead of spreading over many empty ones. Particles with infinite rapidity (pt = 0, E = |pz|) are
 * ignored.
 */
final class TilingExtent {
    private static final int NRAP = 20;

    final double minRap;
    final double maxRap;

    TilingExtent(ClusterSequence cs, int n) {
        int nbins = 2 * NRAP;
        double[] counts = new double[nbins];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (cs.inputE(i) == Math.abs(cs.inputPz(i))) {
                continue;
            }
            double rap = cs.inputRap(i);
            if (rap < min) {
                min = rap;
            }
            if (rap > max) {
                max = rap;
            }
            int ibin = (int) (rap + NRAP);
            if (ibin < 0) {
                ibin = 0;
            }
            if (ibin >= nbins) {
                ibin = nbins - 1;
            }
            counts[ibin]++;
        }
        double maxInBin = 0;
        for (int ibin = 0; ibin < nbins; ibin++) {
            if (maxInBin < counts[ibin]) {
                maxInBin = counts[ibin];
            }
        }
        double allowedMaxCumul = Math.floor(Math.max(maxInBin * 0.25, 4));
        if (allowedMaxCumul > maxInBin) {
            allowedMaxCumul = maxInBin;
        }
        double cumulLo = 0;
        for (int ibin = 0; ibin < nbins; ibin++) {
            cumulLo += counts[ibin];
            if (cumulLo >= allowedMaxCumul) {
                double y = ibin - NRAP;
                if (y > min) {
                    min = y;
                }
                break;
            }
        }
        double cumulHi = 0;
        for (int ibin = nbins - 1; ibin >= 0; ibin--) {
            cumulHi += counts[ibin];
            if (cumulHi >= allowedMaxCumul) {
                double y = ibin - NRAP + 1;
                if (y < max) {
                    max = y;
                }
                break;
            }
        }
        this.minRap = min;
        this.maxRap = max;
    }

    /** True if at least one of the first n inputs has a finite rapidity (is not massless along the beam). */
    static boolean hasFiniteRapidity(ClusterSequence cs, int n) {
        for (int i = 0; i < n; i++) {
            if (cs.inputE(i) != Math.abs(cs.inputPz(i))) {
                return true;
            }
        }
        return false;
    }
}
