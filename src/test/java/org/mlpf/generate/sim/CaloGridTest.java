package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CaloGridTest {
    @Test
    void cellLookupReturnsTheCellContainingThePoint() {
        SplittableRandom rng = new SplittableRandom(1);
        for (CaloGrid g : new CaloGrid[] {CaloGrid.ecal(), CaloGrid.hcal(), CaloGrid.hf()}) {
            for (int i = 0; i < 20000; i++) {
                double eta = -5 + 10 * rng.nextDouble();
                double phi = -Math.PI + 2 * Math.PI * rng.nextDouble();
                int c = g.cell(eta, phi);
                if (c < 0) {
                    assertEquals(-1, g.ring(eta), g.name() + " eta " + eta);
                    continue;
                }
                int k = g.cellRing(c);
                assertTrue(eta >= g.ringLo(k) && eta < g.ringHi(k), g.name());
                double w = 2 * Math.PI / g.ringNphi(k);
                assertTrue(Math.abs(phi - g.cellPhi(c)) <= w / 2 + 1e-6, g.name() + " phi " + phi);
            }
        }
    }

    @Test
    void granularityIsCmsLike() {
        CaloGrid ecal = CaloGrid.ecal();
        int barrel = ecal.cell(0.01, 0.01);
        int ring = ecal.cellRing(barrel);
        assertEquals(0.0174, ecal.ringHi(ring) - ecal.ringLo(ring), 1e-9);
        assertEquals(360, ecal.ringNphi(ring));
        CaloGrid hcal = CaloGrid.hcal();
        int h = hcal.ring(0.5);
        assertEquals(0.087, hcal.ringHi(h) - hcal.ringLo(h), 1e-9);
        assertEquals(72, hcal.ringNphi(h));
        assertEquals(36, hcal.ringNphi(hcal.ring(2.0)));
        assertEquals(-1, hcal.ring(3.2));
        assertEquals(-1, CaloGrid.hf().ring(2.0));
        assertEquals(36, CaloGrid.hf().ringNphi(CaloGrid.hf().ring(-3.5)));
        // ECAL endcap crystals keep their physical size: cells widen in eta towards the beam.
        int e1 = ecal.ring(1.6);
        int e2 = ecal.ring(2.8);
        assertTrue(ecal.ringHi(e2) - ecal.ringLo(e2) > 2 * (ecal.ringHi(e1) - ecal.ringLo(e1)));
    }

    @Test
    void neighboursAreSymmetricAndAdjacent() {
        for (CaloGrid g : new CaloGrid[] {CaloGrid.ecal(), CaloGrid.hcal(), CaloGrid.hf()}) {
            for (int c = 0; c < g.numCells(); c += 7) {
                int start = g.neighbourStart(c);
                int end = g.neighbourStart(c + 1);
                assertTrue(end - start >= 3 && end - start <= 12, g.name() + " cell " + c + ": " + (end - start));
                for (int j = start; j < end; j++) {
                    int n = g.neighbour(j);
                    assertTrue(n != c);
                    assertTrue(Math.abs(g.cellRing(n) - g.cellRing(c)) <= 1);
                    boolean back = false;
                    for (int q = g.neighbourStart(n); q < g.neighbourStart(n + 1); q++) {
                        back |= g.neighbour(q) == c;
                    }
                    assertTrue(back, g.name() + ": " + c + " -> " + n + " not symmetric");
                }
            }
        }
    }
}
