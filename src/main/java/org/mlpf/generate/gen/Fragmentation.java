package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import static org.mlpf.generate.gen.GeneratorParameters.FF_A;
import static org.mlpf.generate.gen.GeneratorParameters.FF_POWER;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_DIQUARK;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_ETA_FRACTION;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_SIGMA_KT;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_STRANGE;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_VECTOR_CHARM;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_VECTOR_LIGHT;
import static org.mlpf.generate.gen.GeneratorParameters.FRAG_W_MIN;
import static org.mlpf.generate.gen.GeneratorParameters.PETERSON_EPS_B;
import static org.mlpf.generate.gen.GeneratorParameters.PETERSON_EPS_C;

/**
 * Independent (Field-Feynman) fragmentation of a parton into primary hadrons along its direction. A quark starts
 * a chain: at each step a quark-antiquark pair (u : d : s = 1 : 1 : {@link GeneratorParameters#FRAG_STRANGE}) or,
 * with probability {@link GeneratorParameters#FRAG_DIQUARK}, a diquark pair pops out of the vacuum; the open
 * flavour and the popped antiflavour make a hadron (pseudoscalar or vector meson, octet baryon) that takes a
 * fraction z of the remaining light-cone momentum E + p_L (Field-Feynman f(z) = 1 - a + 3a(1 - z)^2; Peterson for
 * the first-rank charm or bottom hadron) and a transverse momentum that is the difference of the Gaussian kT of
 * its two constituents. The chain stops when E + p_L falls below {@link GeneratorParameters#FRAG_W_MIN}; the
 * energy it leaves, and the flavour of its last end, are lost (independent fragmentation conserves neither
 * exactly: the event's momentum reshuffling restores four-momentum). A hadron must move forward along the parton
 * axis (rapidity above {@link GeneratorParameters#FRAG_Y_MIN}): z is drawn from the fragmentation function
 * truncated to that range, and the chain ends when the remaining E + p_L cannot make one more hadron. A gluon
 * fragments like a random light quark or antiquark (JETSET's independent-fragmentation option): two chains per
 * gluon made soft gluons far too prolific. The shower cutoff and the chain parameters are tuned to LEP's mean
 * charged multiplicity (20.9 at the Z pole; 27.5 at 206 GeV). One instance per thread.
 */
final class Fragmentation {
    /** Spin-1 diquarks (uu, dd, ss) relative to spin-0 ones (ud, us, ds): Pythia-like suppression. */
    private static final double SAME_FLAVOUR_DIQUARK = 0.25;
    /** Lambda (rather than Sigma0) share of uds baryons. */
    private static final double LAMBDA_FRACTION = 2.0 / 3;
    /** A forced heavy hadron gets E + p_L just above mT (a hair forward, never backward by rounding). */
    private static final double AT_REST_MARGIN = 1e-9;
    /** Smallest z of the Peterson function (it vanishes at 0; a zero z would divide by zero). */
    private static final double Z_MIN = 1e-6;
    /** Points of the grid that finds the Peterson function's maximum. */
    private static final int PETERSON_GRID = 100_000;
    /** (wh / mT)^2 >= this: a hadron's rapidity along the parton axis is above FRAG_Y_MIN. */
    private static final double MIN_RAPIDITY_FACTOR = Math.exp(2 * GeneratorParameters.FRAG_Y_MIN);
    private static final double PETERSON_MAX_C = petersonMax(PETERSON_EPS_C);
    private static final double PETERSON_MAX_B = petersonMax(PETERSON_EPS_B);

    private final double[] basis = new double[6];
    private final double[] kt = new double[2];
    /** Out-parameter of {@link #pop}: the new open end's flavour code. */
    private int newOpen;

    /** Fragments a parton (quark 1-5, antiquark negative, gluon 21) of energy E (GeV) along a unit direction. */
    void fragment(int flavour, double e, double dx, double dy, double dz, ParticleBuffer out, SplittableRandom rng) {
        transverseBasis(dx, dy, dz, basis);
        if (flavour == Species.GLUON) {
            int q = lightQuark(rng);
            chain(rng.nextBoolean() ? q : -q, 2 * e, dx, dy, dz, out, rng);
        } else {
            chain(flavour, 2 * e, dx, dy, dz, out, rng);
        }
    }

    /**
     * One fragmentation chain from an open flavour (quark +1..+5, antiquark negative, diquark code 10a + b with
     * a >= b, anti-diquark negative) with light-cone momentum {@code w} = E + p_L (GeV).
     */
    private void chain(int open, double w, double dx, double dy, double dz, ParticleBuffer out,
                       SplittableRandom rng) {
        double kxPrev = 0;
        double kyPrev = 0;
        boolean first = true;
        while (true) {
            int a = Math.abs(open);
            boolean heavy = first && (a == 4 || a == 5);
            if (!heavy && w < FRAG_W_MIN) {
                return;
            }
            int hadron = pop(open, rng);
            RandomVariates.gaussianPair(rng, kt, 0);
            double kx = FRAG_SIGMA_KT * kt[0];
            double ky = FRAG_SIGMA_KT * kt[1];
            double hx = kxPrev - kx;
            double hy = kyPrev - ky;
            double m = Decayer.resonanceMass(hadron, rng);
            double mt2 = m * m + hx * hx + hy * hy;
            // The hadron needs E + p_L above mT e^FRAG_Y_MIN: the chain ends when even all of w is not enough;
            // otherwise z is drawn from the fragmentation function truncated to the allowed range.
            double whMin2 = mt2 * MIN_RAPIDITY_FACTOR;
            double wh;
            if (w * w <= whMin2) {
                if (!heavy) {
                    return;
                }
                // A heavy quark always makes its hadron; a soft one borrows energy from the event's reshuffling.
                wh = Math.sqrt(mt2) * (1 + AT_REST_MARGIN);
            } else {
                do {
                    double z = heavy ? peterson(rng, a == 5 ? PETERSON_EPS_B : PETERSON_EPS_C,
                            a == 5 ? PETERSON_MAX_B : PETERSON_MAX_C) : fieldFeynman(rng);
                    wh = z * w;
                } while (wh * wh <= whMin2);
            }
            double eh = 0.5 * (wh + mt2 / wh);
            double pl = 0.5 * (wh - mt2 / wh);
            out.add(hadron,
                    pl * dx + hx * basis[0] + hy * basis[3],
                    pl * dy + hx * basis[1] + hy * basis[4],
                    pl * dz + hx * basis[2] + hy * basis[5],
                    eh, m);
            w -= wh;
            kxPrev = kx;
            kyPrev = ky;
            open = newOpen;
            first = false;
            if (w <= 0) {
                return;
            }
        }
    }

    /** Pops a pair next to the open flavour, returns the hadron made and sets {@link #newOpen}. */
    private int pop(int open, SplittableRandom rng) {
        int a = Math.abs(open);
        if (a >= 10) {
            // A diquark end takes a quark (baryon); an anti-diquark end an antiquark (antibaryon).
            int q = lightQuark(rng);
            int b = baryon(q, a, rng);
            newOpen = open > 0 ? -q : q;
            return open > 0 ? b : -b;
        }
        if (rng.nextDouble() < FRAG_DIQUARK) {
            int d = diquark(rng);
            int b = baryon(a, d, rng);
            newOpen = open > 0 ? -d : d;
            return open > 0 ? b : -b;
        }
        int q = lightQuark(rng);
        if (open > 0) {
            newOpen = q;
            return meson(a, q, rng);
        }
        newOpen = -q;
        return meson(q, a, rng);
    }

    /** A light quark flavour: d (1), u (2) or s (3) in the ratio 1 : 1 : strangeness suppression. */
    private static int lightQuark(SplittableRandom rng) {
        double u = rng.nextDouble() * (2 + FRAG_STRANGE);
        return u < 1 ? 1 : u < 2 ? 2 : 3;
    }

    /** A diquark code 10a + b (a >= b), spin-1 same-flavour diquarks suppressed. */
    private static int diquark(SplittableRandom rng) {
        while (true) {
            int q1 = lightQuark(rng);
            int q2 = lightQuark(rng);
            if (q1 != q2 || rng.nextDouble() < SAME_FLAVOUR_DIQUARK) {
                return 10 * Math.max(q1, q2) + Math.min(q1, q2);
            }
        }
    }

    /** The meson of quark flavour {@code q} and antiquark flavour {@code qb} (flavours 1-5). */
    private static int meson(int q, int qb, SplittableRandom rng) {
        if (q == 5 || qb == 5) {
            // B mesons: b qbar is the antiparticle of the B (which has a bbar).
            int light = q == 5 ? qb : q;
            int b = light == 2 ? Species.BPLUS : light == 1 ? Species.B0 : Species.BS;
            return q == 5 ? -b : b;
        }
        if (q == 4 || qb == 4) {
            int light = q == 4 ? qb : q;
            boolean vector = light != 3 && rng.nextDouble() < FRAG_VECTOR_CHARM;
            int d = switch (light) {
                case 2 -> vector ? Species.DSTAR0 : Species.D0;
                case 1 -> vector ? Species.DSTAR_PLUS : Species.DPLUS;
                default -> Species.DS;
            };
            return q == 4 ? d : -d;
        }
        boolean vector = rng.nextDouble() < FRAG_VECTOR_LIGHT;
        int code = 10 * q + qb;
        return switch (code) {
            case 21 -> vector ? Species.RHO : Species.PION;
            case 12 -> vector ? -Species.RHO : -Species.PION;
            case 11, 22 -> vector ? (rng.nextBoolean() ? Species.RHO0 : Species.OMEGA)
                    : (rng.nextDouble() < FRAG_ETA_FRACTION ? Species.ETA : Species.PI0);
            case 23 -> vector ? Species.KSTAR : Species.KAON;
            case 32 -> vector ? -Species.KSTAR : -Species.KAON;
            case 13 -> vector ? Species.KSTAR0 : neutralKaon(rng);
            case 31 -> vector ? -Species.KSTAR0 : neutralKaon(rng);
            default -> vector ? Species.PHI : Species.ETA;
        };
    }

    private static int neutralKaon(SplittableRandom rng) {
        return rng.nextBoolean() ? Species.K0S : Species.K0L;
    }

    /**
     * The baryon of quark {@code q} and diquark {@code d} = 10a + b. Heavy quarks make Lambda_c / Lambda_b; uuu and
     * ddd (Delta++ / Delta-, not in the species table) become p and n.
     */
    private static int baryon(int q, int d, SplittableRandom rng) {
        if (q == 5) {
            return Species.LAMBDA_B;
        }
        if (q == 4) {
            return Species.LAMBDA_C;
        }
        int a = d / 10;
        int b = d % 10;
        int nu = (q == 2 ? 1 : 0) + (a == 2 ? 1 : 0) + (b == 2 ? 1 : 0);
        int ns = (q == 3 ? 1 : 0) + (a == 3 ? 1 : 0) + (b == 3 ? 1 : 0);
        int nd = 3 - nu - ns;
        return switch (ns) {
            case 0 -> nu >= 2 ? Species.PROTON : Species.NEUTRON;
            case 1 -> nu == 2 ? Species.SIGMA_PLUS : nd == 2 ? Species.SIGMA_MINUS
                    : (rng.nextDouble() < LAMBDA_FRACTION ? Species.LAMBDA : Species.SIGMA0);
            case 2 -> nu == 1 ? Species.XI0 : Species.XI_MINUS;
            default -> Species.OMEGA_MINUS;
        };
    }

    /** f(z) = (1 - a) + a (b + 1)(1 - z)^b: a uniform and a (1 - z)^b component (Field-Feynman: b = 2). */
    private static double fieldFeynman(SplittableRandom rng) {
        if (rng.nextDouble() < FF_A) {
            return 1 - Math.pow(RandomVariates.open(rng), 1 / (FF_POWER + 1));
        }
        return rng.nextDouble();
    }

    /** Peterson f(z) ~ z (1 - z)^2 / ((1 - z)^2 + eps z)^2, by rejection from a uniform z. */
    private static double peterson(SplittableRandom rng, double eps, double max) {
        while (true) {
            double z = rng.nextDouble();
            if (rng.nextDouble() * max <= petersonShape(z, eps)) {
                return Math.max(z, Z_MIN);
            }
        }
    }

    private static double petersonShape(double z, double eps) {
        double y = 1 - z;
        double d = y * y + eps * z;
        return d > 0 ? z * y * y / (d * d) : 0;
    }

    private static double petersonMax(double eps) {
        double max = 0;
        int n = PETERSON_GRID;
        for (int i = 1; i < n; i++) {
            max = Math.max(max, petersonShape((double) i / n, eps));
        }
        // The grid brackets the smooth maximum to better than 1%.
        return 1.05 * max;
    }

    /**
     * Two unit vectors perpendicular to the unit vector (x, y, z) and to each other, written as
     * {@code out[0..2]} and {@code out[3..5]}.
     */
    static void transverseBasis(double x, double y, double z, double[] out) {
        double ax;
        double ay;
        double az;
        // Cross with the coordinate axis least aligned with the vector, for a well-conditioned normal.
        if (Math.abs(z) < 0.9) {
            // e1 = n x z-hat, normalised.
            double r = Math.sqrt(x * x + y * y);
            ax = y / r;
            ay = -x / r;
            az = 0;
        } else {
            // e1 = n x x-hat, normalised.
            double r = Math.sqrt(y * y + z * z);
            ax = 0;
            ay = z / r;
            az = -y / r;
        }
        out[0] = ax;
        out[1] = ay;
        out[2] = az;
        out[3] = y * az - z * ay;
        out[4] = z * ax - x * az;
        out[5] = x * ay - y * ax;
    }
}
