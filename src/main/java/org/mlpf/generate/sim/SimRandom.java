package org.mlpf.generate.sim;

/**
 * A small reseedable random generator (SplitMix64) with the distributions the simulation needs. Reseeded per
 * event from {@link org.mlpf.generate.EventSeeds#substream}, so results depend only on the event seed; no
 * allocation after construction. Not thread-safe.
 */
public final class SimRandom {
    private long state;
    private double spare;
    private boolean hasSpare;

    /** Restarts the stream from {@code seed}. */
    public void reseed(long seed) {
        state = seed;
        hasSpare = false;
    }

    /** Next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** True with probability {@code p}. */
    public boolean bernoulli(double p) {
        return uniform() < p;
    }

    /** Standard normal (Marsaglia polar method, second value kept). */
    public double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /**
     * A log-normal value with the given mean and standard deviation (mean > 0): positive, mean-preserving
     * smearing as Delphes uses for calorimeter energies. Returns {@code mean} when {@code sigma} is 0.
     */
    public double logNormal(double mean, double sigma) {
        if (mean <= 0) {
            return 0;
        }
        if (sigma <= 0) {
            return mean;
        }
        double r = sigma / mean;
        double s2 = Math.log1p(r * r);
        return mean * Math.exp(Math.sqrt(s2) * gaussian() - 0.5 * s2);
    }

    /** Gamma-distributed value with the given shape and unit scale (Marsaglia-Tsang, boosted for shape < 1). */
    public double gamma(double shape) {
        if (shape < 1) {
            double u = uniform();
            return gamma(shape + 1) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = uniform();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Binomial(n, p) by counting successes; meant for small n (hit counts). */
    public int binomial(int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (uniform() < p) {
                k++;
            }
        }
        return k;
    }
}
