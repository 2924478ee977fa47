package org.mlpf.generate.gen;

import org.mlpf.physics.ParticleData;

/**
 * The particle species the generator produces, with what its hot loops need in primitive arrays: mass (GeV),
 * charge, width (GeV, for Breit-Wigner masses of resonances), proper decay length c*tau (cm) and whether the
 * species is its own antiparticle. Masses and charges are read from {@link ParticleData} after the unstable
 * species are registered there (PDG 2024 values), so generator and detector simulation agree; lookups go through
 * a switch on the PDG id, not a boxed map.
 */
final class Species {
    // Leptons and gauge bosons
    static final int ELECTRON = 11;
    static final int NU_E = 12;
    static final int MUON = 13;
    static final int NU_MU = 14;
    static final int TAU = 15;
    static final int NU_TAU = 16;
    static final int GLUON = 21;
    static final int PHOTON = 22;
    static final int Z = 23;
    static final int W = 24;
    static final int TOP = 6;
    static final int BOTTOM = 5;
    static final int CHARM = 4;
    // Light mesons
    static final int PI0 = 111;
    static final int PION = 211;
    static final int RHO0 = 113;
    static final int RHO = 213;
    static final int ETA = 221;
    static final int OMEGA = 223;
    static final int K0L = 130;
    static final int K0S = 310;
    static final int KAON = 321;
    static final int KSTAR0 = 313;
    static final int KSTAR = 323;
    static final int PHI = 333;
    static final int A1 = 20213;
    // Baryons
    static final int PROTON = 2212;
    static final int NEUTRON = 2112;
    static final int LAMBDA = 3122;
    static final int SIGMA_PLUS = 3222;
    static final int SIGMA0 = 3212;
    static final int SIGMA_MINUS = 3112;
    static final int XI0 = 3322;
    static final int XI_MINUS = 3312;
    static final int OMEGA_MINUS = 3334;
    // Charm and bottom hadrons
    static final int D0 = 421;
    static final int DPLUS = 411;
    static final int DS = 431;
    static final int DSTAR_PLUS = 413;
    static final int DSTAR0 = 423;
    static final int LAMBDA_C = 4122;
    static final int BPLUS = 521;
    static final int B0 = 511;
    static final int BS = 531;
    static final int LAMBDA_B = 5122;

    /** Number of species in the arrays below. */
    static final int COUNT = 46;

    private static final double[] MASS = new double[COUNT];
    private static final int[] THREE_CHARGE = new int[COUNT];
    private static final double[] WIDTH = new double[COUNT];
    private static final double[] CTAU = new double[COUNT];
    private static final boolean[] SELF_CONJUGATE = new boolean[COUNT];
    private static final int[] PDG = new int[COUNT];

    static {
        // Unstable species of the generator that ParticleData does not know yet (PDG 2024 masses, GeV).
        ParticleData.register(ETA, "eta", 0.547862, 0, false);
        ParticleData.register(RHO0, "rho0", 0.77526, 0, false);
        ParticleData.register(RHO, "rho+", 0.77511, 3, false);
        ParticleData.register(OMEGA, "omega", 0.78266, 0, false);
        ParticleData.register(KSTAR0, "K*0", 0.89555, 0, false);
        ParticleData.register(KSTAR, "K*+", 0.89167, 3, false);
        ParticleData.register(PHI, "phi", 1.019461, 0, false);
        ParticleData.register(A1, "a1+", 1.230, 3, false);
        ParticleData.register(D0, "D0", 1.86484, 0, false);
        ParticleData.register(DPLUS, "D+", 1.86966, 3, false);
        ParticleData.register(DS, "D_s+", 1.96835, 3, false);
        ParticleData.register(DSTAR_PLUS, "D*+", 2.01026, 3, false);
        ParticleData.register(DSTAR0, "D*0", 2.00685, 0, false);
        ParticleData.register(LAMBDA_C, "Lambda_c+", 2.28646, 3, false);
        ParticleData.register(BPLUS, "B+", 5.27934, 3, false);
        ParticleData.register(B0, "B0", 5.27966, 0, false);
        ParticleData.register(BS, "B_s0", 5.36692, 0, false);
        ParticleData.register(LAMBDA_B, "Lambda_b0", 5.61960, 0, false);

        // pdg, width (GeV), c*tau (cm; 0 = decays at its production point), self-conjugate
        define(0, ELECTRON, 0, 0, false);
        define(1, NU_E, 0, 0, false);
        define(2, MUON, 0, 0, false);
        define(3, NU_MU, 0, 0, false);
        define(4, TAU, 0, 87.03e-4, false);
        define(5, NU_TAU, 0, 0, false);
        define(6, PHOTON, 0, 0, true);
        define(7, PI0, 0, 0, true);
        define(8, PION, 0, 0, false);
        define(9, RHO0, 0.1491, 0, true);
        define(10, RHO, 0.1491, 0, false);
        define(11, ETA, 0, 0, true);
        define(12, OMEGA, 0, 0, true);
        define(13, K0L, 0, 0, true);
        define(14, K0S, 0, 2.6844, true);
        define(15, KAON, 0, 0, false);
        define(16, KSTAR0, 0.0473, 0, false);
        define(17, KSTAR, 0.0514, 0, false);
        define(18, PHI, 0, 0, true);
        define(19, A1, 0.420, 0, false);
        define(20, PROTON, 0, 0, false);
        define(21, NEUTRON, 0, 0, false);
        define(22, LAMBDA, 0, 7.89, false);
        define(23, SIGMA_PLUS, 0, 2.404, false);
        define(24, SIGMA0, 0, 0, false);
        define(25, SIGMA_MINUS, 0, 4.434, false);
        define(26, XI0, 0, 8.71, false);
        define(27, XI_MINUS, 0, 4.91, false);
        define(28, OMEGA_MINUS, 0, 2.461, false);
        define(29, D0, 0, 122.9e-4, false);
        define(30, DPLUS, 0, 311.8e-4, false);
        define(31, DS, 0, 151.2e-4, false);
        define(32, DSTAR_PLUS, 0, 0, false);
        define(33, DSTAR0, 0, 0, false);
        define(34, LAMBDA_C, 0, 60.75e-4, false);
        define(35, BPLUS, 0, 491.1e-4, false);
        define(36, B0, 0, 455.7e-4, false);
        define(37, BS, 0, 452.7e-4, false);
        define(38, LAMBDA_B, 0, 441.0e-4, false);
        define(39, W, 2.085, 0, false);
        define(40, Z, 2.4952, 0, true);
        define(41, TOP, 1.42, 0, false);
        define(42, GLUON, 0, 0, true);
        define(43, BOTTOM, 0, 0, false);
        define(44, CHARM, 0, 0, false);
        define(45, 3, 0, 0, false);
    }

    private Species() {
    }

    /**
     * Makes sure the generator's species are registered with {@link ParticleData} (calling it runs this class's
     * initialisation; the PDG-id constants alone do not, being compile-time constants).
     */
    static void ensureRegistered() {
        // Class initialisation has happened by the time this runs.
    }

    private static void define(int index, int pdg, double width, double ctau, boolean selfConjugate) {
        if (lookup(pdg) != index) {
            throw new IllegalStateException("species table and index() disagree for PDG id " + pdg);
        }
        PDG[index] = pdg;
        MASS[index] = ParticleData.mass(pdg);
        THREE_CHARGE[index] = ParticleData.threeCharge(pdg);
        WIDTH[index] = width;
        CTAU[index] = ctau;
        SELF_CONJUGATE[index] = selfConjugate;
    }

    /** Index by |PDG id| for ids below {@link #TABLE_SIZE}: one array load instead of a switch in the hot loops. */
    private static final int TABLE_SIZE = LAMBDA_B + 1;
    private static final byte[] TABLE = new byte[TABLE_SIZE];

    static {
        for (int a = 0; a < TABLE_SIZE; a++) {
            TABLE[a] = (byte) lookup(a);
        }
    }

    /** Index of a species in the arrays (sign of the id ignored), -1 if the generator does not know it. */
    static int index(int pdg) {
        int a = pdg < 0 ? -pdg : pdg;
        if (a < TABLE_SIZE) {
            return TABLE[a];
        }
        return a == A1 ? lookup(a) : -1;
    }

    private static int lookup(int a) {
        return switch (a) {
            case ELECTRON -> 0;
            case NU_E -> 1;
            case MUON -> 2;
            case NU_MU -> 3;
            case TAU -> 4;
            case NU_TAU -> 5;
            case PHOTON -> 6;
            case PI0 -> 7;
            case PION -> 8;
            case RHO0 -> 9;
            case RHO -> 10;
            case ETA -> 11;
            case OMEGA -> 12;
            case K0L -> 13;
            case K0S -> 14;
            case KAON -> 15;
            case KSTAR0 -> 16;
            case KSTAR -> 17;
            case PHI -> 18;
            case A1 -> 19;
            case PROTON -> 20;
            case NEUTRON -> 21;
            case LAMBDA -> 22;
            case SIGMA_PLUS -> 23;
            case SIGMA0 -> 24;
            case SIGMA_MINUS -> 25;
            case XI0 -> 26;
            case XI_MINUS -> 27;
            case OMEGA_MINUS -> 28;
            case D0 -> 29;
            case DPLUS -> 30;
            case DS -> 31;
            case DSTAR_PLUS -> 32;
            case DSTAR0 -> 33;
            case LAMBDA_C -> 34;
            case BPLUS -> 35;
            case B0 -> 36;
            case BS -> 37;
            case LAMBDA_B -> 38;
            case W -> 39;
            case Z -> 40;
            case TOP -> 41;
            case GLUON -> 42;
            case BOTTOM -> 43;
            case CHARM -> 44;
            case 3 -> 45;
            default -> -1;
        };
    }

    private static int require(int pdg) {
        int i = index(pdg);
        if (i < 0) {
            throw new IllegalArgumentException("PDG id " + pdg + " is not a species of the generator");
        }
        return i;
    }

    /** Pole mass, GeV. */
    static double mass(int pdg) {
        return MASS[require(pdg)];
    }

    /** Charge in units of e, with the sign of particle or antiparticle. */
    static int charge(int pdg) {
        int q = THREE_CHARGE[require(pdg)] / 3;
        return pdg < 0 ? -q : q;
    }

    /** Full width, GeV; non-zero only for the resonances whose mass is drawn from a Breit-Wigner. */
    static double width(int pdg) {
        return WIDTH[require(pdg)];
    }

    /** Proper decay length c*tau, cm; 0 for strong and electromagnetic decays (daughters start where it was made). */
    static double ctau(int pdg) {
        return CTAU[require(pdg)];
    }

    /** The antiparticle's id: the same id for self-conjugate species (photon, pi0, K0S...), else the negative. */
    static int conjugate(int pdg) {
        int i = index(pdg);
        return i >= 0 && SELF_CONJUGATE[i] ? pdg : -pdg;
    }

    /** Baryon number (+1, -1 or 0). */
    static int baryonNumber(int pdg) {
        int a = pdg < 0 ? -pdg : pdg;
        boolean baryon = a > 1000 && a < 10000;
        return baryon ? (pdg < 0 ? -1 : 1) : 0;
    }

    /** Lepton number of the given generation (1 = e, 2 = mu, 3 = tau). */
    static int leptonNumber(int pdg, int generation) {
        int a = pdg < 0 ? -pdg : pdg;
        boolean member = a == 9 + 2 * generation || a == 10 + 2 * generation;
        return member ? (pdg < 0 ? -1 : 1) : 0;
    }

    /** True for neutrinos (invisible to the detector). */
    static boolean isNeutrino(int pdg) {
        int a = pdg < 0 ? -pdg : pdg;
        return a == NU_E || a == NU_MU || a == NU_TAU;
    }

    /** All PDG ids of the table (positive), for tests and documentation. */
    static int[] all() {
        return PDG.clone();
    }
}
