package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpf.generate.Reconstruction;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.GenEvent;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;

/** The simulated ECAL reproduces the resolution formula of docs/simulation.md for single photons, after clustering. */
class EcalResolutionTest {
    private static final int EVENTS = 2500;
    private static final double ETA = 0.3;

    @ParameterizedTest
    @ValueSource(doubles = {2, 5, 20, 50})
    void photonEnergyResolutionMatchesTheFormula(double energy) {
        Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());
        NtupleEvent out = new NtupleEvent(0, "gun-gamma");
        GenEvent gen = new GenEvent();
        SplittableRandom rng = new SplittableRandom(11);
        double sum = 0;
        double sum2 = 0;
        double sumCorr = 0;
        for (int i = 0; i < EVENTS; i++) {
            gen.reset();
            SimTestEvents.particle(gen, 22, energy / Math.cosh(ETA), ETA, -Math.PI + 2 * Math.PI * rng.nextDouble(), 0,
                    0);
            out.reset(i, "gun-gamma");
            reco.process(gen, 1000L * i + (long) energy, out);
            double e = 0;
            double corr = 0;
            for (int k = 0; k < out.numElements(); k++) {
                if (out.feature(k, ElementFeature.TYP_IDX) == ElementType.ECAL.code()) {
                    e += out.feature(k, ElementFeature.E);
                    corr += out.feature(k, ElementFeature.CORR_ENERGY);
                }
            }
            sum += e;
            sum2 += e * e;
            sumCorr += corr;
        }
        double mean = sum / EVENTS;
        double rms = Math.sqrt(sum2 / EVENTS - mean * mean);
        double formula = CmsDetector.ecalSigma(energy, ETA);
        // Statistical error of an rms: rms / sqrt(2N); the clustering adds ~1% of losses that fluctuate little.
        double tolerance = 3 * rms / Math.sqrt(2.0 * EVENTS) + 0.02 * formula;
        assertEquals(formula, rms, tolerance, "resolution at " + energy + " GeV");
        assertTrue(mean / energy > 0.93 && mean / energy <= 1.005, "raw response " + mean / energy);
        assertEquals(1.0, sumCorr / EVENTS / energy, 0.015, "calibrated response");
    }
}
