package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hard processes before showering: sampling bounds, resonance masses, spectra. */
class HardProcessTest {
    @Test
    void acceptRejectBoundsHold() {
        SplittableRandom rng = new SplittableRandom(1);
        double grids = HardProcesses.gridMaxBoundRatio(rng, 200_000);
        double qcd = HardProcesses.qcdMaxBoundRatio(rng, 200_000);
        assertTrue(grids < 1, "top / Z density above its tabulated bound: ratio " + grids);
        assertTrue(qcd < 1, "QCD weight above its tabulated bound: ratio " + qcd);
    }

    @Test
    void topDecayProductsRebuildTopAndWMasses() {
        HardProcesses hp = new HardProcesses();
        HardState hs = new HardState();
        SplittableRandom rng = new SplittableRandom(2);
        double mt = Species.mass(Species.TOP);
        double wt = Species.width(Species.TOP);
        double mw = Species.mass(Species.W);
        double ww = Species.width(Species.W);
        double sumMtt = 0;
        int gluonic = 0;
        int n = 3000;
        for (int k = 0; k < n; k++) {
            hs.clear();
            hp.ttbar(rng, hs);
            assertEquals(6, hs.n, "b, W -> 2 per top");
            for (int t = 0; t < 2; t++) {
                double top = mass(hs, 3 * t, 3 * t + 3);
                double w = mass(hs, 3 * t + 1, 3 * t + 3);
                assertTrue(Math.abs(top - mt) <= 5 * wt + 1e-6, "m(bW) " + top);
                assertTrue(Math.abs(w - mw) <= 5 * ww + 1e-6, "m(W) " + w);
            }
            assertEquals(Species.BOTTOM, hs.id[0]);
            assertEquals(-Species.BOTTOM, hs.id[3]);
            assertEquals(hs.bornMass, mass(hs, 0, 6), 1e-6 * hs.bornMass, "Born frame at rest");
            sumMtt += hs.bornMass;
            gluonic += hs.isrColour > 5 ? 1 : 0;
        }
        // LO at 14 TeV: gg fusion ~90% of top pairs, <m(t tbar)> ~ 550-600 GeV.
        assertEquals(0.9, (double) gluonic / n, 0.05, "gg fraction");
        assertTrue(sumMtt / n > 500 && sumMtt / n < 650, "<m(ttbar)> " + sumMtt / n);
    }

    @Test
    void qcdPtHatFallsSteeply() {
        HardProcesses hp = new HardProcesses();
        HardState hs = new HardState();
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20_000;
        int above30 = 0;
        int above100 = 0;
        for (int k = 0; k < n; k++) {
            hs.clear();
            hp.qcd(rng, hs);
            assertEquals(2, hs.n);
            double pt = Math.hypot(hs.p[0], hs.p[1]);
            assertTrue(pt >= GeneratorParameters.QCD_PTHAT_MIN - 1e-9, "pT-hat " + pt);
            assertEquals(0, hs.p[0] + hs.p[4], 1e-9 * pt, "back to back");
            above30 += pt > 30 ? 1 : 0;
            above100 += pt > 100 ? 1 : 0;
        }
        // dsigma/dpT ~ pT^-4.5 at LO: 8% above 30 GeV, 0.05% above 100 GeV.
        assertEquals(0.08, (double) above30 / n, 0.02, "fraction above 30 GeV");
        assertTrue(above100 > 2 && above100 < 40, above100 + " events above 100 GeV");
    }

    private static double mass(HardState hs, int from, int to) {
        double[] s = new double[4];
        for (int i = from; i < to; i++) {
            for (int c = 0; c < 4; c++) {
                s[c] += hs.p[4 * i + c];
            }
        }
        return Math.sqrt(s[3] * s[3] - s[0] * s[0] - s[1] * s[1] - s[2] * s[2]);
    }
}
