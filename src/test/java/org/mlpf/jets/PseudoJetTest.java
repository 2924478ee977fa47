package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PseudoJetTest {
    @Test
    void rapidityAndAzimuthOfOrdinaryMomenta() {
        PseudoJet p = new PseudoJet(1, 0, 0, 1);
        assertEquals(0, p.rap(), 0);
        assertEquals(0, p.phi(), 0);
        assertEquals(Math.PI / 2, new PseudoJet(0, 2, 0, 2).phi(), 0);
        assertEquals(1.5 * Math.PI, new PseudoJet(0, -2, 0, 2).phi(), 1e-15);
        assertEquals(-0.5 * Math.PI, new PseudoJet(0, -2, 0, 2).phiStd(), 1e-15);
        // y = 0.5 ln((E + pz) / (E - pz)) for a massive particle.
        PseudoJet q = new PseudoJet(3, 4, 12, 14);
        assertEquals(0.5 * Math.log(26.0 / 2.0), q.rap(), 1e-14);
        assertEquals(-q.rap(), new PseudoJet(3, 4, -12, 14).rap(), 0);
        assertEquals(Math.sqrt(14 * 14 - 169.0), q.m(), 1e-12);
        assertEquals(5, q.pt(), 0);
    }

    @Test
    void azimuthIsAlwaysInZeroToTwoPi() {
        // atan2 of a tiny negative py gives -1e-300; + 2 pi rounds to 2 pi, which FastJet folds back to 0.
        PseudoJet p = new PseudoJet(1, -1e-300, 0, 1);
        assertEquals(0.0, p.phi(), 0);
        for (int k = 0; k < 1000; k++) {
            double a = -7 + 14 * k / 1000.0;
            double phi = new PseudoJet(Math.cos(a), Math.sin(a), 0, 1).phi();
            assertTrue(phi >= 0 && phi < 2 * Math.PI, "phi " + phi);
        }
    }

    @Test
    void particlesAlongTheBeamGetLargeDistinctRapidities() {
        // FastJet: pt = 0 and E = |pz| -> +-(MaxRap + |pz|), so that such particles stay distinguishable.
        assertEquals(1e5 + 5, new PseudoJet(0, 0, 5, 5).rap(), 0);
        assertEquals(-(1e5 + 7), new PseudoJet(0, 0, -7, 7).rap(), 0);
        assertEquals(1e5, new PseudoJet(0, 0, 0, 0).rap(), 0, "at rest: pz >= 0 branch");
        assertEquals(0, new PseudoJet(0, 0, 0, 0).phi(), 0);
        // Massive along the beam: finite rapidity atanh(pz / E).
        assertEquals(0.5 * Math.log(8.0 / 2.0), new PseudoJet(0, 0, 3, 5).rap(), 1e-15);
        assertEquals(PseudoJet.MAX_RAP, new PseudoJet(0, 0, -3, 5).eta(), 0, "FastJet's eta along the beam");
    }

    @Test
    void tachyonicMomentaUseZeroMassForRapidity() {
        PseudoJet t = new PseudoJet(3, 4, 0, 4);
        assertEquals(-3.0, t.m(), 1e-12, "negative m^2 gives a negative mass, as in FastJet");
        // m^2 is taken as 0: y = 0.5 ln(pt^2 / (E + |pz|)^2), not 0 (FastJet's formula, kept as is).
        assertEquals(0.5 * Math.log(25.0 / 16.0), t.rap(), 1e-15);
        PseudoJet u = new PseudoJet(3, 4, 10, 10);
        assertEquals(0.5 * Math.log(25.0 / 400.0), -u.rap(), 1e-15);
    }

    @Test
    void pseudorapidityAndConstruction() {
        PseudoJet p = PseudoJet.fromPtYPhiM(20, 1.3, 2.0, 0);
        assertEquals(1.3, p.eta(), 1e-12, "massless: eta = y");
        assertEquals(1.3, p.rap(), 1e-12);
        assertEquals(2.0, p.phi(), 1e-12);
        assertEquals(20, p.pt(), 1e-12);
        assertEquals(0, new PseudoJet(1, 1, 0, 2).eta(), 0);
        PseudoJet m = PseudoJet.fromPtYPhiM(20, -0.7, -1.0, 5);
        assertEquals(5, m.m(), 1e-12);
        assertEquals(-0.7, m.rap(), 1e-12);
        assertEquals(2 * Math.PI - 1.0, m.phi(), 1e-12);
        PseudoJet sum = p.plus(m);
        assertEquals(p.e() + m.e(), sum.e(), 0);
        assertEquals(-1, sum.userIndex());
    }

    @Test
    void jetDefinitionDescriptionsReadLikeFastJets() {
        assertEquals("Longitudinally invariant anti-kt algorithm with R = 0.4 and E scheme recombination",
                JetDefinition.antiKt(0.4).description());
        assertEquals("Longitudinally invariant kt algorithm with R = 1 and E scheme recombination",
                new JetDefinition(JetAlgorithm.KT, 1.0).description());
        assertEquals("Longitudinally invariant Cambridge/Aachen algorithm with R = 0.123457 and E scheme recombination",
                new JetDefinition(JetAlgorithm.CAMBRIDGE, 0.123456789).description());
        assertEquals("1e-07", JetDefinition.cppDefaultFormat(1e-7));
        assertEquals("1.5e+06", JetDefinition.cppDefaultFormat(1.5e6));
        assertEquals("123456", JetDefinition.cppDefaultFormat(123456));
        assertThrows(IllegalArgumentException.class, () -> JetDefinition.antiKt(0));
        assertThrows(IllegalArgumentException.class, () -> JetDefinition.antiKt(Double.NaN));
        assertEquals(JetAlgorithm.CAMBRIDGE, JetAlgorithm.fromName("ca"));
        assertEquals(JetAlgorithm.ANTIKT, JetAlgorithm.fromName("AntiKt"));
        assertThrows(IllegalArgumentException.class, () -> JetAlgorithm.fromName("siscone"));
        assertEquals(Strategy.N2_MHT_LAZY9, Strategy.fromName("N2MHTLazy9"));
    }

    @Test
    void antiKtScaleIsCappedForZeroPt() {
        assertEquals(1e300, JetAlgorithm.ANTIKT.scale(0), 0);
        assertEquals(0.25, JetAlgorithm.ANTIKT.scale(4), 0);
        assertEquals(4, JetAlgorithm.KT.scale(4), 0);
        assertEquals(1, JetAlgorithm.CAMBRIDGE.scale(4), 0);
    }
}
