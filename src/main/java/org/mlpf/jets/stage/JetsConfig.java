package org.mlpf.jets.stage;

import java.io.Serializable;
import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;
import org.mlpf.jets.JetAlgorithm;
import org.mlpf.jets.JetDefinition;

/**
 * Configuration of the jets stage ({@code mlpf.jets.*}).
 *
 * @param algorithm jet algorithm (E-scheme recombination, FastJet's best strategy)
 * @param r         jet radius R in (rapidity, phi)
 * @param ptmin     smallest jet pt kept, GeV
 * @param chs       remove charged PF/MLPF candidates from pileup vertices before clustering (charged-hadron
 *                  subtraction)
 * @param chsDz     CHS: a charged candidate is from a pileup vertex when |vz - pv_z| exceeds this, cm
 */
public record JetsConfig(JetAlgorithm algorithm, double r, double ptmin, boolean chs, double chsDz)
        implements Serializable {
    public static final ConfigKey<String> ALGORITHM = ConfigKey.ofChoice("mlpf.jets.algorithm",
            JetAlgorithm.cliNames(), "antikt", "jet algorithm of the jets stage (E-scheme recombination)");
    public static final ConfigKey<Double> R = ConfigKey.ofDouble("mlpf.jets.r", 0.05, 3.0, 0.4,
            "jet radius R in (rapidity, phi)");
    public static final ConfigKey<Double> PTMIN = ConfigKey.ofDouble("mlpf.jets.ptmin", 0.0, 10000.0, 3.0,
            "smallest jet pt written, GeV (CMS matches jets above 3 GeV)");
    public static final ConfigKey<Boolean> CHS = ConfigKey.ofBoolean("mlpf.jets.chs", true,
            "charged-hadron subtraction: drop charged PF/MLPF candidates from pileup vertices before clustering");
    public static final ConfigKey<Double> CHS_DZ = ConfigKey.ofDouble("mlpf.jets.chs-dz", 0.01, 30.0, 0.2,
            "CHS: a charged candidate with |vz - pv_z| above this is from a pileup vertex, cm");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(ALGORITHM, R, PTMIN, CHS, CHS_DZ);

    public JetsConfig {
        if (algorithm == null) {
            throw new org.mlpf.config.ConfigException("no value for " + ALGORITHM.name() + ": allowed "
                    + ALGORITHM.allowed());
        }
        R.check(r);
        PTMIN.check(ptmin);
        CHS_DZ.check(chsDz);
    }

    /** Reads the record from a configuration. */
    public static JetsConfig from(Settings s) {
        return new JetsConfig(JetAlgorithm.fromName(s.get(ALGORITHM)), s.get(R), s.get(PTMIN), s.get(CHS),
                s.get(CHS_DZ));
    }

    /** The jet definition: {@link #algorithm} with radius {@link #r}, E scheme, FastJet's best strategy. */
    public JetDefinition definition() {
        return new JetDefinition(algorithm, r);
    }
}
