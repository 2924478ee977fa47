package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import static org.mlpf.generate.gen.GeneratorParameters.BREIT_WIGNER_WIDTHS;
import static org.mlpf.generate.gen.GeneratorParameters.QCD_PTHAT_MAX;
import static org.mlpf.generate.gen.GeneratorParameters.QCD_PTHAT_MIN;
import static org.mlpf.generate.gen.GeneratorParameters.SHOWER_MAX_ANGLE;
import static org.mlpf.generate.gen.GeneratorParameters.SQRT_S;
import static org.mlpf.generate.gen.GeneratorParameters.W_HELICITY_F0;
import static org.mlpf.generate.gen.GeneratorParameters.W_HELICITY_FL;
import static org.mlpf.generate.gen.GeneratorParameters.Z_MASS_WINDOW;

/**
 * The hard processes at leading order, convoluted with {@link Pdfs}: their outgoing objects are written to a
 * {@link HardState} in the rest frame of the Born system (z along beam 1), with the Born mass and rapidity.
 * <ul>
 * <li>top pairs: gg -> t tbar and q qbar -> t tbar (total partonic cross sections of Combridge / Nason et al.,
 * their angular distributions), Breit-Wigner top masses, t -> b W with the W helicity fractions of the SM, W ->
 * e nu, mu nu, tau nu, u dbar, c sbar (and Cabibbo-suppressed pairs) with PDG branching fractions;</li>
 * <li>QCD 2 -> 2: all massless parton subprocesses (gg -> gg, gg -> q qbar, qg -> qg, qq -> qq, q qbar -> q qbar,
 * q qbar -> q' qbar', q qbar -> gg) with alpha_s(pT-hat)^2, pT-hat from {@link GeneratorParameters#QCD_PTHAT_MIN};</li>
 * <li>q qbar -> Z -> tau tau with a Breit-Wigner Z and the 1 + cos^2 theta angular distribution (no gamma*).</li>
 * </ul>
 * Phase-space sampling is exact (accept-reject against tabulated bounds built once per JVM, on a process's first
 * event); one instance per thread for its scratch arrays.
 */
final class HardProcesses {
    private static final double S = SQRT_S * SQRT_S;
    private static final double M_TOP = Species.mass(Species.TOP);
    private static final double W_TOP = Species.width(Species.TOP);
    private static final double M_W = Species.mass(Species.W);
    private static final double W_W = Species.width(Species.W);
    private static final double M_Z = Species.mass(Species.Z);
    private static final double W_Z = Species.width(Species.Z);
    private static final double M_B = Species.mass(Species.BOTTOM);
    private static final double M_TAU = Species.mass(Species.TAU);
    private static final double CA = 3;
    /** Attempts at Breit-Wigner top masses that fit in the pair's mass. */
    private static final int MASS_TRIES = 100;
    /** Near threshold, each top takes just under half of the pair mass. */
    private static final double THRESHOLD_SHARE_MARGIN = 1e-4;
    /** Safety factor on the end-point bound of the top angular distribution. */
    private static final double ANGLE_SAFETY = 1.1;
    /** The W of a top decay stays this far (GeV) below m_t - m_b, so that the b has momentum. */
    private static final double W_MASS_MARGIN = 0.5;
    private static final double CF = 4.0 / 3;
    private static final int NF = 5;

    /** Z couplings v^2 + a^2 of down-type and up-type quarks (sin^2 theta_W = 0.2312). */
    static final double ZCOUPLING_DOWN = 0.3696;
    static final double ZCOUPLING_UP = 0.2867;

    /** W+ decays: charged lepton or down-type antiquark ("down" member), neutrino or up-type quark. */
    private static final int[] W_DOWN = {-Species.ELECTRON, -Species.MUON, -Species.TAU, -1, -3, -3, -1};
    private static final int[] W_UP = {Species.NU_E, Species.NU_MU, Species.NU_TAU, 2, 4, 2, 4};
    /** PDG 2024 W branching fractions: e, mu, tau, u dbar, c sbar, u sbar, c dbar (hadronic 67.4%). */
    private static final double[] W_BR = {0.1071, 0.1063, 0.1138, 0.3200, 0.3200, 0.0172, 0.0172};
    private static final double[] W_CUMULATIVE = cumulative(W_BR);

    private static final ThreadLocal<double[]> PDF_SCRATCH = ThreadLocal.withInitial(() -> new double[2 * Pdfs.SIZE]);

    // Top pairs: (ln tau, y) grid; tau = shat / s from threshold to shat = s / 4.
    private static final double TT_YMAX = 3.8;
    // Z: (mass, y) grid.
    private static final double Z_YMAX = 5.2;

    // QCD: marginal in ln pT-hat tabulated at nodes (piecewise exponential between them), and the largest weight
    // over (y3, y4) at each node for the accept-reject of the rapidities.
    private static final int QCD_NODES = 64;
    private static final int QCD_Y_GRID = 48;
    /** Safety factor on the tabulated largest weight (the weight varies smoothly between grid points). */
    private static final double QCD_SAFETY = 2.0;
    private static final double QCD_LN_MIN = Math.log(QCD_PTHAT_MIN);
    private static final double QCD_DLN = (Math.log(QCD_PTHAT_MAX) - QCD_LN_MIN) / (QCD_NODES - 1);

    /** The top-pair table, built on first use (holder idiom: guns never pay for it). */
    private static final class TtbarTable {
        static final GridSampler GRID = new GridSampler(HardProcesses::ttbarDensity,
                Math.log(4 * M_TOP * M_TOP / S), Math.log(0.25), 60, -TT_YMAX, TT_YMAX, 40);
    }

    /** The Z table, built on first use. */
    private static final class ZTable {
        static final GridSampler GRID = new GridSampler(HardProcesses::zDensity, M_Z - Z_MASS_WINDOW,
                M_Z + Z_MASS_WINDOW, 120, -Z_YMAX, Z_YMAX, 40);
    }

    /** The QCD tables, built on first use. */
    private static final class QcdTable {
        static final double[] MARGINAL = new double[QCD_NODES];
        static final double[] MAX = new double[QCD_NODES];
        static final double[] SEGMENT_CUMULATIVE = new double[QCD_NODES - 1];

        static {
            double[] parts = new double[8];
            for (int i = 0; i < QCD_NODES; i++) {
                double pt = Math.exp(QCD_LN_MIN + i * QCD_DLN);
                double ymax = Math.log(SQRT_S / pt);
                double dy = 2 * ymax / QCD_Y_GRID;
                double sum = 0;
                double max = 0;
                for (int a = 0; a < QCD_Y_GRID; a++) {
                    for (int b = 0; b < QCD_Y_GRID; b++) {
                        double w = qcdWeight(pt, -ymax + (a + 0.5) * dy, -ymax + (b + 0.5) * dy, parts);
                        sum += w;
                        max = Math.max(max, w);
                    }
                }
                MARGINAL[i] = sum * dy * dy;
                MAX[i] = max;
            }
            double acc = 0;
            for (int i = 0; i < QCD_NODES - 1; i++) {
                acc += segmentIntegral(i);
                SEGMENT_CUMULATIVE[i] = acc;
            }
        }

        private static double segmentIntegral(int i) {
            double a = MARGINAL[i];
            double b = MARGINAL[i + 1];
            if (a <= 0 || b <= 0) {
                return 0.5 * (a + b) * QCD_DLN;
            }
            double slope = Math.log(b / a);
            return Math.abs(slope) < 1e-9 ? a * QCD_DLN : (b - a) * QCD_DLN / slope;
        }
    }

    private final double[] grid = new double[3];
    private final double[] f1 = new double[Pdfs.SIZE];
    private final double[] f2 = new double[Pdfs.SIZE];
    private final double[] both = new double[2 * Pdfs.SIZE];
    private final double[] parts = new double[8];
    private final double[] dir = new double[3];
    private final double[] cs = new double[2];
    private final double[] basis = new double[6];
    private final double[] b4 = new double[4];
    private final double[] down4 = new double[4];
    private final double[] up4 = new double[4];

    // ---- top pairs ----------------------------------------------------------------------------------------

    /** p p -> t tbar with both tops decayed (t -> b W, W -> f f'). */
    void ttbar(SplittableRandom rng, HardState hs) {
        TtbarTable.GRID.sample(rng, grid);
        double tau = Math.exp(grid[0]);
        double y = grid[1];
        double mass = Math.sqrt(tau * S);
        double x1 = Math.sqrt(tau) * Math.exp(y);
        double x2 = tau / x1;
        Pdfs.densities(x1, f1, 0);
        Pdfs.densities(x2, f2, 0);
        double shat = mass * mass;
        double gg = f1[Pdfs.GLUON] * f2[Pdfs.GLUON] * sigmaGg(shat);
        double qq = conjugateLuminosity(f1, f2) * sigmaQq(shat);
        boolean gluons = rng.nextDouble() * (gg + qq) < gg;
        double m1 = M_TOP;
        double m2 = M_TOP;
        for (int k = 0; k < MASS_TRIES; k++) {
            m1 = breitWigner(rng, M_TOP, W_TOP, M_TOP - BREIT_WIGNER_WIDTHS * W_TOP);
            m2 = breitWigner(rng, M_TOP, W_TOP, M_TOP - BREIT_WIGNER_WIDTHS * W_TOP);
            if (m1 + m2 < mass) {
                break;
            }
            // Just above threshold no Breit-Wigner pair may fit: then both tops share the available mass.
            m1 = Math.min(M_TOP, (0.5 - THRESHOLD_SHARE_MARGIN) * mass);
            m2 = m1;
        }
        double rho = Math.min(4 * M_TOP * M_TOP / shat, 1);
        double beta = Math.sqrt(1 - rho);
        double c = topAngle(rng, gluons, rho, beta);
        double s = Math.sqrt(1 - c * c);
        RandomVariates.azimuth(rng, cs, 0);
        double p = Lorentz.twoBodyMomentum(mass, m1, m2);
        double px = p * s * cs[0];
        double py = p * s * cs[1];
        double pz = p * c;
        decayTop(1, px, py, pz, Math.sqrt(p * p + m1 * m1), m1, hs, rng);
        decayTop(-1, -px, -py, -pz, Math.sqrt(p * p + m2 * m2), m2, hs, rng);
        double pt2 = px * px + py * py;
        hs.bornMass = mass;
        hs.bornRapidity = y;
        hs.isrScale = 0.5 * (Math.sqrt(m1 * m1 + pt2) + Math.sqrt(m2 * m2 + pt2));
        hs.isrColour = gluons ? 2 * CA : 2 * CF;
    }

    /** cos theta* of the top: q qbar ~ 1 + beta^2 c^2 + rho; gg ~ (1/(6 t1 t2) - 3/8)(t1^2 + t2^2 + rho - rho^2/(4 t1 t2)). */
    private static double topAngle(SplittableRandom rng, boolean gluons, double rho, double beta) {
        // |M|^2 grows monotonically with |cos theta| (t- and u-channel poles): its end points bound it.
        double max = ANGLE_SAFETY * Math.max(topMatrixElement(gluons, rho, beta, 0),
                topMatrixElement(gluons, rho, beta, 1));
        while (true) {
            double c = 2 * rng.nextDouble() - 1;
            if (rng.nextDouble() * max <= topMatrixElement(gluons, rho, beta, c)) {
                return c;
            }
        }
    }

    private static double topMatrixElement(boolean gluons, double rho, double beta, double c) {
        double t1 = 0.5 * (1 - beta * c);
        double t2 = 0.5 * (1 + beta * c);
        if (gluons) {
            double tt = t1 * t2;
            return (1 / (6 * tt) - 3.0 / 8) * (t1 * t1 + t2 * t2 + rho - rho * rho / (4 * tt));
        }
        return t1 * t1 + t2 * t2 + rho / 2;
    }

    /**
     * t -> b W+ (sign +1) or tbar -> bbar W- (sign -1) for a top of four-momentum (px, py, pz, e) and mass
     * {@code mt}; the W decays with the helicity angular distribution of its down-type member.
     */
    private void decayTop(int sign, double px, double py, double pz, double e, double mt, HardState hs,
                          SplittableRandom rng) {
        double hi = Math.min(M_W + BREIT_WIGNER_WIDTHS * W_W, mt - M_B - W_MASS_MARGIN);
        double mw = RandomVariates.breitWigner(rng, M_W, W_W, M_W - BREIT_WIGNER_WIDTHS * W_W, hi);
        double p = Lorentz.twoBodyMomentum(mt, mw, M_B);
        RandomVariates.isotropic(rng, dir, 0);
        double wx = p * dir[0];
        double wy = p * dir[1];
        double wz = p * dir[2];
        double we = Math.sqrt(p * p + mw * mw);
        b4[0] = -wx;
        b4[1] = -wy;
        b4[2] = -wz;
        b4[3] = mt - we;

        double u = rng.nextDouble();
        int ch = 0;
        while (u >= W_CUMULATIVE[ch]) {
            ch++;
        }
        int down = sign * W_DOWN[ch];
        int up = sign * W_UP[ch];
        double mDown = Math.abs(down) == Species.TAU ? M_TAU : Math.abs(down) == Species.MUON
                ? Species.mass(Species.MUON) : Math.abs(down) == Species.ELECTRON ? Species.mass(Species.ELECTRON) : 0;
        // Helicity angle of the down-type member relative to the W flight direction in the top rest frame.
        double c = wHelicityAngle(rng);
        double s = Math.sqrt(1 - c * c);
        Fragmentation.transverseBasis(dir[0], dir[1], dir[2], basis);
        RandomVariates.azimuth(rng, cs, 0);
        double q = Lorentz.twoBodyMomentum(mw, mDown, 0);
        for (int k = 0; k < 3; k++) {
            double d = c * dir[k] + s * (cs[0] * basis[k] + cs[1] * basis[3 + k]);
            down4[k] = q * d;
            up4[k] = -q * d;
        }
        down4[3] = Math.sqrt(q * q + mDown * mDown);
        up4[3] = mw - down4[3];
        Lorentz.boost(down4, 0, wx, wy, wz, we, mw);
        Lorentz.boost(up4, 0, wx, wy, wz, we, mw);
        Lorentz.boost(b4, 0, px, py, pz, e, mt);
        Lorentz.boost(down4, 0, px, py, pz, e, mt);
        Lorentz.boost(up4, 0, px, py, pz, e, mt);
        hs.add(sign * Species.BOTTOM, b4[0], b4[1], b4[2], b4[3], M_B, SHOWER_MAX_ANGLE, mt / 2);
        int i = hs.add(down, down4[0], down4[1], down4[2], down4[3], mDown, SHOWER_MAX_ANGLE, mw / 2);
        int j = hs.add(up, up4[0], up4[1], up4[2], up4[3], 0, SHOWER_MAX_ANGLE, mw / 2);
        if (HardState.isParton(down)) {
            hs.partner[i] = j;
            hs.partner[j] = i;
        }
    }

    /** F0 3/4 (1 - c^2) + FL 3/8 (1 - c)^2 + FR 3/8 (1 + c)^2 by rejection. */
    private static double wHelicityAngle(SplittableRandom rng) {
        double fr = 1 - W_HELICITY_F0 - W_HELICITY_FL;
        double max = 0.75 * W_HELICITY_F0 + 1.5 * (W_HELICITY_FL + fr);
        while (true) {
            double c = 2 * rng.nextDouble() - 1;
            double f = 0.75 * W_HELICITY_F0 * (1 - c * c) + 0.375 * W_HELICITY_FL * (1 - c) * (1 - c)
                    + 0.375 * fr * (1 + c) * (1 + c);
            if (rng.nextDouble() * max <= f) {
                return c;
            }
        }
    }

    private static double breitWigner(SplittableRandom rng, double m0, double width, double lo) {
        return RandomVariates.breitWigner(rng, m0, width, lo, m0 + BREIT_WIGNER_WIDTHS * width);
    }

    /** Density in (ln tau, y) of p p -> t tbar: sum over gg and q qbar of x1 f x2 f sigma-hat(tau s). */
    private static double ttbarDensity(double lnTau, double y) {
        if (Math.abs(y) >= -0.5 * lnTau) {
            return 0;
        }
        double tau = Math.exp(lnTau);
        double x1 = Math.sqrt(tau) * Math.exp(y);
        double x2 = tau / x1;
        double[] f = PDF_SCRATCH.get();
        Pdfs.densities(x1, f, 0);
        Pdfs.densities(x2, f, Pdfs.SIZE);
        double shat = tau * S;
        double gg = f[Pdfs.GLUON] * f[Pdfs.SIZE + Pdfs.GLUON];
        double qq = 0;
        for (int q = 1; q <= NF; q++) {
            qq += f[q] * f[Pdfs.SIZE + NF + q] + f[NF + q] * f[Pdfs.SIZE + q];
        }
        return gg * sigmaGg(shat) + qq * sigmaQq(shat);
    }

    /** gg -> t tbar total cross section without alpha_s^2, 1/GeV^2. */
    private static double sigmaGg(double shat) {
        double rho = 4 * M_TOP * M_TOP / shat;
        if (rho >= 1) {
            return 0;
        }
        double beta = Math.sqrt(1 - rho);
        return Math.PI / (3 * shat) * ((1 + rho + rho * rho / 16) * Math.log((1 + beta) / (1 - beta))
                - beta * (7.0 / 4 + 31 * rho / 16));
    }

    /** q qbar -> t tbar total cross section without alpha_s^2, 1/GeV^2. */
    private static double sigmaQq(double shat) {
        double rho = 4 * M_TOP * M_TOP / shat;
        if (rho >= 1) {
            return 0;
        }
        return 8 * Math.PI / (27 * shat) * Math.sqrt(1 - rho) * (1 + rho / 2);
    }

    /** Sum over flavours of q(x1) qbar(x2) + qbar(x1) q(x2) (x-weighted densities). */
    private static double conjugateLuminosity(double[] a, double[] b) {
        double sum = 0;
        for (int q = 1; q <= NF; q++) {
            sum += a[q] * b[NF + q] + a[NF + q] * b[q];
        }
        return sum;
    }

    // ---- Z -> tau tau ---------------------------------------------------------------------------------------

    /** q qbar -> Z -> tau+ tau-; the taus are marked for forced hadronic decays. */
    void zTauTau(SplittableRandom rng, HardState hs) {
        ZTable.GRID.sample(rng, grid);
        double mass = grid[0];
        double c;
        do {
            c = 2 * rng.nextDouble() - 1;
        } while (rng.nextDouble() * 2 > 1 + c * c);
        double s = Math.sqrt(1 - c * c);
        RandomVariates.azimuth(rng, cs, 0);
        double p = Lorentz.twoBodyMomentum(mass, M_TAU, M_TAU);
        double e = 0.5 * mass;
        int i = hs.add(Species.TAU, p * s * cs[0], p * s * cs[1], p * c, e, M_TAU, 0, 0);
        int j = hs.add(-Species.TAU, -p * s * cs[0], -p * s * cs[1], -p * c, e, M_TAU, 0, 0);
        hs.forceHadronic[i] = true;
        hs.forceHadronic[j] = true;
        hs.bornMass = mass;
        hs.bornRapidity = grid[1];
        hs.isrScale = mass;
        hs.isrColour = 2 * CF;
    }

    /** Density in (M, y) of q qbar -> Z: luminosity x Breit-Wigner x Jacobian 2/M. */
    private static double zDensity(double mass, double y) {
        double tau = mass * mass / S;
        if (Math.abs(y) >= -0.5 * Math.log(tau)) {
            return 0;
        }
        double x1 = Math.sqrt(tau) * Math.exp(y);
        double x2 = tau / x1;
        double[] f = PDF_SCRATCH.get();
        Pdfs.densities(x1, f, 0);
        Pdfs.densities(x2, f, Pdfs.SIZE);
        double lum = 0;
        for (int q = 1; q <= NF; q++) {
            double coupling = q % 2 == 0 ? ZCOUPLING_UP : ZCOUPLING_DOWN;
            lum += coupling * (f[q] * f[Pdfs.SIZE + NF + q] + f[NF + q] * f[Pdfs.SIZE + q]);
        }
        double shat = mass * mass;
        double d = shat - M_Z * M_Z;
        return lum * 2 / mass * shat / (d * d + M_Z * M_Z * W_Z * W_Z);
    }

    // ---- QCD 2 -> 2 -------------------------------------------------------------------------------------

    /** p p -> 2 partons with pT-hat above {@link GeneratorParameters#QCD_PTHAT_MIN}. */
    void qcd(SplittableRandom rng, HardState hs) {
        // ln pT-hat from the piecewise-exponential marginal.
        double x = rng.nextDouble() * QcdTable.SEGMENT_CUMULATIVE[QCD_NODES - 2];
        int seg = 0;
        while (seg < QCD_NODES - 2 && QcdTable.SEGMENT_CUMULATIVE[seg] <= x) {
            seg++;
        }
        double slope = Math.log(QcdTable.MARGINAL[seg + 1] / QcdTable.MARGINAL[seg]) / QCD_DLN;
        double u = rng.nextDouble();
        double lnPt = QCD_LN_MIN + seg * QCD_DLN
                + (Math.abs(slope * QCD_DLN) < 1e-9 ? u * QCD_DLN : Math.log1p(u * Math.expm1(slope * QCD_DLN)) / slope);
        double pt = Math.exp(lnPt);
        double ymax = Math.log(SQRT_S / pt);
        double bound = QCD_SAFETY * Math.max(QcdTable.MAX[seg], QcdTable.MAX[seg + 1]);
        double y3;
        double y4;
        double w;
        do {
            y3 = ymax * (2 * rng.nextDouble() - 1);
            y4 = ymax * (2 * rng.nextDouble() - 1);
            w = qcdWeight(pt, y3, y4, parts);
        } while (rng.nextDouble() * bound > w);
        double ystar = 0.5 * (y3 - y4);
        double shat = 4 * pt * pt * Math.cosh(ystar) * Math.cosh(ystar);
        double cth = Math.tanh(ystar);
        double that = -0.5 * shat * (1 - cth);
        double uhat = -0.5 * shat * (1 + cth);
        double sqrtTau = pt / SQRT_S;
        Pdfs.densities(sqrtTau * (Math.exp(y3) + Math.exp(y4)), f1, 0);
        Pdfs.densities(sqrtTau * (Math.exp(-y3) + Math.exp(-y4)), f2, 0);
        int[] out = selectSubprocess(rng, shat, that, uhat);
        RandomVariates.azimuth(rng, cs, 0);
        double pz = pt * Math.sinh(ystar);
        double e = pt * Math.cosh(ystar);
        hs.add(out[0], pt * cs[0], pt * cs[1], pz, e, 0, SHOWER_MAX_ANGLE, pt);
        hs.add(out[1], -pt * cs[0], -pt * cs[1], -pz, e, 0, SHOWER_MAX_ANGLE, pt);
        hs.bornMass = Math.sqrt(shat);
        hs.bornRapidity = 0.5 * (y3 + y4);
        hs.isrScale = pt;
        hs.isrColour = colour(out[2]) + colour(out[3]);
    }

    private final int[] selected = new int[4];

    /**
     * Picks the subprocess and flavours at the accepted point, in proportion to their weights: returns
     * {id at y3, id at y4, incoming from beam 1, incoming from beam 2} (gluon 21, quark +f, antiquark -f).
     */
    private int[] selectSubprocess(SplittableRandom rng, double s, double t, double u) {
        double[] w = parts;
        System.arraycopy(f1, 0, both, 0, Pdfs.SIZE);
        System.arraycopy(f2, 0, both, Pdfs.SIZE, Pdfs.SIZE);
        qcdParts(both, f1[Pdfs.GLUON], f2[Pdfs.GLUON], s, t, u, w);
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double r = rng.nextDouble() * total;
        int k = 0;
        while (k < w.length - 1 && r >= w[k]) {
            r -= w[k];
            k++;
        }
        int[] o = selected;
        switch (k) {
            case 0 -> set(o, 21, 21, 21, 21);
            case 1 -> {
                int q = 1 + rng.nextInt(NF);
                boolean first = rng.nextBoolean();
                set(o, first ? q : -q, first ? -q : q, 21, 21);
            }
            case 2 -> {
                double fromBeam1 = sumQuarks(f1) * f2[Pdfs.GLUON];
                double fromBeam2 = f1[Pdfs.GLUON] * sumQuarks(f2);
                boolean beam1 = rng.nextDouble() * (fromBeam1 + fromBeam2) < fromBeam1;
                int q = pickQuark(rng, beam1 ? f1 : f2);
                // The quark's momentum transfer is t if it goes to y3 from beam 1 (u from beam 2).
                double mT = qgQg(s, t, u);
                double mU = qgQg(s, u, t);
                boolean toY3 = rng.nextDouble() * (mT + mU) < (beam1 ? mT : mU);
                set(o, toY3 ? q : 21, toY3 ? 21 : q, beam1 ? q : 21, beam1 ? 21 : q);
            }
            case 3 -> {
                double sum = 0;
                for (int i = 1; i < Pdfs.SIZE; i++) {
                    sum += f1[i] * f2[i];
                }
                double x = rng.nextDouble() * sum;
                int i = 1;
                while (i < Pdfs.SIZE - 1 && x >= f1[i] * f2[i]) {
                    x -= f1[i] * f2[i];
                    i++;
                }
                int q = id(i);
                set(o, q, q, q, q);
            }
            case 4 -> {
                double sum = 0;
                for (int i = 1; i < Pdfs.SIZE; i++) {
                    for (int j = 1; j < Pdfs.SIZE; j++) {
                        sum += differentFlavour(i, j) ? f1[i] * f2[j] : 0;
                    }
                }
                double x = rng.nextDouble() * sum;
                int a = 1;
                int b = 1;
                outer:
                for (a = 1; a < Pdfs.SIZE; a++) {
                    for (b = 1; b < Pdfs.SIZE; b++) {
                        double v = differentFlavour(a, b) ? f1[a] * f2[b] : 0;
                        if (x < v) {
                            break outer;
                        }
                        x -= v;
                    }
                }
                a = Math.min(a, Pdfs.SIZE - 1);
                b = Math.min(b, Pdfs.SIZE - 1);
                double mT = qqDiff(s, t, u);
                double mU = qqDiff(s, u, t);
                boolean straight = rng.nextDouble() * (mT + mU) < mT;
                set(o, straight ? id(a) : id(b), straight ? id(b) : id(a), id(a), id(b));
            }
            default -> {
                // q qbar initial states: pick the pair, then the final state of subprocess k.
                double sum = conjugateLuminosity(f1, f2);
                double x = rng.nextDouble() * sum;
                int q = 1;
                boolean quarkFromBeam1 = true;
                for (q = 1; q <= NF; q++) {
                    double a = f1[q] * f2[NF + q];
                    if (x < a) {
                        quarkFromBeam1 = true;
                        break;
                    }
                    x -= a;
                    double b = f1[NF + q] * f2[q];
                    if (x < b) {
                        quarkFromBeam1 = false;
                        break;
                    }
                    x -= b;
                }
                q = Math.min(q, NF);
                int in1 = quarkFromBeam1 ? q : -q;
                int in2 = -in1;
                if (k == 5) {
                    double mT = qqbarSame(s, t, u);
                    double mU = qqbarSame(s, u, t);
                    boolean straight = rng.nextDouble() * (mT + mU) < mT;
                    set(o, straight ? in1 : in2, straight ? in2 : in1, in1, in2);
                } else if (k == 6) {
                    int q2 = 1 + rng.nextInt(NF - 1);
                    if (q2 >= q) {
                        q2++;
                    }
                    boolean first = rng.nextBoolean();
                    set(o, first ? q2 : -q2, first ? -q2 : q2, in1, in2);
                } else {
                    set(o, 21, 21, in1, in2);
                }
            }
        }
        return o;
    }

    private static void set(int[] o, int a, int b, int c, int d) {
        o[0] = a;
        o[1] = b;
        o[2] = c;
        o[3] = d;
    }

    private static int id(int densityIndex) {
        return densityIndex <= NF ? densityIndex : -(densityIndex - NF);
    }

    private static boolean differentFlavour(int i, int j) {
        int a = id(i);
        int b = id(j);
        return a != b && a != -b;
    }

    private static double sumQuarks(double[] f) {
        double s = 0;
        for (int i = 1; i < Pdfs.SIZE; i++) {
            s += f[i];
        }
        return s;
    }

    private static int pickQuark(SplittableRandom rng, double[] f) {
        double x = rng.nextDouble() * sumQuarks(f);
        for (int i = 1; i < Pdfs.SIZE - 1; i++) {
            if (x < f[i]) {
                return id(i);
            }
            x -= f[i];
        }
        return id(Pdfs.SIZE - 1);
    }

    private static double colour(int id) {
        return id == Species.GLUON ? CA : CF;
    }

    /**
     * d^3 sigma / (d ln pT d y3 d y4) up to a constant: 2 pT^2 alpha_s(pT)^2 / shat^2 x sum over subprocesses of
     * luminosity x |M|^2 (spin and colour averaged, g^4 divided out); 0 outside x1, x2 < 1.
     */
    private static double qcdWeight(double pt, double y3, double y4, double[] w) {
        double sqrtTau = pt / SQRT_S;
        double x1 = sqrtTau * (Math.exp(y3) + Math.exp(y4));
        double x2 = sqrtTau * (Math.exp(-y3) + Math.exp(-y4));
        if (x1 >= 1 || x2 >= 1) {
            return 0;
        }
        double[] f = PDF_SCRATCH.get();
        Pdfs.densities(x1, f, 0);
        Pdfs.densities(x2, f, Pdfs.SIZE);
        double ystar = 0.5 * (y3 - y4);
        double ch = Math.cosh(ystar);
        double shat = 4 * pt * pt * ch * ch;
        double cth = Math.tanh(ystar);
        double that = -0.5 * shat * (1 - cth);
        double uhat = -0.5 * shat * (1 + cth);
        double g1 = f[Pdfs.GLUON];
        double g2 = f[Pdfs.SIZE + Pdfs.GLUON];
        qcdParts(f, g1, g2, shat, that, uhat, w);
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double as = Pdfs.alphaS(pt);
        return 2 * pt * pt * as * as / (shat * shat) * total;
    }

    /**
     * The eight subprocess weights (luminosity x |M|^2) from densities {@code f} (beam 1 at 0, beam 2 at SIZE):
     * gg -> gg, gg -> q qbar, qg -> qg, qq -> qq, qq' -> qq', q qbar -> q qbar, q qbar -> q' qbar', q qbar -> gg.
     * Identical final-state partons carry a factor 1/2; distinguishable ones average the two assignments to y3, y4.
     */
    private static void qcdParts(double[] f, double g1, double g2, double s, double t, double u, double[] w) {
        double q1 = 0;
        double q2 = 0;
        double same = 0;
        for (int i = 1; i < Pdfs.SIZE; i++) {
            q1 += f[i];
            q2 += f[Pdfs.SIZE + i];
            same += f[i] * f[Pdfs.SIZE + i];
        }
        double conj = 0;
        for (int q = 1; q <= NF; q++) {
            conj += f[q] * f[Pdfs.SIZE + NF + q] + f[NF + q] * f[Pdfs.SIZE + q];
        }
        double diff = q1 * q2 - same - conj;
        w[0] = g1 * g2 * ggGg(s, t, u) / 2;
        w[1] = g1 * g2 * NF * ggQqbar(s, t, u);
        w[2] = (q1 * g2 + g1 * q2) * 0.5 * (qgQg(s, t, u) + qgQg(s, u, t));
        w[3] = same * qqSame(s, t, u) / 2;
        w[4] = diff * 0.5 * (qqDiff(s, t, u) + qqDiff(s, u, t));
        w[5] = conj * 0.5 * (qqbarSame(s, t, u) + qqbarSame(s, u, t));
        w[6] = conj * (NF - 1) * qqbarAnnihilation(s, t, u);
        w[7] = conj * qqbarGg(s, t, u) / 2;
    }

    // Spin- and colour-averaged |M|^2 / g^4 of massless 2 -> 2 QCD (t = momentum transfer of the first-named pair).
    private static double qqDiff(double s, double t, double u) {
        return 4.0 / 9 * (s * s + u * u) / (t * t);
    }

    private static double qqSame(double s, double t, double u) {
        return 4.0 / 9 * ((s * s + u * u) / (t * t) + (s * s + t * t) / (u * u)) - 8.0 / 27 * s * s / (t * u);
    }

    private static double qqbarAnnihilation(double s, double t, double u) {
        return 4.0 / 9 * (t * t + u * u) / (s * s);
    }

    private static double qqbarSame(double s, double t, double u) {
        return 4.0 / 9 * ((s * s + u * u) / (t * t) + (t * t + u * u) / (s * s)) - 8.0 / 27 * u * u / (s * t);
    }

    private static double qqbarGg(double s, double t, double u) {
        return 32.0 / 27 * (t * t + u * u) / (t * u) - 8.0 / 3 * (t * t + u * u) / (s * s);
    }

    private static double ggQqbar(double s, double t, double u) {
        return 1.0 / 6 * (t * t + u * u) / (t * u) - 3.0 / 8 * (t * t + u * u) / (s * s);
    }

    private static double qgQg(double s, double t, double u) {
        return -4.0 / 9 * (s * s + u * u) / (s * u) + (u * u + s * s) / (t * t);
    }

    private static double ggGg(double s, double t, double u) {
        return 4.5 * (3 - t * u / (s * s) - s * u / (t * t) - s * t / (u * u));
    }

    private static double[] cumulative(double[] br) {
        double total = 0;
        for (double b : br) {
            total += b;
        }
        double[] c = new double[br.length];
        double acc = 0;
        for (int i = 0; i < br.length; i++) {
            acc += br[i] / total;
            c[i] = acc;
        }
        c[br.length - 1] = 1;
        return c;
    }

    /** Largest weight / bound ratio of the QCD accept-reject over random points (a test's check that bounds hold). */
    static double qcdMaxBoundRatio(SplittableRandom rng, int n) {
        double[] w = new double[8];
        double worst = 0;
        for (int k = 0; k < n; k++) {
            int seg = rng.nextInt(QCD_NODES - 1);
            double pt = Math.exp(QCD_LN_MIN + (seg + rng.nextDouble()) * QCD_DLN);
            double ymax = Math.log(SQRT_S / pt);
            double bound = QCD_SAFETY * Math.max(QcdTable.MAX[seg], QcdTable.MAX[seg + 1]);
            double v = qcdWeight(pt, ymax * (2 * rng.nextDouble() - 1), ymax * (2 * rng.nextDouble() - 1), w);
            worst = Math.max(worst, v / bound);
        }
        return worst;
    }

    /** The same check for the top-pair and Z grids. */
    static double gridMaxBoundRatio(SplittableRandom rng, int n) {
        return Math.max(TtbarTable.GRID.maxBoundRatio(rng, n), ZTable.GRID.maxBoundRatio(rng, n));
    }
}
