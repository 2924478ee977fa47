package org.mlpf.jets;

/**
 * FastJet 3.4's choice of clustering strategy ({@code ClusterSequence::_best_strategy}), as built without CGAL
 * (Debian's libfastjet): the transitions between strategies are fits of timings in N and R made by FastJet's
 * authors. Reproducing the choice matters only for exactly degenerate events, where each strategy breaks ties
 * its own way. Where FastJet would pick a strategy this library does not have (its N ln N Voronoi or
 * closest-pair strategies, which need more than a few hundred thousand particles at R = 0.4), the lazy 5x5
 * tiling is used: same jets, ties possibly broken differently.
 */
final class StrategyChoice {
    private StrategyChoice() {
    }

    /** c (a R^2 + b R + 1), evaluated in FastJet's order of operations. */
    private static double parabola(double a, double b, double c, double r) {
        return c * (a * r * r + b * r + 1);
    }

    private static double line(double a, double b, double r) {
        return a * r + b;
    }

    /** The strategy FastJet's {@code Best} resolves to for {@code n} particles. */
    static Strategy best(JetAlgorithm alg, double rParam, int n) {
        double r = Math.max(rParam, 0.1);
        if (n <= 30 || n <= 39.0 / (r + 0.6)) {
            return Strategy.N2_PLAIN;
        }
        Strategy s;
        if (r < 0.65) {
            double logN = Math.log(n);
            if (n < parabola(-45.4947, 54.3528, 44.6283, r)) {
                s = Strategy.N2_TILED;
            } else if (logN < parabola(0.677807, -1.05006, 10.6994, r)) {
                s = Strategy.N2_MIN_HEAP_TILED;
            } else {
                s = lazyOrLarger(alg, logN, r);
            }
        } else if (r < 0.5 * Math.PI) {
            double logN = Math.log(n);
            if (logN < line(-1.31304, 7.29621, r)) {
                s = Strategy.N2_TILED;
            } else {
                s = lazyOrLarger(alg, logN, r);
            }
        } else {
            if (n < 75) {
                s = Strategy.N2_PLAIN;
            } else {
                double toLazy25 = alg == JetAlgorithm.ANTIKT ? 700 : 1000;
                double toNlnN = switch (alg) {
                    case ANTIKT -> 100000;
                    case KT -> 40000;
                    case CAMBRIDGE -> 15000;
                };
                if (n < toLazy25) {
                    s = Strategy.N2_MHT_LAZY9;
                } else if (n < toNlnN) {
                    s = Strategy.N2_MHT_LAZY25;
                } else {
                    // FastJet: NlnN (replaced by N2MHTLazy25 without CGAL) or, for C/A, NlnNCam, which it
                    // replaces by N2MinHeapTiled when R >= 2 pi.
                    s = alg == JetAlgorithm.CAMBRIDGE && rParam >= PseudoJet.TWO_PI
                            ? Strategy.N2_MIN_HEAP_TILED : Strategy.N2_MHT_LAZY25;
                }
            }
        }
        return s;
    }

    /** The low- and medium-R choice between the lazy tilings (and FastJet's N ln N, replaced as documented). */
    private static Strategy lazyOrLarger(JetAlgorithm alg, double logN, double r) {
        double toLazy25 = alg == JetAlgorithm.ANTIKT
                ? parabola(0.169967, -0.512589, 12.1572, r) : parabola(0.16237, -0.484612, 12.3373, r);
        if (logN < toLazy25) {
            return Strategy.N2_MHT_LAZY9;
        }
        return Strategy.N2_MHT_LAZY25;
    }
}
