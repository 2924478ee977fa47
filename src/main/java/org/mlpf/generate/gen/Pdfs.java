package org.mlpf.generate.gen;

import static org.mlpf.generate.gen.GeneratorParameters.ALPHA_S_MZ;

/**
 * Parton densities of the proton and the strong coupling. The densities are simple shapes
 * {@code x f(x) = A x^a (1 - x)^b}, fixed at a scale of ~100 GeV (no evolution), with exponents chosen after
 * modern global fits and normalisations fixed by the valence sum rules (2 u, 1 d) and the momentum sum rule
 * (gluon 46%, valence 38%, sea 16%): enough for realistic parton luminosities of top pairs, Z bosons and dijets
 * (within ~30% for 10^-3 < x < 0.5), not a PDF fit.
 */
final class Pdfs {
    /** Index of the gluon in {@link #densities}; quark flavour f (1 = d .. 5 = b) at f, its antiquark at 5 + f. */
    static final int GLUON = 0;
    /** Number of entries written by {@link #densities}. */
    static final int SIZE = 11;

    // x g = A_G x^-0.45 (1-x)^6 carries 46% of the momentum.
    private static final double A_G = 0.82;
    private static final double G_POW = -0.45;
    // x u_v = A_UV x^0.7 (1-x)^3.5, normalised to 2 valence u quarks.
    private static final double A_UV = 4.315;
    // x d_v = A_DV x^0.7 (1-x)^4.5, normalised to 1 valence d quark.
    private static final double A_DV = 2.493;
    private static final double V_POW = 0.7;
    // x ubar = x dbar = A_SEA x^-0.2 (1-x)^7 per light sea flavour; strange, charm, bottom seas are fractions of it.
    private static final double A_SEA = 0.124;
    private static final double SEA_POW = -0.2;
    private static final double STRANGE_SEA = 0.5;
    private static final double CHARM_SEA = 0.3;
    private static final double BOTTOM_SEA = 0.15;

    /** One-loop beta-function coefficient for five flavours, b0 = (33 - 2 nf) / (12 pi). */
    private static final double B0 = 23 / (12 * Math.PI);
    private static final double MZ = 91.1876;
    /** Lambda_QCD (GeV) of the one-loop coupling with alpha_s(m_Z) = {@link GeneratorParameters#ALPHA_S_MZ}. */
    static final double LAMBDA_QCD = MZ * Math.exp(-1 / (2 * B0 * ALPHA_S_MZ));

    private Pdfs() {
    }

    /**
     * Writes x f(x) of the gluon and of the quarks and antiquarks of every flavour into {@code out[off..off+10]}
     * ({@link #GLUON}, then d, u, s, c, b, then dbar, ubar, sbar, cbar, bbar); zeros for x outside (0, 1).
     */
    static void densities(double x, double[] out, int off) {
        if (x <= 0 || x >= 1) {
            for (int i = 0; i < SIZE; i++) {
                out[off + i] = 0;
            }
            return;
        }
        double lx = Math.log(x);
        double y = 1 - x;
        double y2 = y * y;
        double y3 = y2 * y;
        double y6 = y3 * y3;
        double sqrtY = Math.sqrt(y);
        double xv = Math.exp(V_POW * lx);
        double sea = A_SEA * Math.exp(SEA_POW * lx) * y6 * y;
        double uv = A_UV * xv * y3 * sqrtY;
        double dv = A_DV * xv * y3 * y * sqrtY;
        out[off] = A_G * Math.exp(G_POW * lx) * y6;
        out[off + 1] = dv + sea;
        out[off + 2] = uv + sea;
        out[off + 3] = STRANGE_SEA * sea;
        out[off + 4] = CHARM_SEA * sea;
        out[off + 5] = BOTTOM_SEA * sea;
        out[off + 6] = sea;
        out[off + 7] = sea;
        out[off + 8] = STRANGE_SEA * sea;
        out[off + 9] = CHARM_SEA * sea;
        out[off + 10] = BOTTOM_SEA * sea;
    }

    /** One-loop alpha_s(q) for five flavours; q in GeV (well above Lambda_QCD ~ 0.09 GeV). */
    static double alphaS(double q) {
        return 1 / (B0 * Math.log(q * q / (LAMBDA_QCD * LAMBDA_QCD)));
    }
}
