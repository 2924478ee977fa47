package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusteringTest {
    private final Calorimetry calo = new Calorimetry();

    private CaloLayer ecalWith(double[][] showers) {
        calo.clear();
        for (int i = 0; i < showers.length; i++) {
            calo.spread(Calorimetry.ECAL, showers[i][0], showers[i][1], CmsDetector.EM_SHOWER_SIGMA, CmsDetector.ECAL_R,
                    showers[i][2], i);
        }
        CaloLayer l = calo.layers[Calorimetry.ECAL];
        l.cluster(0.5, 0.1, true);
        return l;
    }

    @Test
    void oneShowerMakesOneClusterAtItsPosition() {
        CaloLayer l = ecalWith(new double[][] {{0.3013, 0.5031, 10}});
        assertEquals(1, l.numClusters);
        assertEquals(1, l.clMaxima[0]);
        assertEquals(0.3013, l.clEta[0], 0.004);
        assertEquals(0.5031, l.clPhi[0], 0.004);
        // Crystals below the 0.1 GeV cell threshold are lost: a few per cent of a 10 GeV shower.
        assertEquals(9.85, l.clEnergy[0], 0.15);
        assertTrue(l.clCells[0] >= 4, "a shower spreads over neighbouring crystals");
    }

    @Test
    void touchingShowersMergeIntoOneFlaggedCluster() {
        // A soft photon two crystals from a hard one: its peak is below the seed threshold, so its cells join the
        // hard shower's cluster, which then has two local maxima.
        CaloLayer l = ecalWith(new double[][] {{0.3013, 0.5031, 10}, {0.3013 + 2 * 0.0174, 0.5031, 0.4}});
        assertEquals(1, l.numClusters, "the soft shower is below the seed threshold and merges");
        assertEquals(2, l.clMaxima[0]);
        assertEquals(10.25, l.clEnergy[0], 0.15);
    }

    @Test
    void separatedSeedsSplitOneTopologicalCluster() {
        // Two hard showers four crystals apart touch through cells above threshold, yet keep one cluster each.
        CaloLayer l = ecalWith(new double[][] {{0.3013, 0.5031, 20}, {0.3013 + 4 * 0.0174, 0.5031, 15}});
        assertEquals(2, l.numClusters);
        assertEquals(20, l.clEnergy[0], 0.5);
        assertEquals(15, l.clEnergy[1], 0.5);
        assertEquals(0.3013, l.clEta[0], 0.005);
    }

    @Test
    void showersFarApartAreIndependent() {
        CaloLayer l = ecalWith(new double[][] {{0.3, 0.5, 5}, {-1.0, 2.0, 7}});
        assertEquals(2, l.numClusters);
        assertEquals(6.85, l.clEnergy[0], 0.15);
        assertEquals(1, l.clMaxima[0]);
        assertEquals(1, l.clMaxima[1]);
    }
}
