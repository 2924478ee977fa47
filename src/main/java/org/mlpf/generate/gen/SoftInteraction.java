package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import static org.mlpf.generate.gen.GeneratorParameters.SOFT_NBD_K;
import static org.mlpf.generate.gen.GeneratorParameters.SOFT_TSALLIS_N;
import static org.mlpf.generate.gen.GeneratorParameters.SOFT_TSALLIS_T_BARYON;
import static org.mlpf.generate.gen.GeneratorParameters.SOFT_TSALLIS_T_KAON;
import static org.mlpf.generate.gen.GeneratorParameters.SOFT_TSALLIS_T_PION;
import static org.mlpf.generate.gen.GeneratorParameters.SOFT_Y_MAX;

/**
 * The soft particles of one inelastic pp interaction (a pileup vertex, or the underlying event of the hard
 * scatter): a negative-binomial number of primary hadrons, flat in rapidity within |y| < {@link
 * GeneratorParameters#SOFT_Y_MAX}, with Tsallis pT spectra whose temperature grows with the hadron mass (mean pT
 * ~0.45 GeV for pions, ~0.7 for kaons, ~0.85 for baryons) and the species mix of LHC minimum-bias yields (ALICE,
 * CMS at 7-13 TeV): per unit rapidity ~5 charged pions, 0.65 charged kaons, 0.3 (anti)protons, 2.5 pi0, 0.25 eta,
 * 0.33 each of K0S and K0L, 0.3 (anti)neutrons, 0.16 (anti)Lambdas. Charges and baryon numbers alternate in sign,
 * so the interaction is neutral to one unit (the beam remnants' charge escapes along the beam pipe).
 */
final class SoftInteraction {
    /** Species made directly (positive ids; charged and baryonic ones alternate with their antiparticles). */
    private static final int[] SPECIES = {Species.PION, Species.PI0, Species.KAON, Species.PROTON, Species.ETA,
            Species.K0S, Species.K0L, Species.NEUTRON, Species.LAMBDA};
    /** Yield per unit rapidity of each entry of {@link #SPECIES}. */
    private static final double[] YIELD = {5.0, 2.5, 0.65, 0.30, 0.25, 0.33, 0.33, 0.30, 0.16};
    /** Tsallis temperature of each entry, GeV. */
    private static final double[] TEMPERATURE = {SOFT_TSALLIS_T_PION, SOFT_TSALLIS_T_PION, SOFT_TSALLIS_T_KAON,
            SOFT_TSALLIS_T_BARYON, SOFT_TSALLIS_T_KAON, SOFT_TSALLIS_T_KAON, SOFT_TSALLIS_T_KAON,
            SOFT_TSALLIS_T_BARYON, SOFT_TSALLIS_T_BARYON};
    private static final double[] CUMULATIVE = new double[SPECIES.length];
    private static final double[] MASS = new double[SPECIES.length];
    /** Primary hadrons per unit rapidity: the sum of {@link #YIELD}. */
    static final double HADRONS_PER_UNIT_Y;
    /** Mean number of primary hadrons of one minimum-bias interaction. */
    static final double MEAN_MULTIPLICITY;
    private static final int N_INT = (int) SOFT_TSALLIS_N;

    static {
        double sum = 0;
        for (double y : YIELD) {
            sum += y;
        }
        double acc = 0;
        for (int i = 0; i < SPECIES.length; i++) {
            acc += YIELD[i] / sum;
            CUMULATIVE[i] = acc;
            MASS[i] = Species.mass(SPECIES[i]);
        }
        CUMULATIVE[SPECIES.length - 1] = 1;
        HADRONS_PER_UNIT_Y = sum;
        MEAN_MULTIPLICITY = sum * 2 * SOFT_Y_MAX;
    }

    private final double[] cs = new double[2];

    /**
     * Appends the primary hadrons of one interaction to {@code out}; {@code scale} multiplies the mean
     * multiplicity (1 for minimum bias, {@link GeneratorParameters#UE_MULTIPLICITY_SCALE} for an underlying
     * event). Returns the number added.
     */
    int generate(SplittableRandom rng, double scale, ParticleBuffer out) {
        int n = RandomVariates.negativeBinomial(rng, scale * MEAN_MULTIPLICITY, SOFT_NBD_K);
        int chargeSign = rng.nextBoolean() ? 1 : -1;
        int baryonSign = rng.nextBoolean() ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double u = rng.nextDouble();
            int s = 0;
            while (u >= CUMULATIVE[s] && s < SPECIES.length - 1) {
                s++;
            }
            int id = SPECIES[s];
            if (id == Species.PION || id == Species.KAON || id == Species.PROTON) {
                id *= chargeSign;
                chargeSign = -chargeSign;
            }
            if (id == Species.NEUTRON || id == Species.LAMBDA) {
                id *= baryonSign;
                baryonSign = -baryonSign;
            }
            double m = MASS[s];
            double w = tsallisKineticMass(rng, m, TEMPERATURE[s]);
            double mt = m + w;
            double pt = Math.sqrt(w * (w + 2 * m));
            double ey = Math.exp(SOFT_Y_MAX * (2 * rng.nextDouble() - 1));
            double cosh = 0.5 * (ey + 1 / ey);
            double sinh = 0.5 * (ey - 1 / ey);
            RandomVariates.azimuth(rng, cs, 0);
            out.add(id, pt * cs[0], pt * cs[1], mt * sinh, mt * cosh, m);
        }
        return n;
    }

    /**
     * Draws w = mT - m from dN/dw ~ (w + m)(1 + w/(nT))^-n, the Tsallis spectrum dN/dpT ~ pT (1 + (mT - m)/(nT))^-n:
     * a mixture of two beta-prime distributions, each a ratio of Gamma variates with integer shapes.
     */
    private static double tsallisKineticMass(SplittableRandom rng, double m, double t) {
        double c = SOFT_TSALLIS_N * t;
        double a = c / (SOFT_TSALLIS_N - 2);
        boolean first = rng.nextDouble() * (a + m) < a;
        int shapeX = first ? 2 : 1;
        double x = 1;
        for (int i = 0; i < shapeX; i++) {
            x *= RandomVariates.open(rng);
        }
        double y = 1;
        for (int i = 0; i < N_INT - shapeX; i++) {
            y *= RandomVariates.open(rng);
        }
        return c * Math.log(x) / Math.log(y);
    }
}
