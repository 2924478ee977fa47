package org.mlpf.generate.gen;

import java.util.ArrayList;
import java.util.List;

import static org.mlpf.generate.gen.Species.A1;
import static org.mlpf.generate.gen.Species.B0;
import static org.mlpf.generate.gen.Species.BPLUS;
import static org.mlpf.generate.gen.Species.BS;
import static org.mlpf.generate.gen.Species.D0;
import static org.mlpf.generate.gen.Species.DPLUS;
import static org.mlpf.generate.gen.Species.DS;
import static org.mlpf.generate.gen.Species.DSTAR0;
import static org.mlpf.generate.gen.Species.DSTAR_PLUS;
import static org.mlpf.generate.gen.Species.ELECTRON;
import static org.mlpf.generate.gen.Species.ETA;
import static org.mlpf.generate.gen.Species.K0L;
import static org.mlpf.generate.gen.Species.K0S;
import static org.mlpf.generate.gen.Species.KAON;
import static org.mlpf.generate.gen.Species.KSTAR;
import static org.mlpf.generate.gen.Species.KSTAR0;
import static org.mlpf.generate.gen.Species.LAMBDA;
import static org.mlpf.generate.gen.Species.LAMBDA_B;
import static org.mlpf.generate.gen.Species.LAMBDA_C;
import static org.mlpf.generate.gen.Species.MUON;
import static org.mlpf.generate.gen.Species.NEUTRON;
import static org.mlpf.generate.gen.Species.NU_E;
import static org.mlpf.generate.gen.Species.NU_MU;
import static org.mlpf.generate.gen.Species.NU_TAU;
import static org.mlpf.generate.gen.Species.OMEGA;
import static org.mlpf.generate.gen.Species.OMEGA_MINUS;
import static org.mlpf.generate.gen.Species.PHI;
import static org.mlpf.generate.gen.Species.PHOTON;
import static org.mlpf.generate.gen.Species.PI0;
import static org.mlpf.generate.gen.Species.PION;
import static org.mlpf.generate.gen.Species.PROTON;
import static org.mlpf.generate.gen.Species.RHO;
import static org.mlpf.generate.gen.Species.RHO0;
import static org.mlpf.generate.gen.Species.SIGMA0;
import static org.mlpf.generate.gen.Species.SIGMA_MINUS;
import static org.mlpf.generate.gen.Species.SIGMA_PLUS;
import static org.mlpf.generate.gen.Species.TAU;
import static org.mlpf.generate.gen.Species.XI0;
import static org.mlpf.generate.gen.Species.XI_MINUS;

/**
 * Decay channels of every unstable species the generator makes, written for the particle (positive PDG id);
 * an antiparticle decays into the conjugates. Branching fractions follow PDG 2024 for the measured main modes;
 * for charm and bottom hadrons the unmeasured remainder is lumped into multi-pion modes, chosen so that the
 * inclusive semileptonic fractions (D0 ~13%, D+ ~32%, B ~21%) and charged multiplicities (B decays ~5 tracks) are
 * about right. Each species' fractions are normalised to 1. Matrix elements: flat phase space, except
 * semileptonic decays ({@link #ME_VA}) weighted with the spectator-model V-A matrix element.
 */
final class DecayTable {
    /** Flat phase space. */
    static final int ME_PHASE_SPACE = 0;
    /**
     * V-A weight (P . d_last)(d_0 . d_last-1) for daughters ordered [hadron or nu_tau, (pions,) charged lepton,
     * neutrino]: the spectator-model |M|^2 of b -> c l nu, c -> s l nu and tau -> nu_tau l nu.
     */
    static final int ME_VA = 1;

    private static final int MAX = PhaseSpace.MAX_BODIES;

    private static final int[] FIRST = new int[Species.COUNT];
    private static final int[] NUM = new int[Species.COUNT];
    private static double[] cumulative;
    private static double[] hadronicCumulative;
    private static int[] numDaughters;
    private static int[] daughters;
    private static int[] matrixElement;

    private record Channel(int parent, double br, int me, int[] daughters) {
    }

    private static final List<Channel> BUILD = new ArrayList<>();

    static {
        // Force Species' registration with ParticleData first.
        Species.index(PION);
        lightHadrons();
        baryons();
        tau();
        charm();
        bottom();
        freeze();
    }

    private DecayTable() {
    }

    private static void ch(int parent, double br, int... d) {
        BUILD.add(new Channel(parent, br, ME_PHASE_SPACE, d));
    }

    private static void va(int parent, double br, int... d) {
        BUILD.add(new Channel(parent, br, ME_VA, d));
    }

    private static void lightHadrons() {
        ch(PI0, 1, PHOTON, PHOTON);
        ch(ETA, 0.3936, PHOTON, PHOTON);
        ch(ETA, 0.3257, PI0, PI0, PI0);
        ch(ETA, 0.2292, PION, -PION, PI0);
        ch(ETA, 0.0422, PION, -PION, PHOTON);
        ch(RHO, 1, PION, PI0);
        ch(RHO0, 1, PION, -PION);
        ch(OMEGA, 0.892, PION, -PION, PI0);
        ch(OMEGA, 0.0835, PI0, PHOTON);
        ch(OMEGA, 0.0153, PION, -PION);
        // K* -> K pi with isospin 2:1; a neutral kaon is K0S or K0L with equal probability.
        ch(KSTAR, 1.0 / 3, K0S, PION);
        ch(KSTAR, 1.0 / 3, K0L, PION);
        ch(KSTAR, 1.0 / 3, KAON, PI0);
        ch(KSTAR0, 2.0 / 3, KAON, -PION);
        ch(KSTAR0, 1.0 / 6, K0S, PI0);
        ch(KSTAR0, 1.0 / 6, K0L, PI0);
        ch(PHI, 0.491, KAON, -KAON);
        ch(PHI, 0.339, K0S, K0L);
        ch(PHI, 0.1525, PION, -PION, PI0);
        ch(PHI, 0.0130, ETA, PHOTON);
        ch(K0S, 0.6920, PION, -PION);
        ch(K0S, 0.3069, PI0, PI0);
        // a1 -> rho pi (S wave): the 3-prong and 1-prong + 2 pi0 modes of tau -> a1 nu are about equal.
        ch(A1, 0.5, RHO0, PION);
        ch(A1, 0.5, RHO, PI0);
    }

    private static void baryons() {
        ch(LAMBDA, 0.641, PROTON, -PION);
        ch(LAMBDA, 0.359, NEUTRON, PI0);
        ch(SIGMA_PLUS, 0.5157, PROTON, PI0);
        ch(SIGMA_PLUS, 0.4831, NEUTRON, PION);
        ch(SIGMA0, 1, LAMBDA, PHOTON);
        ch(SIGMA_MINUS, 1, NEUTRON, -PION);
        ch(XI0, 1, LAMBDA, PI0);
        ch(XI_MINUS, 1, LAMBDA, -PION);
        ch(OMEGA_MINUS, 0.678, LAMBDA, -KAON);
        ch(OMEGA_MINUS, 0.236, XI0, -PION);
        ch(OMEGA_MINUS, 0.086, XI_MINUS, PI0);
    }

    private static void tau() {
        // tau- (PDG id 15); modes below 0.5% are omitted and the rest renormalised.
        va(TAU, 0.1782, NU_TAU, ELECTRON, -NU_E);
        va(TAU, 0.1739, NU_TAU, MUON, -NU_MU);
        ch(TAU, 0.1082, -PION, NU_TAU);
        ch(TAU, 0.0070, -KAON, NU_TAU);
        ch(TAU, 0.2549, -RHO, NU_TAU);
        ch(TAU, 0.0120, -KSTAR, NU_TAU);
        ch(TAU, 0.1825, -A1, NU_TAU);
        ch(TAU, 0.0104, -PION, PI0, PI0, PI0, NU_TAU);
        ch(TAU, 0.0274, -PION, -PION, PION, PI0, NU_TAU);
        ch(TAU, 0.0195, OMEGA, -PION, NU_TAU);
    }

    private static void charm() {
        // D*: strong and radiative decays at the production point.
        ch(DSTAR_PLUS, 0.677, D0, PION);
        ch(DSTAR_PLUS, 0.307, DPLUS, PI0);
        ch(DSTAR_PLUS, 0.016, DPLUS, PHOTON);
        ch(DSTAR0, 0.647, D0, PI0);
        ch(DSTAR0, 0.353, D0, PHOTON);

        // D0 = c ubar: c -> s l+ nu semileptonic modes, then hadronic ones.
        va(D0, 0.0355, -KAON, -ELECTRON, NU_E);
        va(D0, 0.0215, -KSTAR, -ELECTRON, NU_E);
        va(D0, 0.0029, -PION, -ELECTRON, NU_E);
        va(D0, 0.0341, -KAON, -MUON, NU_MU);
        va(D0, 0.0189, -KSTAR, -MUON, NU_MU);
        va(D0, 0.0027, -PION, -MUON, NU_MU);
        ch(D0, 0.0395, -KAON, PION);
        ch(D0, 0.0120, K0S, PI0);
        ch(D0, 0.0120, K0L, PI0);
        ch(D0, 0.1440, -KAON, PION, PI0);
        ch(D0, 0.0280, K0S, PION, -PION);
        ch(D0, 0.0280, K0L, PION, -PION);
        ch(D0, 0.0822, -KAON, PION, PION, -PION);
        ch(D0, 0.0886, -KAON, PION, PI0, PI0);
        ch(D0, 0.0260, K0S, PION, -PION, PI0);
        ch(D0, 0.0260, K0L, PION, -PION, PI0);
        ch(D0, 0.0045, K0S, PI0, PI0);
        ch(D0, 0.0045, K0L, PI0, PI0);
        ch(D0, 0.0420, -KAON, PION, PION, -PION, PI0);
        ch(D0, 0.0050, K0S, ETA);
        ch(D0, 0.0050, K0L, ETA);
        ch(D0, 0.0041, KAON, -KAON);
        ch(D0, 0.0015, PION, -PION);
        ch(D0, 0.0149, PION, -PION, PI0);
        ch(D0, 0.0075, PION, -PION, PION, -PION);
        // Unmeasured remainder.
        ch(D0, 0.0600, -KSTAR, PION, PI0);
        ch(D0, 0.0500, -KSTAR0, PION, -PION);
        ch(D0, 0.0400, -KAON, PION, PI0, PI0, PI0);
        ch(D0, 0.0300, K0S, PION, -PION, PI0, PI0);
        ch(D0, 0.0300, K0L, PION, -PION, PI0, PI0);
        ch(D0, 0.0300, -KAON, PION, PION, -PION, PI0, PI0);
        ch(D0, 0.0300, -KSTAR0, PI0, PI0);

        // D+ = c dbar
        va(DPLUS, 0.0436, K0S, -ELECTRON, NU_E);
        va(DPLUS, 0.0436, K0L, -ELECTRON, NU_E);
        va(DPLUS, 0.0540, -KSTAR0, -ELECTRON, NU_E);
        va(DPLUS, 0.0438, K0S, -MUON, NU_MU);
        va(DPLUS, 0.0438, K0L, -MUON, NU_MU);
        va(DPLUS, 0.0527, -KSTAR0, -MUON, NU_MU);
        ch(DPLUS, 0.0938, -KAON, PION, PION);
        ch(DPLUS, 0.0155, K0S, PION);
        ch(DPLUS, 0.0146, K0L, PION);
        ch(DPLUS, 0.0350, K0S, PION, PI0);
        ch(DPLUS, 0.0350, K0L, PION, PI0);
        ch(DPLUS, 0.0625, -KAON, PION, PION, PI0);
        ch(DPLUS, 0.0150, K0S, PION, PION, -PION);
        ch(DPLUS, 0.0150, K0L, PION, PION, -PION);
        ch(DPLUS, 0.0012, PION, PI0);
        ch(DPLUS, 0.0033, PION, PION, -PION);
        ch(DPLUS, 0.0097, KAON, -KAON, PION);
        ch(DPLUS, 0.0057, -KAON, PION, PION, PION, -PION);
        ch(DPLUS, 0.0800, -KSTAR0, PION, PI0);
        ch(DPLUS, 0.0700, K0S, PION, PI0, PI0);
        ch(DPLUS, 0.0700, K0L, PION, PI0, PI0);
        ch(DPLUS, 0.0600, -KAON, PION, PION, PI0, PI0);
        ch(DPLUS, 0.0400, K0S, PION, PION, -PION, PI0);
        ch(DPLUS, 0.0400, K0L, PION, PION, -PION, PI0);
        ch(DPLUS, 0.0500, -KSTAR0, PION, PION, -PION);

        // Ds+ = c sbar
        va(DS, 0.0239, PHI, -ELECTRON, NU_E);
        va(DS, 0.0229, ETA, -ELECTRON, NU_E);
        va(DS, 0.0190, PHI, -MUON, NU_MU);
        va(DS, 0.0240, ETA, -MUON, NU_MU);
        ch(DS, 0.0536, -TAU, NU_TAU);
        ch(DS, 0.0054, -MUON, NU_MU);
        ch(DS, 0.0450, PHI, PION);
        ch(DS, 0.0146, KAON, K0S);
        ch(DS, 0.0146, KAON, K0L);
        ch(DS, 0.0168, ETA, PION);
        ch(DS, 0.0890, ETA, RHO);
        ch(DS, 0.0560, PHI, PION, PI0);
        ch(DS, 0.0108, PION, PION, -PION);
        ch(DS, 0.0100, KAON, -KAON, PION);
        ch(DS, 0.0120, PHI, PION, PION, -PION);
        ch(DS, 0.0258, KAON, -KSTAR0);
        ch(DS, 0.0270, KSTAR, K0S);
        ch(DS, 0.0270, KSTAR, K0L);
        ch(DS, 0.0550, KAON, -KAON, PION, PI0);
        ch(DS, 0.1000, ETA, PION, PI0);
        ch(DS, 0.0800, PION, PION, -PION, PI0);
        ch(DS, 0.0600, ETA, PION, PION, -PION);
        ch(DS, 0.0200, KAON, K0S, PI0);
        ch(DS, 0.0200, KAON, K0L, PI0);
        ch(DS, 0.0700, PION, PION, -PION, PI0, PI0);
        ch(DS, 0.0400, KAON, -KAON, PION, PI0, PI0);

        // Lambda_c+ = udc
        ch(LAMBDA_C, 0.0628, PROTON, -KAON, PION);
        ch(LAMBDA_C, 0.0159, PROTON, K0S);
        ch(LAMBDA_C, 0.0159, PROTON, K0L);
        ch(LAMBDA_C, 0.0130, LAMBDA, PION);
        ch(LAMBDA_C, 0.0710, LAMBDA, PION, PI0);
        ch(LAMBDA_C, 0.0360, LAMBDA, PION, PION, -PION);
        ch(LAMBDA_C, 0.0129, SIGMA0, PION);
        ch(LAMBDA_C, 0.0125, SIGMA_PLUS, PI0);
        ch(LAMBDA_C, 0.0450, SIGMA_PLUS, PION, -PION);
        ch(LAMBDA_C, 0.0460, PROTON, -KAON, PION, PI0);
        va(LAMBDA_C, 0.0356, LAMBDA, -ELECTRON, NU_E);
        va(LAMBDA_C, 0.0350, LAMBDA, -MUON, NU_MU);
        ch(LAMBDA_C, 0.0170, SIGMA_PLUS, OMEGA);
        ch(LAMBDA_C, 0.0160, PROTON, K0S, PION, -PION);
        ch(LAMBDA_C, 0.0160, PROTON, K0L, PION, -PION);
        ch(LAMBDA_C, 0.0180, NEUTRON, K0S, PION);
        ch(LAMBDA_C, 0.0180, NEUTRON, K0L, PION);
        ch(LAMBDA_C, 0.1000, LAMBDA, PION, PI0, PI0);
        ch(LAMBDA_C, 0.0800, PROTON, -KAON, PION, PI0, PI0);
        ch(LAMBDA_C, 0.0800, SIGMA_PLUS, PION, -PION, PI0);
        ch(LAMBDA_C, 0.0700, NEUTRON, -KAON, PION, PION);
        ch(LAMBDA_C, 0.0700, LAMBDA, PION, PION, -PION, PI0);
        ch(LAMBDA_C, 0.0500, SIGMA0, PION, PI0);
        ch(LAMBDA_C, 0.0300, PROTON, K0S, PI0);
        ch(LAMBDA_C, 0.0300, PROTON, K0L, PI0);
    }

    /**
     * B mesons are written for the particle with a b antiquark (B+ = u bbar, B0 = d bbar, Bs = s bbar), which
     * decays bbar -> cbar W+; Lambda_b0 = udb decays b -> c W-.
     */
    private static void bottom() {
        // B+ -> Dbar0 / D*bar0 (spectator u), W+ -> l+ nu, u dbar (pi+, rho+, a1+, pions), c sbar (Ds+).
        bSemileptonic(BPLUS, -D0, -DSTAR0, -DPLUS, PION, -DSTAR_PLUS, PION, 0.0235, 0.0558);
        ch(BPLUS, 0.0047, -D0, PION);
        ch(BPLUS, 0.0049, -DSTAR0, PION);
        ch(BPLUS, 0.0134, -D0, RHO);
        ch(BPLUS, 0.0098, -DSTAR0, RHO);
        ch(BPLUS, 0.0100, -D0, A1);
        ch(BPLUS, 0.0150, -DSTAR0, A1);
        ch(BPLUS, 0.0010, -DPLUS, PION, PION);
        ch(BPLUS, 0.0013, -DSTAR_PLUS, PION, PION);
        ch(BPLUS, 0.0090, -D0, DS);
        ch(BPLUS, 0.0082, -DSTAR0, DS);
        // D(*) Ds*: the Ds* -> Ds gamma photon made explicit.
        ch(BPLUS, 0.0076, -D0, DS, PHOTON);
        ch(BPLUS, 0.0171, -DSTAR0, DS, PHOTON);
        // bbar -> cbar c sbar with a popped light pair: D Dbar K.
        ch(BPLUS, 0.0200, -D0, D0, KAON);
        ch(BPLUS, 0.0100, -D0, DPLUS, K0S);
        ch(BPLUS, 0.0100, -D0, DPLUS, K0L);
        ch(BPLUS, 0.0150, -DSTAR0, D0, KAON);
        ch(BPLUS, 0.0050, -DSTAR0, DPLUS, K0S);
        ch(BPLUS, 0.0050, -DSTAR0, DPLUS, K0L);
        // Multi-pion remainder.
        ch(BPLUS, 0.0700, -D0, PION, PI0);
        ch(BPLUS, 0.0300, -D0, PION, PION, -PION);
        ch(BPLUS, 0.0800, -D0, PION, PION, -PION, PI0);
        ch(BPLUS, 0.0700, -DSTAR0, PION, PION, -PION, PI0);
        ch(BPLUS, 0.0600, -D0, PION, PI0, PI0);
        ch(BPLUS, 0.0500, -DPLUS, PION, PION, PI0);
        ch(BPLUS, 0.0500, -DSTAR_PLUS, PION, PION, PI0);
        ch(BPLUS, 0.0400, -D0, PION, PION, -PION, PI0, PI0);
        ch(BPLUS, 0.0400, -DPLUS, PION, PION, PION, -PION);
        ch(BPLUS, 0.0400, -DSTAR0, PION, PI0, PI0);
        ch(BPLUS, 0.0300, -D0, PION, PION, PION, -PION, -PION);
        ch(BPLUS, 0.0400, -DSTAR0, PION, PION, -PION);

        // B0 -> D- / D*- (spectator d).
        bSemileptonic(B0, -DPLUS, -DSTAR_PLUS, -D0, -PION, -DSTAR0, -PION, 0.0231, 0.0505);
        ch(B0, 0.0025, -DPLUS, PION);
        ch(B0, 0.0027, -DSTAR_PLUS, PION);
        ch(B0, 0.0078, -DPLUS, RHO);
        ch(B0, 0.0068, -DSTAR_PLUS, RHO);
        ch(B0, 0.0060, -DPLUS, A1);
        ch(B0, 0.0130, -DSTAR_PLUS, A1);
        ch(B0, 0.0072, -DPLUS, DS);
        ch(B0, 0.0080, -DSTAR_PLUS, DS);
        ch(B0, 0.0074, -DPLUS, DS, PHOTON);
        ch(B0, 0.0177, -DSTAR_PLUS, DS, PHOTON);
        ch(B0, 0.0200, -DPLUS, D0, KAON);
        ch(B0, 0.0100, -DPLUS, DPLUS, K0S);
        ch(B0, 0.0100, -DPLUS, DPLUS, K0L);
        ch(B0, 0.0200, -DSTAR_PLUS, D0, KAON);
        ch(B0, 0.0700, -DPLUS, PION, PI0);
        ch(B0, 0.0200, -D0, PION, -PION);
        ch(B0, 0.0300, -DPLUS, PION, PION, -PION);
        ch(B0, 0.0800, -DPLUS, PION, PION, -PION, PI0);
        ch(B0, 0.0700, -DSTAR_PLUS, PION, PION, -PION, PI0);
        ch(B0, 0.0600, -DPLUS, PION, PI0, PI0);
        ch(B0, 0.0500, -D0, PION, -PION, PI0);
        ch(B0, 0.0500, -DSTAR0, PION, -PION, PI0);
        ch(B0, 0.0400, -DPLUS, PION, PION, -PION, PI0, PI0);
        ch(B0, 0.0400, -D0, PION, PION, -PION, -PION);
        ch(B0, 0.0400, -DSTAR_PLUS, PION, PI0, PI0);
        ch(B0, 0.0400, -DSTAR_PLUS, PION, PION, -PION);

        // Bs -> Ds- (spectator s); Ds* folded into Ds.
        va(BS, 0.0800, -DS, -ELECTRON, NU_E);
        va(BS, 0.0100, -D0, -KAON, -ELECTRON, NU_E);
        va(BS, 0.0050, -DPLUS, K0S, -ELECTRON, NU_E);
        va(BS, 0.0050, -DPLUS, K0L, -ELECTRON, NU_E);
        va(BS, 0.0800, -DS, -MUON, NU_MU);
        va(BS, 0.0100, -D0, -KAON, -MUON, NU_MU);
        va(BS, 0.0050, -DPLUS, K0S, -MUON, NU_MU);
        va(BS, 0.0050, -DPLUS, K0L, -MUON, NU_MU);
        va(BS, 0.0250, -DS, -TAU, NU_TAU);
        ch(BS, 0.0030, -DS, PION);
        ch(BS, 0.0070, -DS, RHO);
        ch(BS, 0.0060, -DS, A1);
        ch(BS, 0.0044, -DS, DS);
        ch(BS, 0.0250, -DS, DS, PHOTON);
        ch(BS, 0.0500, -DS, PION, PI0);
        ch(BS, 0.0600, -DS, PION, PION, -PION);
        ch(BS, 0.0900, -DS, PION, PION, -PION, PI0);
        ch(BS, 0.0700, -DS, PION, PI0, PI0);
        ch(BS, 0.0500, -DS, PION, PION, -PION, PI0, PI0);
        ch(BS, 0.0300, -D0, -KAON, PION);
        ch(BS, 0.0300, -D0, -KAON, PION, PI0);
        ch(BS, 0.0200, -D0, -KAON, PION, PION, -PION);
        ch(BS, 0.0300, -DPLUS, K0S, PION);
        ch(BS, 0.0300, -DPLUS, K0L, PION);
        ch(BS, 0.0300, -DS, KAON, K0S);
        ch(BS, 0.0300, -DS, KAON, K0L);
        ch(BS, 0.0500, -DS, D0, KAON);

        // Lambda_b0 = udb: b -> c W-, W- -> l- nubar, d ubar, s cbar.
        va(LAMBDA_B, 0.0620, LAMBDA_C, ELECTRON, -NU_E);
        va(LAMBDA_B, 0.0280, LAMBDA_C, PION, -PION, ELECTRON, -NU_E);
        va(LAMBDA_B, 0.0620, LAMBDA_C, MUON, -NU_MU);
        va(LAMBDA_B, 0.0280, LAMBDA_C, PION, -PION, MUON, -NU_MU);
        va(LAMBDA_B, 0.0200, LAMBDA_C, TAU, -NU_TAU);
        ch(LAMBDA_B, 0.0049, LAMBDA_C, -PION);
        ch(LAMBDA_B, 0.0100, LAMBDA_C, -RHO);
        ch(LAMBDA_B, 0.0077, LAMBDA_C, -A1);
        ch(LAMBDA_B, 0.0110, LAMBDA_C, -DS);
        ch(LAMBDA_B, 0.0200, LAMBDA_C, -DS, PHOTON);
        ch(LAMBDA_B, 0.0700, LAMBDA_C, -PION, PI0);
        ch(LAMBDA_B, 0.0800, LAMBDA_C, -PION, PION, -PION, PI0);
        ch(LAMBDA_B, 0.0600, LAMBDA_C, -PION, PI0, PI0);
        ch(LAMBDA_B, 0.0500, LAMBDA_C, -PION, -PION, PION, PI0, PI0);
        ch(LAMBDA_B, 0.0400, LAMBDA_C, -PION, -PION, PION);
        ch(LAMBDA_B, 0.0063, PROTON, D0, -PION);
        ch(LAMBDA_B, 0.0200, PROTON, D0, -PION, PI0);
        ch(LAMBDA_B, 0.0200, LAMBDA_C, -D0, -KAON);
        ch(LAMBDA_B, 0.0100, LAMBDA_C, -DPLUS, K0S);
        ch(LAMBDA_B, 0.0100, LAMBDA_C, -DPLUS, K0L);
        ch(LAMBDA_B, 0.0500, LAMBDA_C, -PION, -PION, PION, -PION, PION);
    }

    /**
     * The semileptonic modes of a B meson (bbar -> cbar l+ nu) for e and mu, and the tau modes: D l nu, D* l nu,
     * and D** l nu as D(*) pi l nu with the pion's charge given ({@code dPi} + {@code pi}, {@code dsPi} +
     * {@code pi}) plus the neutral-pion partner, in the measured proportions (D** ~ 15% of B -> X_c l nu).
     */
    private static void bSemileptonic(int b, int d, int dStar, int dPi, int pi, int dStarPi, int piStar,
                                      double brD, double brDStar) {
        int[][] leptons = {{-ELECTRON, NU_E}, {-MUON, NU_MU}};
        for (int[] l : leptons) {
            va(b, brD, d, l[0], l[1]);
            va(b, brDStar, dStar, l[0], l[1]);
            va(b, 0.0067, dPi, pi, l[0], l[1]);
            va(b, 0.0067, dStarPi, piStar, l[0], l[1]);
            va(b, 0.0033, d, PI0, l[0], l[1]);
            va(b, 0.0033, dStar, PI0, l[0], l[1]);
        }
        va(b, 0.0188, dStar, -TAU, NU_TAU);
        va(b, 0.0077, d, -TAU, NU_TAU);
    }

    private static void freeze() {
        int n = BUILD.size();
        cumulative = new double[n];
        hadronicCumulative = new double[n];
        numDaughters = new int[n];
        daughters = new int[n * MAX];
        matrixElement = new int[n];
        java.util.Arrays.fill(FIRST, -1);
        // Channels of one parent are contiguous: group them in insertion order.
        List<Channel> sorted = new ArrayList<>(BUILD);
        sorted.sort(java.util.Comparator.comparingInt(c -> Species.index(c.parent())));
        for (int c = 0; c < n; c++) {
            Channel ch = sorted.get(c);
            int s = Species.index(ch.parent());
            if (FIRST[s] < 0) {
                FIRST[s] = c;
            }
            NUM[s]++;
            if (ch.daughters().length > MAX || ch.daughters().length < 2) {
                throw new IllegalStateException("decay of " + ch.parent() + " into " + ch.daughters().length
                        + " particles");
            }
            numDaughters[c] = ch.daughters().length;
            matrixElement[c] = ch.me();
            for (int k = 0; k < ch.daughters().length; k++) {
                if (Species.index(ch.daughters()[k]) < 0) {
                    throw new IllegalStateException("unknown daughter " + ch.daughters()[k] + " of " + ch.parent());
                }
                daughters[c * MAX + k] = ch.daughters()[k];
            }
        }
        for (int s = 0; s < Species.COUNT; s++) {
            if (FIRST[s] < 0) {
                continue;
            }
            double total = 0;
            double hadronic = 0;
            for (int c = FIRST[s]; c < FIRST[s] + NUM[s]; c++) {
                total += sorted.get(c).br();
                hadronic += isHadronic(c) ? sorted.get(c).br() : 0;
            }
            double acc = 0;
            double hacc = 0;
            for (int c = FIRST[s]; c < FIRST[s] + NUM[s]; c++) {
                acc += sorted.get(c).br() / total;
                hacc += isHadronic(c) ? sorted.get(c).br() / hadronic : 0;
                cumulative[c] = acc;
                hadronicCumulative[c] = hacc;
            }
            // Exactly 1 at the end, whatever the rounding.
            cumulative[FIRST[s] + NUM[s] - 1] = 1;
            hadronicCumulative[FIRST[s] + NUM[s] - 1] = 1;
        }
        BUILD.clear();
    }

    private static boolean isHadronic(int channel) {
        for (int k = 0; k < numDaughters[channel]; k++) {
            int a = Math.abs(daughters[channel * MAX + k]);
            if (a == ELECTRON || a == MUON) {
                return false;
            }
        }
        return true;
    }

    /** True if the species (sign ignored) has decay channels. */
    static boolean isUnstable(int pdg) {
        int s = Species.index(pdg);
        return s >= 0 && FIRST[s] >= 0;
    }

    /**
     * Picks a channel of {@code pdg} (sign ignored) for the uniform number {@code u}; with {@code hadronicOnly} only
     * channels without a charged lepton are eligible (forced hadronic tau decays).
     */
    static int pick(int pdg, double u, boolean hadronicOnly) {
        int s = Species.index(pdg);
        double[] cum = hadronicOnly ? hadronicCumulative : cumulative;
        int last = FIRST[s] + NUM[s] - 1;
        for (int c = FIRST[s]; c < last; c++) {
            if (u < cum[c] && (!hadronicOnly || isHadronic(c))) {
                return c;
            }
        }
        return last;
    }

    /** Number of daughters of a channel. */
    static int numDaughters(int channel) {
        return numDaughters[channel];
    }

    /** Daughter {@code k} of a channel for the decay of a particle (positive id): conjugate it for antiparticles. */
    static int daughter(int channel, int k) {
        return daughters[channel * MAX + k];
    }

    /** The matrix-element code of a channel. */
    static int matrixElement(int channel) {
        return matrixElement[channel];
    }

    /** First channel of a species (sign ignored), -1 if stable. */
    static int firstChannel(int pdg) {
        return FIRST[Species.index(pdg)];
    }

    /** Number of channels of a species (sign ignored). */
    static int numChannels(int pdg) {
        return NUM[Species.index(pdg)];
    }

    /** Normalised branching fraction of a channel. */
    static double branchingFraction(int channel) {
        int s = -1;
        for (int i = 0; i < Species.COUNT; i++) {
            if (FIRST[i] >= 0 && channel >= FIRST[i] && channel < FIRST[i] + NUM[i]) {
                s = i;
            }
        }
        return channel == FIRST[s] ? cumulative[channel] : cumulative[channel] - cumulative[channel - 1];
    }
}
