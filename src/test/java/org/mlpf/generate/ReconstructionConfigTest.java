package org.mlpf.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;
import org.mlpf.testing.ProjectFiles;

class ReconstructionConfigTest {
    @Test
    void shippedLocalConfigIsTheBuiltInDefault() {
        assertEquals(ReconstructionConfig.defaults(),
                ReconstructionConfig.from(Settings.load(ProjectFiles.file("conf/local.conf"))));
    }

    @Test
    void badValuesNameTheKey() {
        ReconstructionConfig d = ReconstructionConfig.defaults();
        ConfigException cellAboveSeed = assertThrows(ConfigException.class, () -> new ReconstructionConfig(0.5, 0.6,
                d.hcalSeedThreshold(), d.hcalCellThreshold(), d.hfSeedThreshold(), d.hfCellThreshold(),
                d.beamSpotSigmaZ(), d.pfNeutralExcessSigma(), d.pfElectronMinEoverP(), d.pfElectronMaxEoverP(),
                d.pfMuonMinHits(), false));
        assertTrue(cellAboveSeed.getMessage().contains("mlpf.sim.ecal.cell-threshold"), cellAboveSeed.getMessage());
        ConfigException window = assertThrows(ConfigException.class, () -> new ReconstructionConfig(
                d.ecalSeedThreshold(), d.ecalCellThreshold(), d.hcalSeedThreshold(), d.hcalCellThreshold(),
                d.hfSeedThreshold(), d.hfCellThreshold(), d.beamSpotSigmaZ(), d.pfNeutralExcessSigma(), 1.5, 1.2,
                d.pfMuonMinHits(), false));
        assertTrue(window.getMessage().contains("mlpf.pf.electron-min-eop"), window.getMessage());
        ConfigException range = assertThrows(ConfigException.class, () -> new ReconstructionConfig(
                d.ecalSeedThreshold(), d.ecalCellThreshold(), d.hcalSeedThreshold(), d.hcalCellThreshold(),
                d.hfSeedThreshold(), d.hfCellThreshold(), -1, d.pfNeutralExcessSigma(), d.pfElectronMinEoverP(),
                d.pfElectronMaxEoverP(), d.pfMuonMinHits(), false));
        assertTrue(range.getMessage().contains("mlpf.sim.beam-spot-sigma-z"), range.getMessage());
    }
}
