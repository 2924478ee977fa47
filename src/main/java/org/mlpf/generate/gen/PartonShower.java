package org.mlpf.generate.gen;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.mlpf.generate.gen.GeneratorParameters.SHOWER_KT_MIN;

/**
 * A final-state parton shower ordered in emission angle (angular ordering = QCD colour coherence): q -> q g,
 * g -> g g and g -> q qbar (five flavours, c and b above their pair threshold), with the leading-order splitting
 * functions, one-loop alpha_s at the branching's relative transverse momentum kT = z (1 - z) E theta, the
 * cutoff kT > {@link GeneratorParameters#SHOWER_KT_MIN}, virtualities z (1 - z) E^2 theta^2 decreasing from
 * the hard scale down the cascade, and the dead cone theta > m/E of heavy quarks. The
 * Sudakov form factor is sampled with the veto algorithm. Branchings share the parent's energy exactly
 * (E_b = z E, E_c = (1 - z) E) and open at angles (1 - z) theta and z theta on either side of its direction;
 * the small violation of three-momentum conservation this leaves is removed, with that of fragmentation, by the
 * event's final momentum reshuffling. Partons are massless in the kinematics. One instance per thread.
 */
final class PartonShower {
    private static final double CF = 4.0 / 3;
    private static final double CA = 3;
    private static final double TR = 0.5;
    private static final int NF = 5;
    private static final double ALPHA_MAX = Pdfs.alphaS(SHOWER_KT_MIN);
    private static final double MASS_C = Species.mass(Species.CHARM);
    private static final double MASS_B = Species.mass(Species.BOTTOM);

    int size;
    int[] flavour = new int[256];
    double[] energy = new double[256];
    double[] nx = new double[256];
    double[] ny = new double[256];
    double[] nz = new double[256];
    private double[] thetaMax = new double[256];
    private double[] ktMax = new double[256];
    private double[] virtualityMax = new double[256];
    private boolean[] branched = new boolean[256];
    private final double[] cs = new double[2];
    private final double[] basis = new double[6];

    void clear() {
        size = 0;
    }

    /**
     * Adds a parton (flavour: quark id 1-5, antiquark negative, gluon 21) with energy (GeV), unit direction, the
     * largest opening angle of its first branching and the largest kT of its first branching (GeV).
     */
    int add(int flav, double e, double x, double y, double z, double maxAngle, double maxKt) {
        if (size == flavour.length) {
            grow();
        }
        int i = size++;
        flavour[i] = flav;
        energy[i] = e;
        nx[i] = x;
        ny[i] = y;
        nz[i] = z;
        thetaMax[i] = maxAngle;
        ktMax[i] = maxKt;
        virtualityMax[i] = maxKt * maxKt;
        branched[i] = false;
        return i;
    }

    /** True if parton {@code i} did not branch: it goes to fragmentation. */
    boolean isFinal(int i) {
        return !branched[i];
    }

    /** Showers every parton, including the daughters made on the way. */
    void evolve(SplittableRandom rng) {
        for (int i = 0; i < size; i++) {
            evolveOne(i, rng);
        }
    }

    private void evolveOne(int i, SplittableRandom rng) {
        double e = energy[i];
        int f = flavour[i];
        boolean gluon = f == Species.GLUON;
        int af = Math.abs(f);
        double deadCone = af == 4 ? MASS_C / e : af == 5 ? MASS_B / e : 0;
        double theta = thetaMax[i];
        double kmax = ktMax[i];
        double tmax = virtualityMax[i];
        while (true) {
            // z (1 - z) <= 1/4: no branching with kT > cutoff is possible below this angle.
            if (e * theta < 4 * SHOWER_KT_MIN) {
                return;
            }
            double zmin = SHOWER_KT_MIN / (e * theta);
            double logz = Math.log((1 - zmin) / zmin);
            // Overestimates of the z-integrated splitting functions: q -> qg: 2 CF / (1-z); g -> gg: CA (1/z +
            // 1/(1-z)); g -> qqbar: TR nf.
            double iGg = gluon ? 2 * CA * logz : 0;
            double iQq = gluon ? TR * NF * (1 - 2 * zmin) : 2 * CF * logz;
            double c = ALPHA_MAX / (2 * Math.PI) * (iGg + iQq);
            // Next angle from exp(-c ln(theta^2 / theta'^2)) = R.
            theta *= Math.exp(Math.log(RandomVariates.open(rng)) / (2 * c));
            if (e * theta < 4 * SHOWER_KT_MIN) {
                return;
            }
            boolean splitToQuarks = gluon && rng.nextDouble() * (iGg + iQq) < iQq;
            double z;
            double accept;
            int quark = 0;
            if (!gluon) {
                z = 1 - zmin * Math.exp(rng.nextDouble() * logz);
                accept = (1 + z * z) / 2;
            } else if (!splitToQuarks) {
                double w = zmin * Math.exp(rng.nextDouble() * logz);
                z = rng.nextBoolean() ? w : 1 - w;
                double pgg = z / (1 - z) + (1 - z) / z + z * (1 - z);
                accept = pgg / (1 / z + 1 / (1 - z));
            } else {
                z = zmin + (1 - 2 * zmin) * rng.nextDouble();
                accept = z * z + (1 - z) * (1 - z);
                quark = 1 + rng.nextInt(NF);
                double mq = quark == 4 ? MASS_C : quark == 5 ? MASS_B : 0;
                double pairMass2 = z * (1 - z) * e * e * theta * theta;
                if (pairMass2 < 4 * mq * mq) {
                    continue;
                }
            }
            double kt = z * (1 - z) * e * theta;
            // The branching's virtuality z (1 - z) E^2 theta^2 is the parent's mass^2: below the hard scale for a
            // first branching, below the mother's for later ones (else wide-angle soft gluons off fast partons
            // would add masses the event cannot pay for).
            double virtuality = kt * e * theta;
            if (kt < SHOWER_KT_MIN || kt > kmax || virtuality > tmax || theta < deadCone) {
                continue;
            }
            accept *= Pdfs.alphaS(kt) / ALPHA_MAX;
            if (rng.nextDouble() >= accept) {
                continue;
            }
            branch(i, z, theta, virtuality, gluon ? (splitToQuarks ? quark : Species.GLUON) : f, rng);
            return;
        }
    }

    /**
     * Replaces parton i by two daughters: b with energy fraction z (the quark of q -> qg, a gluon of g -> gg, the
     * quark of g -> q qbar) and c with 1 - z, opening angle theta.
     */
    private void branch(int i, double z, double theta, double virtuality, int bFlavour, SplittableRandom rng) {
        int f = flavour[i];
        int cFlavour;
        if (f != Species.GLUON) {
            cFlavour = Species.GLUON;
        } else if (bFlavour == Species.GLUON) {
            cFlavour = Species.GLUON;
        } else {
            cFlavour = -bFlavour;
        }
        double e = energy[i];
        double x = nx[i];
        double y = ny[i];
        double w = nz[i];
        Fragmentation.transverseBasis(x, y, w, basis);
        RandomVariates.azimuth(rng, cs, 0);
        double tx = cs[0] * basis[0] + cs[1] * basis[3];
        double ty = cs[0] * basis[1] + cs[1] * basis[4];
        double tz = cs[0] * basis[2] + cs[1] * basis[5];
        double thb = (1 - z) * theta;
        double thc = z * theta;
        double cb = Math.cos(thb);
        double sb = Math.sin(thb);
        double cc = Math.cos(thc);
        double sc = Math.sin(thc);
        branched[i] = true;
        int b = add(bFlavour, z * e, cb * x + sb * tx, cb * y + sb * ty, cb * w + sb * tz, theta, Double.MAX_VALUE);
        int c = add(cFlavour, (1 - z) * e, cc * x - sc * tx, cc * y - sc * ty, cc * w - sc * tz, theta,
                Double.MAX_VALUE);
        virtualityMax[b] = virtuality;
        virtualityMax[c] = virtuality;
    }

    private void grow() {
        int n = 2 * flavour.length;
        flavour = Arrays.copyOf(flavour, n);
        energy = Arrays.copyOf(energy, n);
        nx = Arrays.copyOf(nx, n);
        ny = Arrays.copyOf(ny, n);
        nz = Arrays.copyOf(nz, n);
        thetaMax = Arrays.copyOf(thetaMax, n);
        ktMax = Arrays.copyOf(ktMax, n);
        virtualityMax = Arrays.copyOf(virtualityMax, n);
        branched = Arrays.copyOf(branched, n);
    }
}
