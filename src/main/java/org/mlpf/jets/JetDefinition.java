package org.mlpf.jets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * What to cluster with: the algorithm, the radius R, the recombination scheme and the strategy, as FastJet's
 * {@code JetDefinition}. {@link #description()} reads like FastJet's, e.g. "Longitudinally invariant anti-kt
 * algorithm with R = 0.4 and E scheme recombination".
 *
 * @param algorithm the distance measure
 * @param r         the radius parameter R (in units of Delta R in rapidity-azimuth), finite and &gt; 0
 * @param scheme    how two four-momenta combine
 * @param strategy  how the clustering is organised; the jets do not depend on it
 */
public record JetDefinition(JetAlgorithm algorithm, double r, RecombinationScheme scheme, Strategy strategy) {
    public JetDefinition {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(strategy, "strategy");
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("jet radius R must be finite and > 0, got " + r);
        }
    }

    /** {@code algorithm} with radius {@code r}, E-scheme recombination and FastJet's best strategy. */
    public JetDefinition(JetAlgorithm algorithm, double r) {
        this(algorithm, r, RecombinationScheme.E_SCHEME, Strategy.BEST);
    }

    /** Anti-kt with radius {@code r}, E scheme, best strategy: the usual LHC jet definition. */
    public static JetDefinition antiKt(double r) {
        return new JetDefinition(JetAlgorithm.ANTIKT, r);
    }

    /** The same definition with another strategy (same jets; for tests and benchmarks). */
    public JetDefinition withStrategy(Strategy s) {
        return new JetDefinition(algorithm, r, scheme, s);
    }

    /** FastJet's human-readable description, R printed like C++'s default stream format (6 significant digits). */
    public String description() {
        return algorithm.description() + " with R = " + cppDefaultFormat(r) + " and " + scheme.description();
    }

    /** A number as {@code std::ostream << double} prints it by default (like printf's %g: 6 significant digits). */
    static String cppDefaultFormat(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -5 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return description();
    }
}
