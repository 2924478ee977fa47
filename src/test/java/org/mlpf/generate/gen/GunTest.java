package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mlpf.generate.EventSeeds;
import org.mlpf.physics.GenEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Particle guns: the right particle, pT flat within the documented range, eta within the acceptance. */
class GunTest {
    private static final int BINS = 10;

    @Test
    void gunsShootTheRightParticleFlatInPt() {
        check("gun-e", Species.ELECTRON, true, 1, 100);
        check("gun-mu", Species.MUON, true, 0.7, 10);
        check("gun-pi", Species.PION, true, 0.7, 10);
        check("gun-pi0", Species.PI0, false, 0, 10);
        check("gun-tau", Species.TAU, true, 2, 150);
        check("gun-gamma", Species.PHOTON, false, 10, 100);
        check("gun-k0l", Species.K0L, false, 1, 50);
    }

    private static void check(String name, int pdg, boolean bothCharges, double lo, double hi) {
        int n = 20_000;
        int[] counts = new int[BINS];
        int negative = 0;
        GenEvent ev = new GenEvent();
        for (int k = 0; k < n; k++) {
            ev.reset();
            Samples.byName(name).generate(new SplittableRandom(EventSeeds.seed(1, name, k)), 0, ev);
            // The shot particle is the first; its decay products (pi0, tau) follow.
            assertEquals(pdg, Math.abs(ev.pdgId(0)), name);
            for (int i = 1; i < ev.size(); i++) {
                assertTrue(ev.parent(i) >= 0, name + ": a second primary particle");
            }
            negative += ev.pdgId(0) < 0 ? 1 : 0;
            double pt = ev.pt(0);
            assertTrue(pt >= lo && pt <= hi, name + ": pT " + pt);
            assertTrue(Math.abs(ev.eta(0)) <= GeneratorParameters.GUN_ETA_MAX + 1e-9, name + ": eta " + ev.eta(0));
            counts[Math.min(BINS - 1, (int) ((pt - lo) / (hi - lo) * BINS))]++;
        }
        // Flat: chi^2 of the 10 bins against n/10 each; 9 degrees of freedom, 40 is a p-value of ~1e-5.
        double expected = (double) n / BINS;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 40, name + ": pT not flat, chi2 " + chi2);
        if (bothCharges) {
            assertEquals(0.5, (double) negative / n, 0.02, name + ": antiparticle fraction");
        } else {
            assertEquals(0, negative, name);
        }
    }

    @Test
    void unstableGunParticlesAreDecayed() {
        GenEvent ev = new GenEvent();
        for (int k = 0; k < 200; k++) {
            ev.reset();
            Samples.byName("gun-pi0").generate(new SplittableRandom(k), 0, ev);
            assertEquals(2, ev.status(0));
            assertEquals(3, ev.size(), "pi0 -> gamma gamma");
            assertEquals(Species.PHOTON, ev.pdgId(1));
            assertEquals(Species.PHOTON, ev.pdgId(2));
            ev.reset();
            Samples.byName("gun-tau").generate(new SplittableRandom(k), 0, ev);
            assertEquals(2, ev.status(0));
            boolean nuTau = false;
            for (int i = 1; i < ev.size(); i++) {
                nuTau |= ev.parent(i) == 0 && Math.abs(ev.pdgId(i)) == Species.NU_TAU;
            }
            assertTrue(nuTau, "tau decay without its neutrino");
        }
    }
}
