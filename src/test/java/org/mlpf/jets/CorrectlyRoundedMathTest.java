package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The correctly rounded atan2 against a 60-digit BigDecimal reference. */
class CorrectlyRoundedMathTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899863");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** atan(t) for 0 <= t <= 1 to about 60 digits: two argument halvings, then the Taylor series. */
    static BigDecimal atan(BigDecimal t) {
        int halvings = 0;
        while (t.compareTo(new BigDecimal("0.2")) > 0) {
            t = t.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(t.multiply(t, MC)).sqrt(MC)), MC);
            halvings++;
        }
        BigDecimal t2 = t.multiply(t, MC);
        BigDecimal power = t;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(70);
        for (int k = 0; power.abs().compareTo(eps) > 0; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = k % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
            power = power.multiply(t2, MC);
        }
        return sum.multiply(TWO.pow(halvings), MC);
    }

    /** atan2(y, x) to about 60 digits, rounded once to double (BigDecimal.doubleValue rounds correctly). */
    static double reference(double y, double x) {
        BigDecimal ax = new BigDecimal(Math.abs(x));
        BigDecimal ay = new BigDecimal(Math.abs(y));
        BigDecimal a = ay.compareTo(ax) <= 0 ? atan(ay.divide(ax, MC))
                : PI.divide(TWO, MC).subtract(atan(ax.divide(ay, MC)), MC);
        if (x < 0) {
            a = PI.subtract(a, MC);
        }
        return y < 0 ? -a.doubleValue() : a.doubleValue();
    }

    @Test
    void tableHoldsAtanOfKOver256AsDoubleDouble() {
        for (int k = 0; k <= 256; k += 1) {
            BigDecimal exact = atan(new BigDecimal(k).divide(BigDecimal.valueOf(256), MC));
            double hi = exact.doubleValue();
            double lo = exact.subtract(new BigDecimal(hi), MC).doubleValue();
            assertEquals(hi, CorrectlyRoundedMath.ATAN_TABLE[2 * k], 0, "hi " + k);
            assertEquals(lo, CorrectlyRoundedMath.ATAN_TABLE[2 * k + 1], 0, "lo " + k);
        }
    }

    @Test
    void correctlyRoundedOnRandomMomenta() {
        SplittableRandom rng = new SplittableRandom(42);
        int fdlibmDiffers = 0;
        for (int i = 0; i < 3000; i++) {
            double y = (rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextDouble(-4, 4));
            double x = (rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextDouble(-4, 4));
            if (i % 4 == 0) {
                x = y * rng.nextDouble(0.999, 1.001); // near the octant boundary
            } else if (i % 4 == 1) {
                y = x * rng.nextDouble(1e-6, 1e-2); // near the x axis
            }
            double want = reference(y, x);
            assertEquals(want, CorrectlyRoundedMath.atan2(y, x), 0, "atan2(" + y + ", " + x + ")");
            if (StrictMath.atan2(y, x) != want) {
                fdlibmDiffers++;
            }
        }
        // Documents why this class exists: fdlibm (Math.atan2) misses the last bit for a good fraction of inputs.
        assertTrue(fdlibmDiffers > 100, "fdlibm differs in " + fdlibmDiffers + " of 3000");
    }

    @Test
    void knownCasesWhereFdlibmIsOffByOneUlp() {
        // Found with 300-bit arithmetic (mpmath); glibc's atan2 returns these correctly rounded values.
        double[][] cases = {
            {0x1.f59251e5e73e9p-6, 0x1.1412fca39e94cp-3},
            {0x1.27c3cae02c88cp+0, -0x1.049169b4cf8p-1},
            {0x1.38d7f176ade4ep-2, 0x1.8f8c0ce764c0bp-3},
        };
        for (double[] c : cases) {
            assertEquals(reference(c[0], c[1]), CorrectlyRoundedMath.atan2(c[0], c[1]), 0);
        }
        assertNotEquals(reference(0x1.2fcp-3, 1.0), Double.NaN);
    }

    @Test
    void dekkersProductErrorIsExactLikeAFusedMultiplyAdd() {
        // The fallback for JVMs without a hardware fma must give the same (exact) error terms.
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double a = (rng.nextDouble() - 0.5) * Math.pow(2, rng.nextInt(-300, 300));
            double b = (rng.nextDouble() - 0.5) * Math.pow(2, rng.nextInt(-300, 300));
            double p = a * b;
            assertEquals(Math.fma(a, b, -p), CorrectlyRoundedMath.dekkerProdErr(a, b, p), 0, a + " * " + b);
        }
    }

    @Test
    void specialValuesFollowC99() {
        assertEquals(0.0, CorrectlyRoundedMath.atan2(0.0, 1.0), 0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(CorrectlyRoundedMath.atan2(-0.0, 1.0)));
        assertEquals(Math.PI, CorrectlyRoundedMath.atan2(0.0, -1.0), 0);
        assertEquals(-Math.PI, CorrectlyRoundedMath.atan2(-0.0, -1.0), 0);
        assertEquals(Math.PI, CorrectlyRoundedMath.atan2(0.0, -0.0), 0);
        assertEquals(0.0, CorrectlyRoundedMath.atan2(0.0, 0.0), 0);
        assertEquals(Math.PI / 2, CorrectlyRoundedMath.atan2(3.0, 0.0), 0);
        assertEquals(-Math.PI / 2, CorrectlyRoundedMath.atan2(-3.0, -0.0), 0);
        assertEquals(Math.PI / 4, CorrectlyRoundedMath.atan2(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), 0);
        assertTrue(Double.isNaN(CorrectlyRoundedMath.atan2(Double.NaN, 1.0)));
        assertEquals(Math.PI / 4, CorrectlyRoundedMath.atan2(1e300, 1e300), 0);
        assertEquals(1e-310 / 1.0, CorrectlyRoundedMath.atan2(1e-310, 1.0), 0);
        assertEquals(reference(1e-200, 3e-200), CorrectlyRoundedMath.atan2(1e-200, 3e-200), 0);
    }
}
