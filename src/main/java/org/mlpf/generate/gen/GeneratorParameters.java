package org.mlpf.generate.gen;

/**
 * The physics parameters of the event generator, in one place so that {@code docs/generator.md} can cite them.
 * Units: GeV for energies and momenta, cm for lengths, radians for angles. They are documented constants rather
 * than configuration keys: changing one changes the physics of every sample, which deserves a commit, not a flag.
 */
public final class GeneratorParameters {
    // ---- Beams --------------------------------------------------------------------------------------------

    /** Proton-proton centre-of-mass energy, GeV: the 14 TeV of CMS's MLPF training samples. */
    public static final double SQRT_S = 14000;
    /** Beam-spot Gaussian width in x and y, cm (10 um, LHC luminous region). */
    public static final double BEAM_SPOT_SIGMA_XY = 10e-4;
    /** Luminous-region Gaussian width along z, cm: the spread of primary and pileup vertices. */
    public static final double BEAM_SPOT_SIGMA_Z = 4.5;

    // ---- Strong coupling -------------------------------------------------------------------------------------

    /** alpha_s at the Z mass; one-loop running with five flavours is used everywhere. */
    public static final double ALPHA_S_MZ = 0.118;

    // ---- Hard processes -------------------------------------------------------------------------------------

    /** Lowest pT-hat of the QCD 2 -> 2 sample, GeV (as CMS's QCD_Pt-15 samples). */
    public static final double QCD_PTHAT_MIN = 15;
    /** Highest pT-hat of the QCD sample, GeV: above it the rate is negligible (10^-9 of the total). */
    public static final double QCD_PTHAT_MAX = 3000;
    /** Z -> tau tau: the Breit-Wigner is generated within m_Z +- this window, GeV. */
    public static final double Z_MASS_WINDOW = 30;
    /** Top-quark and W-boson Breit-Wigner masses are truncated at this many widths from the pole. */
    public static final double BREIT_WIGNER_WIDTHS = 5;
    /** Longitudinal W helicity fraction in top decays (SM at NNLO, measured 0.69 +- 0.02). */
    public static final double W_HELICITY_F0 = 0.687;
    /** Left-handed W helicity fraction in top decays; the right-handed one is the remainder (0.002). */
    public static final double W_HELICITY_FL = 0.311;

    // ---- Initial-state radiation (recoil of the hard system, extra jets) -------------------------------------

    /** ISR emissions stop below this transverse momentum, GeV; softer radiation is part of the underlying event. */
    public static final double ISR_PT_MIN = 3.0;
    /** Fraction of ISR emissions that are quarks (the rest are gluons): backward g -> q qbar splittings. */
    public static final double ISR_QUARK_FRACTION = 0.15;

    // ---- Final-state parton shower -------------------------------------------------------------------------

    /**
     * Shower cutoff on the relative transverse momentum of a branching, GeV. High compared with Pythia's ~0.5 GeV
     * because independent fragmentation turns every parton into a whole chain of hadrons: with this cutoff the
     * mean charged multiplicity of e+e- -> hadrons is LEP's (20.8 vs 20.9 at the Z pole).
     */
    public static final double SHOWER_KT_MIN = 2.5;
    /** Largest opening angle of a first branching (radians): the colour-coherence cone of a hard parton. */
    public static final double SHOWER_MAX_ANGLE = Math.PI / 2;

    // ---- Independent fragmentation (Field-Feynman) ---------------------------------------------------------

    /** Field-Feynman fragmentation function f(z) = 1 - a + 3a(1 - z)^2: the parameter a (FF 1978: 0.77). */
    public static final double FF_A = 0.77;
    /** Power b of the (1 - z)^b term of the fragmentation function (Field-Feynman: 2). */
    public static final double FF_POWER = 2;
    /** Peterson epsilon for charm quarks (f(z) ~ 1 / (z (1 - 1/z - eps/(1-z))^2)). */
    public static final double PETERSON_EPS_C = 0.05;
    /** Peterson epsilon for bottom quarks. */
    public static final double PETERSON_EPS_B = 0.005;
    /** Gaussian width of each transverse-momentum component of a popped quark, GeV (hadron pT ~ 0.42 GeV). */
    public static final double FRAG_SIGMA_KT = 0.24;
    /** A fragmentation chain also stops when its remaining light-cone momentum E + p_L falls below this, GeV. */
    public static final double FRAG_W_MIN = 0.8;
    /**
     * Lowest rapidity of a hadron along its parton's axis (0: no hadron moves backward, the Field-Feynman
     * condition E + p_L >= mT); negative values would let soft hadrons spill backward.
     */
    public static final double FRAG_Y_MIN = 0.0;
    /** Strange-quark suppression: u : d : s pair creation = 1 : 1 : this. */
    public static final double FRAG_STRANGE = 0.30;
    /** Probability that a popped pair is a diquark-antidiquark (baryon production). */
    public static final double FRAG_DIQUARK = 0.085;
    /** Vector-meson fraction of light mesons (rho, omega, K*). */
    public static final double FRAG_VECTOR_LIGHT = 0.40;
    /** Vector-meson fraction of charm mesons (D*). */
    public static final double FRAG_VECTOR_CHARM = 0.60;
    /** Fraction of eta among pseudoscalar u-ubar / d-dbar mesons (the rest are pi0). */
    public static final double FRAG_ETA_FRACTION = 0.15;

    // ---- Soft interactions: pileup and the underlying event ------------------------------------------------

    /** Soft particles are produced flat in rapidity within |y| < this. */
    public static final double SOFT_Y_MAX = 5.0;
    /** Negative-binomial shape parameter k of the multiplicity of one interaction (KNO-like fluctuations). */
    public static final double SOFT_NBD_K = 1.5;
    /** Underlying event of a hard scatter: multiplicity relative to a minimum-bias interaction (pedestal effect). */
    public static final double UE_MULTIPLICITY_SCALE = 2.0;
    /** Tsallis exponent n of the soft pT spectra (dN/dpT ~ pT (1 + (mT - m)/(nT))^-n). */
    public static final double SOFT_TSALLIS_N = 7;
    /** Tsallis temperature of pions, GeV (mean pT ~ 0.45 GeV). */
    public static final double SOFT_TSALLIS_T_PION = 0.125;
    /** Tsallis temperature of kaons and eta, GeV (mean pT ~ 0.7 GeV). */
    public static final double SOFT_TSALLIS_T_KAON = 0.165;
    /** Tsallis temperature of baryons, GeV (mean pT ~ 0.85 GeV). */
    public static final double SOFT_TSALLIS_T_BARYON = 0.175;

    // ---- Particle guns ---------------------------------------------------------------------------------------

    /** Guns shoot flat in pseudorapidity within |eta| < this: the tracker acceptance, as CMS's single-particle RelVals. */
    public static final double GUN_ETA_MAX = 2.5;

    private GeneratorParameters() {
    }
}
