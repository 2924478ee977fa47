package org.mlpf.compare;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Binning and thresholds of the comparison stage (definitions in {@code docs/compare.md}).
 *
 * @param particlePtBins  bin edges in gen (or reco) pT for particle efficiencies, fake rates and resolutions, GeV
 * @param particleEtaBins bin edges in eta for particle efficiencies and fake rates
 * @param metBins         bin edges in gen MET for MET response and resolution, GeV
 * @param metTails        MET thresholds of the high-MET tail fractions, GeV
 * @param jetPtBins       bin edges in gen-jet pT for jet response and resolution, GeV
 * @param jetEtaBins      bin edges in gen-jet |eta|
 * @param jetMatchDr      largest Delta R of a reco jet matched to a gen jet
 */
public record CompareConfig(List<Double> particlePtBins, List<Double> particleEtaBins, List<Double> metBins,
                            List<Double> metTails, List<Double> jetPtBins, List<Double> jetEtaBins, double jetMatchDr) {
    public static final ConfigKey<List<Double>> PARTICLE_PT_BINS = ConfigKey.ofBinEdges(
            "mlpf.compare.particle-pt-bins", 0, 1e5, "0,1,2,5,10,20,50,100,1000",
            "pT bin edges of particle efficiency, fake rate and resolution, GeV");
    public static final ConfigKey<List<Double>> PARTICLE_ETA_BINS = ConfigKey.ofBinEdges(
            "mlpf.compare.particle-eta-bins", -10, 10, "-5,-3,-2.5,-1.5,0,1.5,2.5,3,5",
            "eta bin edges of particle efficiency and fake rate");
    public static final ConfigKey<List<Double>> MET_BINS = ConfigKey.ofBinEdges("mlpf.compare.met-bins", 0, 1e5,
            "10,20,40,60,80,100,200", "gen-MET bin edges of MET response and resolution, GeV (docs/compare.md)");
    public static final ConfigKey<List<Double>> MET_TAILS = ConfigKey.ofIncreasingDoubles("mlpf.compare.met-tails", 0,
            1e5, "50,100,200", "MET thresholds of the high-MET tail fractions, GeV");
    public static final ConfigKey<List<Double>> JET_PT_BINS = ConfigKey.ofBinEdges("mlpf.compare.jet-pt-bins",
            0, 1e5, "10,20,40,60,80,100,200,400,800",
            "gen-jet pT bin edges of jet response and resolution, GeV (docs/compare.md)");
    public static final ConfigKey<List<Double>> JET_ETA_BINS = ConfigKey.ofBinEdges(
            "mlpf.compare.jet-eta-bins", 0, 10, "0,1.5,2.5,3,5", "gen-jet |eta| bin edges of jet response and resolution");
    public static final ConfigKey<Double> JET_MATCH_DR = ConfigKey.ofDouble("mlpf.compare.jet-match-dr", 0.01, 1.0, 0.1,
            "largest Delta R between a reco jet and the gen jet it is matched to (docs/compare.md)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(PARTICLE_PT_BINS, PARTICLE_ETA_BINS, MET_BINS, MET_TAILS,
            JET_PT_BINS, JET_ETA_BINS, JET_MATCH_DR);

    public CompareConfig {
        PARTICLE_PT_BINS.check(particlePtBins);
        PARTICLE_ETA_BINS.check(particleEtaBins);
        MET_BINS.check(metBins);
        MET_TAILS.check(metTails);
        JET_PT_BINS.check(jetPtBins);
        JET_ETA_BINS.check(jetEtaBins);
        JET_MATCH_DR.check(jetMatchDr);
    }

    /** Reads the record from a configuration. */
    public static CompareConfig from(Settings s) {
        return new CompareConfig(s.get(PARTICLE_PT_BINS), s.get(PARTICLE_ETA_BINS), s.get(MET_BINS), s.get(MET_TAILS),
                s.get(JET_PT_BINS), s.get(JET_ETA_BINS), s.get(JET_MATCH_DR));
    }
}
