package org.mlpf.generate.sim;

/**
 * The CMS-like detector's fixed numbers: geometry (cm), field (T), resolutions (GeV) and efficiencies, as
 * documented named constants (docs/simulation.md, the Delphes CMS card, CMS detector papers). What users may
 * tune (thresholds) lives in {@link org.mlpf.generate.ReconstructionConfig}; these are physics, not knobs.
 */
public final class CmsDetector {
    /** Solenoid field along +z, tesla. */
    public static final double FIELD_T = 3.8;
    /** pT (GeV) = {@code CURVATURE_CONST * B (T) * R (cm)}: 0.299792458 GeV/(T m), per cm. */
    public static final double CURVATURE_CONST = 0.299792458e-2;

    // --- Tracker ----------------------------------------------------------------------------------------
    /** Tracker acceptance, |eta|. */
    public static final double TRACKER_MAX_ETA = 2.5;
    /** Lowest reconstructable track pT, GeV (Delphes CMS card). */
    public static final double TRACK_MIN_PT = 0.1;
    /** Minimum number of tracker hits for a track (a pixel triplet). */
    public static final int TRACK_MIN_HITS = 3;
    /** Probability that a crossed tracker layer gives a hit. */
    public static final double HIT_EFFICIENCY = 0.97;
    /** Outer radius of the tracking volume for hit counting, cm. */
    public static final double TRACKER_OUTER_R = 110;
    /** Half length of the tracking volume for hit counting, cm. */
    public static final double TRACKER_HALF_Z = 280;
    /** Barrel layers: radius (cm) and half length (cm): 3 pixel, 4 TIB, 6 TOB layers. */
    static final double[] BARREL_LAYER_R = {4.4, 7.3, 10.2, 25.5, 33.9, 41.8, 49.8, 60.8, 69.2, 78.0, 86.8, 96.5,
        108.0};
    static final double[] BARREL_LAYER_HALF_Z = {26.7, 26.7, 26.7, 70, 70, 70, 70, 110, 110, 110, 110, 110, 110};
    /** Endcap disks: |z| (cm), inner and outer radius (cm): 2 FPIX, 3 TID, 9 TEC disks. */
    static final double[] DISK_Z = {34.5, 46.5, 80, 90, 105, 124, 139, 155, 171, 188, 207, 226, 247, 270};
    static final double[] DISK_R_MIN = {6, 6, 22, 22, 22, 23, 23, 23, 23, 23, 23, 23, 23, 23};
    static final double[] DISK_R_MAX = {15, 15, 50, 50, 50, 110, 110, 110, 110, 110, 110, 110, 110, 110};
    /** Track z0 resolution at the beam line, cm: constant term and multiple-scattering term (cm GeV). */
    public static final double Z0_RES_CONST = 0.0025;
    public static final double Z0_RES_MS = 0.0100;
    /** The z0 resolution grows as cosh(eta) to this power (longer lever arm to the beam line). */
    public static final double Z0_RES_ETA_POWER = 1.2;
    /** Track azimuth resolution, rad: constant and multiple-scattering (rad GeV) terms. */
    public static final double PHI_RES_CONST = 1.0e-4;
    public static final double PHI_RES_MS = 2.0e-3;
    /** Track pseudorapidity resolution: constant and multiple-scattering (GeV) terms. */
    public static final double ETA_RES_CONST = 1.5e-4;
    public static final double ETA_RES_MS = 2.5e-3;
    /** Relative resolution of the GSF momentum at the outermost state (after brem), unitless. */
    public static final double GSF_OUT_RES = 0.05;
    /** Tracker material in radiation lengths: value at eta 0, peak height above it, peak |eta| and width. */
    public static final double MATERIAL_X0_BASE = 0.4;
    public static final double MATERIAL_X0_PEAK = 1.4;
    public static final double MATERIAL_X0_PEAK_ETA = 1.5;
    public static final double MATERIAL_X0_PEAK_WIDTH = 0.5;
    /** Number of GSF trajectory points (material layers) at which brem is emitted. */
    public static final int GSF_TRAJ_POINTS = 5;
    /** A KF track survives for an electron only if the brem fraction (energy radiated / initial) is below this. */
    public static final double KF_MAX_BREM_FRACTION = 0.5;
    /** A loop that has not reached the calorimeter after this many turns is absorbed in the tracker. */
    public static final double MAX_LOOPER_TURNS = 1.0;

    // --- Calorimeter surfaces ---------------------------------------------------------------------------
    /** ECAL barrel front face radius, cm (the 1.29 m propagation cylinder of the Delphes CMS card). */
    public static final double ECAL_R = 129.0;
    /** |z| where the ECAL barrel ends (|eta| = 1.479 at r = 129 cm), cm. */
    public static final double ECAL_BARREL_HALF_Z = 268.0;
    /** ECAL endcap front face |z|, cm. */
    public static final double ECAL_ENDCAP_Z = 315.4;
    /** |eta| of the ECAL barrel / endcap boundary. */
    public static final double ECAL_BARREL_ETA = 1.479;
    /** ECAL endcap crystal front size, cm. */
    public static final double ECAL_ENDCAP_CRYSTAL = 2.862;
    /** HCAL barrel inner radius, cm. */
    public static final double HCAL_R = 177.7;
    /** |z| where the HCAL barrel ends (|eta| = 1.3), cm. */
    public static final double HCAL_BARREL_HALF_Z = 301.8;
    /** HCAL endcap front face |z|, cm. */
    public static final double HCAL_ENDCAP_Z = 388.0;
    /** |eta| of the HCAL barrel / endcap boundary. */
    public static final double HCAL_BARREL_ETA = 1.3;
    /** Forward calorimeter front face |z|, cm. */
    public static final double HF_Z = 1115.0;
    /** Calorimeter acceptance: ECAL and HCAL up to this |eta|, HF from here to {@link #HF_MAX_ETA}. */
    public static final double CALO_MAX_ETA = 3.0;
    public static final double HF_MAX_ETA = 5.0;

    // --- Granularity --------------------------------------------------------------------------------------
    /** ECAL barrel cell: 0.0174 in eta, 1 degree in phi. */
    public static final double ECAL_BARREL_DETA = 0.0174;
    public static final int ECAL_BARREL_NPHI = 360;
    /** HCAL cells 0.087 x 5 degrees up to |eta| 1.74, then 10 degrees with CMS's wider eta rings. */
    public static final double HCAL_DETA = 0.087;
    public static final int HCAL_NPHI = 72;
    static final double[] HCAL_OUTER_ETA_EDGES = {1.74, 1.83, 1.93, 2.043, 2.172, 2.322, 2.5, 2.65, 2.868, 3.0};
    public static final int HCAL_OUTER_NPHI = 36;
    /** HF rings (0.175 in eta), 10 degrees in phi, the outermost ring 20 degrees. */
    static final double[] HF_ETA_EDGES = {3.0, 3.125, 3.3, 3.475, 3.65, 3.825, 4.0, 4.175, 4.35, 4.525, 4.7, 5.0};
    public static final int HF_NPHI = 36;

    // --- Showers --------------------------------------------------------------------------------------------
    /** Lateral Gaussian width of an EM shower core in PbWO4, cm (Moliere radius 2.2 cm). */
    public static final double EM_SHOWER_SIGMA = 0.8;
    /** Lateral width of the part of a hadron shower that starts in the ECAL, cm. */
    public static final double HAD_SHOWER_SIGMA_ECAL = 2.0;
    /** Lateral width of a hadron shower in the HCAL, cm. */
    public static final double HAD_SHOWER_SIGMA_HCAL = 5.0;
    /** Lateral widths of EM and hadron showers in the HF as its quartz fibres see them (Cherenkov light comes from
     *  the narrow shower core), cm. */
    public static final double HF_EM_SHOWER_SIGMA = 1.0;
    public static final double HF_HAD_SHOWER_SIGMA = 3.0;
    /** Profiles are integrated over +-this many sigma, then renormalized. */
    public static final double SHOWER_WINDOW_SIGMAS = 2.5;
    /** ECAL depth in nuclear interaction lengths: exp(-1.1) = 1/3 of hadrons cross it as MIPs. */
    public static final double ECAL_LAMBDA_I = 1.1;
    /** Range of the ECAL share of a hadron that interacts in the ECAL (drawn uniformly). */
    public static final double HAD_ECAL_FRACTION_MIN = 0.1;
    public static final double HAD_ECAL_FRACTION_MAX = 0.7;
    /** Range of the HF short-fibre (HAD) share of a hadron shower (drawn uniformly); EM showers stay in HF EM. */
    public static final double HF_HAD_FRACTION_MIN = 0.5;
    public static final double HF_HAD_FRACTION_MAX = 0.85;
    /** Most probable MIP deposits, GeV, and their relative spread. */
    public static final double ECAL_MIP = 0.3;
    public static final double HCAL_MIP = 2.0;
    public static final double MIP_SPREAD = 0.25;

    // --- Resolutions (docs/simulation.md, after the Delphes CMS card) ------------------------------------
    public static final double ECAL_CONST = 0.008;
    public static final double ECAL_STOCH = 0.11;
    public static final double ECAL_NOISE = 0.40;
    public static final double ECAL_ETA_FACTOR = 0.64;
    public static final double HCAL_CONST = 0.050;
    public static final double HCAL_STOCH = 1.50;
    public static final double HF_HAD_CONST = 0.107;
    public static final double HF_HAD_STOCH = 2.08;
    /** HF EM resolution: the ECAL formula (without its eta factor) times this. */
    public static final double HF_EM_FACTOR = 2.0;

    // --- Muon system ---------------------------------------------------------------------------------------
    /** DT (barrel) and CSC (endcap) coverage in |eta|; they overlap in 0.9-1.2. */
    public static final double DT_MAX_ETA = 1.2;
    public static final double CSC_MIN_ETA = 0.9;
    public static final double CSC_MAX_ETA = 2.4;
    /** Momentum (GeV) needed to reach the first station, and the extra momentum per further station. */
    public static final double DT_MIN_P = 3.0;
    public static final double CSC_MIN_P = 2.0;
    public static final double MUON_P_PER_STATION = 1.0;
    public static final int MUON_STATIONS = 4;
    /** Layers per DT station (stations 1-3; station 4 has no theta superlayer) and per CSC station. */
    public static final int DT_LAYERS = 12;
    public static final int DT_LAYERS_STATION4 = 8;
    public static final int CSC_LAYERS = 6;
    public static final double MUON_HIT_EFFICIENCY = 0.95;
    /** Hadron punch-through probability per GeV of momentum above {@link #PUNCH_MIN_P}, and its cap. */
    public static final double PUNCH_PER_GEV = 3.0e-4;
    public static final double PUNCH_MIN_P = 5.0;
    public static final double PUNCH_MAX = 0.01;
    /** Hit probability per layer of a punch-through shower in the first station. */
    public static final double PUNCH_HIT_PROB = 0.4;

    private CmsDetector() {
    }

    /** ECAL resolution (GeV) without its noise term: (1 + 0.64 eta^2) sqrt((0.008 E)^2 + 0.11^2 E). */
    public static double ecalSigmaNoNoise(double e, double eta) {
        double f = 1 + ECAL_ETA_FACTOR * eta * eta;
        return f * Math.sqrt(sq(ECAL_CONST * e) + ECAL_STOCH * ECAL_STOCH * e);
    }

    /** The ECAL noise term (GeV): (1 + 0.64 eta^2) 0.40. */
    public static double ecalNoise(double eta) {
        return (1 + ECAL_ETA_FACTOR * eta * eta) * ECAL_NOISE;
    }

    /** Full ECAL resolution (docs/simulation.md), GeV. */
    public static double ecalSigma(double e, double eta) {
        return Fast.hypot(ecalSigmaNoNoise(e, eta), ecalNoise(eta));
    }

    /** HCAL resolution, GeV: sqrt((0.050 E)^2 + 1.50^2 E). */
    public static double hcalSigma(double e) {
        return Math.sqrt(sq(HCAL_CONST * e) + HCAL_STOCH * HCAL_STOCH * e);
    }

    /** HF hadronic resolution, GeV: sqrt((0.107 E)^2 + 2.08^2 E). */
    public static double hfHadSigma(double e) {
        return Math.sqrt(sq(HF_HAD_CONST * e) + HF_HAD_STOCH * HF_HAD_STOCH * e);
    }

    /** HF EM resolution without its noise term, GeV. */
    public static double hfEmSigmaNoNoise(double e) {
        return HF_EM_FACTOR * Math.sqrt(sq(ECAL_CONST * e) + ECAL_STOCH * ECAL_STOCH * e);
    }

    /** HF EM noise term per cluster, GeV. */
    public static double hfEmNoise() {
        return HF_EM_FACTOR * ECAL_NOISE;
    }

    /**
     * Tracking efficiency of the Delphes CMS card by species: charged hadrons, electrons, muons.
     *
     * @param kind 0 hadron, 1 electron, 2 muon
     */
    public static double trackingEfficiency(int kind, double pt, double absEta) {
        if (pt <= TRACK_MIN_PT || absEta > TRACKER_MAX_ETA) {
            return 0;
        }
        boolean central = absEta <= 1.5;
        boolean low = pt <= 1.0;
        return switch (kind) {
            case 1 -> central ? (low ? 0.73 : pt <= 100 ? 0.95 : 0.99) : (low ? 0.50 : pt <= 100 ? 0.83 : 0.90);
            case 2 -> central ? (low ? 0.75 : 0.99) : (low ? 0.70 : 0.98);
            default -> central ? (low ? 0.70 : 0.95) : (low ? 0.60 : 0.85);
        };
    }

    /**
     * Relative track pT resolution: constant (multiple scattering) term 0.6 / 1.0 / 2.0 % in |eta| < 0.5 / 1.5 /
     * 2.5, growing with pT as in the Delphes CMS card (docs/simulation.md); muons 20 % better.
     */
    public static double trackPtResolution(double pt, double absEta, boolean muon) {
        double a;
        double b;
        if (absEta <= 0.5) {
            a = 0.006;
            b = 1.5e-4;
        } else if (absEta <= 1.5) {
            a = 0.010;
            b = 2.5e-4;
        } else {
            a = 0.020;
            b = 5.5e-4;
        }
        double r = Fast.hypot(a, b * pt);
        return muon ? 0.8 * r : r;
    }

    /** Tracker material seen by a particle at pseudorapidity {@code eta}, in radiation lengths. */
    public static double materialX0(double eta) {
        double d = (Math.abs(eta) - MATERIAL_X0_PEAK_ETA) / MATERIAL_X0_PEAK_WIDTH;
        return MATERIAL_X0_BASE + MATERIAL_X0_PEAK * Math.exp(-d * d);
    }

    static double sq(double x) {
        return x * x;
    }
}
