package org.mlpf.generate;

import java.io.Serializable;
import java.util.List;

import org.mlpf.config.ConfigException;
import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * The tunable parameters of the detector simulation and the baseline PF (energies in GeV, lengths in cm). The
 * detector's fixed physics numbers (geometry, resolutions, efficiencies) are named constants in
 * {@link org.mlpf.generate.sim.CmsDetector}, not keys.
 *
 * @param ecalSeedThreshold     ECAL cell energy to seed a cluster
 * @param ecalCellThreshold     ECAL cell energy to join a cluster
 * @param hcalSeedThreshold     HCAL cell energy to seed a cluster
 * @param hcalCellThreshold     HCAL cell energy to join a cluster
 * @param hfSeedThreshold       HF cell energy to seed a cluster (both fibre depths)
 * @param hfCellThreshold       HF cell energy to join a cluster
 * @param beamSpotSigmaZ        width in z of the luminous region, used to place the vertices of events read
 *                              without vertices (px-py-pz-E files, HepMC3 files with all vertices at the origin)
 * @param pfNeutralExcessSigma  calorimeter energy must exceed the linked track momenta by this many resolutions to
 *                              make a neutral PF candidate
 * @param pfElectronMinEoverP   smallest supercluster energy over GSF momentum of a PF electron
 * @param pfElectronMaxEoverP   largest supercluster energy over GSF momentum of a PF electron
 * @param pfMuonMinHits         fewest muon-chamber hits (DT + CSC) of a PF muon's track
 * @param keepPileupGenParticles write the pileup interactions' generator particles into the ntuple too (about
 *                              140 per interaction: most of the bytes of a busy event); the hard scatter's are
 *                              always written, and generator MET always counts every interaction
 */
public record ReconstructionConfig(double ecalSeedThreshold, double ecalCellThreshold, double hcalSeedThreshold,
                                   double hcalCellThreshold, double hfSeedThreshold, double hfCellThreshold,
                                   double beamSpotSigmaZ, double pfNeutralExcessSigma, double pfElectronMinEoverP,
                                   double pfElectronMaxEoverP, int pfMuonMinHits, boolean keepPileupGenParticles)
        implements Serializable {
    public static final ConfigKey<Double> ECAL_SEED = ConfigKey.ofDouble("mlpf.sim.ecal.seed-threshold", 0.05, 10.0,
            0.5, "ECAL cell energy (GeV) needed to seed a topological cluster");
    public static final ConfigKey<Double> ECAL_CELL = ConfigKey.ofDouble("mlpf.sim.ecal.cell-threshold", 0.01, 5.0,
            0.1, "ECAL cell energy (GeV) needed to join a cluster; at most the seed threshold");
    public static final ConfigKey<Double> HCAL_SEED = ConfigKey.ofDouble("mlpf.sim.hcal.seed-threshold", 0.1, 20.0,
            1.0, "HCAL cell energy (GeV) needed to seed a topological cluster");
    public static final ConfigKey<Double> HCAL_CELL = ConfigKey.ofDouble("mlpf.sim.hcal.cell-threshold", 0.05, 10.0,
            0.4, "HCAL cell energy (GeV) needed to join a cluster; at most the seed threshold");
    public static final ConfigKey<Double> HF_SEED = ConfigKey.ofDouble("mlpf.sim.hf.seed-threshold", 0.1, 50.0,
            1.4, "HF cell energy (GeV) needed to seed a cluster, in each fibre depth");
    public static final ConfigKey<Double> HF_CELL = ConfigKey.ofDouble("mlpf.sim.hf.cell-threshold", 0.05, 20.0,
            0.8, "HF cell energy (GeV) needed to join a cluster; at most the seed threshold");
    public static final ConfigKey<Double> BEAM_SPOT_SIGMA_Z = ConfigKey.ofDouble("mlpf.sim.beam-spot-sigma-z", 0.0,
            30.0, 4.5,
            "width in z (cm) of the luminous region where vertices of events read without vertices are placed");
    public static final ConfigKey<Double> PF_NEUTRAL_EXCESS_SIGMA = ConfigKey.ofDouble(
            "mlpf.pf.neutral-excess-sigma", 0.0, 10.0, 1.0,
            "calorimeter energy above the linked track momenta, in resolutions, that makes a neutral PF candidate");
    public static final ConfigKey<Double> PF_ELECTRON_MIN_EOP = ConfigKey.ofDouble("mlpf.pf.electron-min-eop", 0.0,
            5.0, 0.75, "smallest supercluster energy / GSF momentum of a PF electron");
    public static final ConfigKey<Double> PF_ELECTRON_MAX_EOP = ConfigKey.ofDouble("mlpf.pf.electron-max-eop", 0.1,
            20.0, 1.6, "largest supercluster energy / GSF momentum of a PF electron");
    public static final ConfigKey<Integer> PF_MUON_MIN_HITS = ConfigKey.ofInt("mlpf.pf.muon-min-hits", 1, 100, 8,
            "fewest muon-chamber hits (DT + CSC) on a track for a PF muon");

    public static final ConfigKey<Boolean> KEEP_PILEUP_GEN = ConfigKey.ofBoolean("mlpf.sim.keep-pileup-gen-particles",
            false, "also write the pileup interactions' generator particles into the ntuple (the hard scatter's are "
                    + "always written; no stage needs pileup truth, and it is most of a busy event's bytes)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(ECAL_SEED, ECAL_CELL, HCAL_SEED, HCAL_CELL, HF_SEED, HF_CELL,
            BEAM_SPOT_SIGMA_Z, PF_NEUTRAL_EXCESS_SIGMA, PF_ELECTRON_MIN_EOP, PF_ELECTRON_MAX_EOP, PF_MUON_MIN_HITS,
            KEEP_PILEUP_GEN);

    public ReconstructionConfig {
        ECAL_SEED.check(ecalSeedThreshold);
        ECAL_CELL.check(ecalCellThreshold);
        HCAL_SEED.check(hcalSeedThreshold);
        HCAL_CELL.check(hcalCellThreshold);
        HF_SEED.check(hfSeedThreshold);
        HF_CELL.check(hfCellThreshold);
        BEAM_SPOT_SIGMA_Z.check(beamSpotSigmaZ);
        PF_NEUTRAL_EXCESS_SIGMA.check(pfNeutralExcessSigma);
        PF_ELECTRON_MIN_EOP.check(pfElectronMinEoverP);
        PF_ELECTRON_MAX_EOP.check(pfElectronMaxEoverP);
        PF_MUON_MIN_HITS.check(pfMuonMinHits);
        KEEP_PILEUP_GEN.check(keepPileupGenParticles);
        notAbove(ECAL_CELL, ecalCellThreshold, ECAL_SEED, ecalSeedThreshold);
        notAbove(HCAL_CELL, hcalCellThreshold, HCAL_SEED, hcalSeedThreshold);
        notAbove(HF_CELL, hfCellThreshold, HF_SEED, hfSeedThreshold);
        if (pfElectronMinEoverP >= pfElectronMaxEoverP) {
            throw new ConfigException(PF_ELECTRON_MIN_EOP.name() + " (" + pfElectronMinEoverP + ") must be below "
                    + PF_ELECTRON_MAX_EOP.name() + " (" + pfElectronMaxEoverP + ")");
        }
    }

    /** The built-in defaults (those of {@code conf/local.conf}). */
    public static ReconstructionConfig defaults() {
        return new ReconstructionConfig(def(ECAL_SEED), def(ECAL_CELL), def(HCAL_SEED), def(HCAL_CELL), def(HF_SEED),
                def(HF_CELL), def(BEAM_SPOT_SIGMA_Z), def(PF_NEUTRAL_EXCESS_SIGMA), def(PF_ELECTRON_MIN_EOP),
                def(PF_ELECTRON_MAX_EOP), PF_MUON_MIN_HITS.parse(PF_MUON_MIN_HITS.defaultValue(), "its default"),
                KEEP_PILEUP_GEN.parse(KEEP_PILEUP_GEN.defaultValue(), "its default"));
    }

    /** Reads the record from a configuration. */
    public static ReconstructionConfig from(Settings s) {
        return new ReconstructionConfig(s.get(ECAL_SEED), s.get(ECAL_CELL), s.get(HCAL_SEED), s.get(HCAL_CELL),
                s.get(HF_SEED), s.get(HF_CELL), s.get(BEAM_SPOT_SIGMA_Z), s.get(PF_NEUTRAL_EXCESS_SIGMA),
                s.get(PF_ELECTRON_MIN_EOP), s.get(PF_ELECTRON_MAX_EOP), s.get(PF_MUON_MIN_HITS), s.get(KEEP_PILEUP_GEN));
    }

    private static double def(ConfigKey<Double> k) {
        return k.parse(k.defaultValue(), "its default");
    }

    private static void notAbove(ConfigKey<Double> cell, double c, ConfigKey<Double> seed, double s) {
        if (c > s) {
            throw new ConfigException(cell.name() + " (" + c + ") must not exceed " + seed.name() + " (" + s + ")");
        }
    }
}
