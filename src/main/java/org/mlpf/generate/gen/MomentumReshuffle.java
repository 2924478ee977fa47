package org.mlpf.generate.gen;

/**
 * Restores exact four-momentum conservation after fragmentation: the hadrons are boosted to their common rest
 * frame, their three-momenta scaled by one factor (found by Newton's method) so that their energies add up to the
 * target's invariant mass, and boosted to the target's frame. Directions in the rest frame are kept; the scale
 * factor is within a few per cent of 1 in practice.
 */
final class MomentumReshuffle {
    private static final int MAX_ITERATIONS = 60;
    private static final double TOLERANCE = 1e-14;

    private MomentumReshuffle() {
    }

    /**
     * Reshuffles particles [from, to) of {@code b} so that they add up to (tx, ty, tz, te). Returns the scale factor
     * of the rest-frame momenta, or -1 (leaving the particles unchanged or in their rest frame) if the target mass is
     * below the sum of their masses.
     */
    static double apply(ParticleBuffer b, int from, int to, double tx, double ty, double tz, double te) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        double se = 0;
        double sm = 0;
        for (int i = from; i < to; i++) {
            sx += b.px[i];
            sy += b.py[i];
            sz += b.pz[i];
            se += b.e[i];
            sm += b.m[i];
        }
        double target2 = te * te - tx * tx - ty * ty - tz * tz;
        double have2 = se * se - sx * sx - sy * sy - sz * sz;
        if (target2 <= sm * sm || have2 <= 0) {
            return -1;
        }
        double mt = Math.sqrt(target2);
        double mh = Math.sqrt(have2);
        for (int i = from; i < to; i++) {
            boost(b, i, -sx, -sy, -sz, se, mh);
        }
        double alpha = 1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double f = -mt;
            double df = 0;
            for (int i = from; i < to; i++) {
                double p2 = b.px[i] * b.px[i] + b.py[i] * b.py[i] + b.pz[i] * b.pz[i];
                double m = b.m[i];
                double e = Math.sqrt(m * m + alpha * alpha * p2);
                f += e;
                df += e > 0 ? alpha * p2 / e : 0;
            }
            if (df == 0) {
                break;
            }
            double step = f / df;
            alpha -= step;
            if (Math.abs(step) < TOLERANCE * alpha) {
                break;
            }
        }
        for (int i = from; i < to; i++) {
            b.px[i] *= alpha;
            b.py[i] *= alpha;
            b.pz[i] *= alpha;
            double m = b.m[i];
            b.e[i] = Math.sqrt(m * m + b.px[i] * b.px[i] + b.py[i] * b.py[i] + b.pz[i] * b.pz[i]);
            boost(b, i, tx, ty, tz, te, mt);
        }
        return alpha;
    }

    /** {@link Lorentz#boost} on particle i of the buffer. */
    private static void boost(ParticleBuffer b, int i, double fx, double fy, double fz, double fe, double fm) {
        double px = b.px[i];
        double py = b.py[i];
        double pz = b.pz[i];
        double e = b.e[i];
        double pdot = fx * px + fy * py + fz * pz;
        double k = (e + pdot / (fe + fm)) / fm;
        b.px[i] = px + k * fx;
        b.py[i] = py + k * fy;
        b.pz[i] = pz + k * fz;
        b.e[i] = (fe * e + pdot) / fm;
    }
}
