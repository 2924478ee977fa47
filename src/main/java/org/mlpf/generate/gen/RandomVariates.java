package org.mlpf.generate.gen;

import java.util.SplittableRandom;

/**
 * Random variates drawn from a caller's {@link SplittableRandom}, allocation-free. No state is kept between calls
 * (no cached spare Gaussian), so an event depends on its own seed only.
 */
final class RandomVariates {
    /** Poisson variates are drawn in chunks of this mean (the multiplication method underflows beyond ~700). */
    private static final double POISSON_CHUNK = 50;
    private static final double EXP_MINUS_CHUNK = Math.exp(-POISSON_CHUNK);

    private RandomVariates() {
    }

    /** Uniform in (0, 1]: safe for logarithms. */
    static double open(SplittableRandom r) {
        return 1.0 - r.nextDouble();
    }

    /** Exponential with mean 1. */
    static double exponential(SplittableRandom r) {
        return -Math.log(open(r));
    }

    /**
     * Two independent standard normal variates (Marsaglia's polar method: one log, one sqrt, no trigonometry),
     * written to {@code out[off]} and {@code out[off + 1]}.
     */
    static void gaussianPair(SplittableRandom r, double[] out, int off) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * r.nextDouble() - 1;
            v2 = 2 * r.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        out[off] = v1 * f;
        out[off + 1] = v2 * f;
    }

    /** One standard normal variate. */
    static double gaussian(SplittableRandom r) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * r.nextDouble() - 1;
            v2 = 2 * r.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * A uniform azimuth as (cos phi, sin phi) in {@code out[off]}, {@code out[off + 1]}: a random point of the
     * unit disk and the double-angle formulas, which avoids sin, cos and sqrt.
     */
    static void azimuth(SplittableRandom r, double[] out, int off) {
        double a;
        double b;
        double s;
        do {
            a = 2 * r.nextDouble() - 1;
            b = 2 * r.nextDouble() - 1;
            s = a * a + b * b;
        } while (s >= 1 || s == 0);
        out[off] = (a * a - b * b) / s;
        out[off + 1] = 2 * a * b / s;
    }

    /** An isotropic unit vector in {@code out[off..off + 2]}. */
    static void isotropic(SplittableRandom r, double[] out, int off) {
        double c = 2 * r.nextDouble() - 1;
        double s = Math.sqrt(Math.max(0, 1 - c * c));
        azimuth(r, out, off);
        out[off] *= s;
        out[off + 1] *= s;
        out[off + 2] = c;
    }

    /**
     * A mass from a (non-relativistic) Breit-Wigner of pole {@code m0} and full width {@code width}, truncated to
     * [lo, hi] by inverting its cumulative distribution (exact, no rejection).
     */
    static double breitWigner(SplittableRandom r, double m0, double width, double lo, double hi) {
        double half = width / 2;
        double a = Math.atan((lo - m0) / half);
        double b = Math.atan((hi - m0) / half);
        double m = m0 + half * Math.tan(a + (b - a) * r.nextDouble());
        return Math.min(hi, Math.max(lo, m));
    }

    /** Gamma variate of shape {@code k > 0} and scale 1 (Marsaglia and Tsang 2000). */
    static double gamma(SplittableRandom r, double k) {
        if (k < 1) {
            // Boost: Gamma(k) = Gamma(k + 1) * U^(1/k).
            return gamma(r, k + 1) * Math.pow(open(r), 1 / k);
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(r);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = open(r);
            // Squeeze test first (the constant 0.0331 is Marsaglia and Tsang's), then the exact log test.
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Poisson variate (multiplication method, in chunks so that e^-mean never underflows). */
    static int poisson(SplittableRandom r, double mean) {
        int n = 0;
        double rest = mean;
        while (rest > POISSON_CHUNK) {
            n += poissonSmall(r, EXP_MINUS_CHUNK);
            rest -= POISSON_CHUNK;
        }
        return n + poissonSmall(r, Math.exp(-rest));
    }

    private static int poissonSmall(SplittableRandom r, double expMinusMean) {
        int k = -1;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > expMinusMean);
        return k;
    }

    /** Negative-binomial variate of the given mean and shape k, as a Poisson of Gamma-distributed mean. */
    static int negativeBinomial(SplittableRandom r, double mean, double k) {
        return poisson(r, mean * gamma(r, k) / k);
    }
}
