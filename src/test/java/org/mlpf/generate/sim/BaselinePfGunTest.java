package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mlpf.generate.Reconstruction;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.Kinematics;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.NtupleEvent;

/**
 * Efficiency and fake rate of the baseline PF on single-particle guns (|eta| < 2.5, the gun pT ranges of
 * docs/generator.md). Efficiency: fraction of generated particles with a candidate of their class within Delta R 0.1.
 * Fake rate: fraction of candidates of a class with no generated particle within Delta R 0.1 (any class), and of all
 * candidates with none. The ranges are those documented in docs/simulation.md.
 */
class BaselinePfGunTest {
    private static final int EVENTS = 3000;

    /** Measured figures of one gun. */
    private record Result(double efficiency, double classFakeRate, double fakeRate, double candidatesPerEvent) {
    }

    private static Result gun(int pdg, double ptMin, double ptMax, ParticleClass cls) {
        Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());
        NtupleEvent out = new NtupleEvent(0, "gun");
        GenEvent gen = new GenEvent();
        SplittableRandom rng = new SplittableRandom(pdg * 31L + 7);
        long generated = 0;
        long matched = 0;
        long cands = 0;
        long classCands = 0;
        long fakes = 0;
        long classFakes = 0;
        for (int i = 0; i < EVENTS; i++) {
            SimTestEvents.gun(gen, rng, pdg, ptMin, ptMax, 2.5);
            out.reset(i, "gun");
            reco.process(gen, 77L * i + pdg, out);
            List<Row> cs = NtupleRows.list(out.toRow(), NtupleRows.CANDIDATES);
            for (int g = 0; g < gen.size(); g++) {
                if (!gen.isFinal(g)) {
                    continue;
                }
                generated++;
                for (Row c : cs) {
                    if (c.getInt(0) == cls.index() && near(gen, g, c)) {
                        matched++;
                        break;
                    }
                }
            }
            for (Row c : cs) {
                boolean any = false;
                for (int g = 0; g < gen.size(); g++) {
                    any |= gen.isFinal(g) && near(gen, g, c);
                }
                cands++;
                fakes += any ? 0 : 1;
                if (c.getInt(0) == cls.index()) {
                    classCands++;
                    classFakes += any ? 0 : 1;
                }
            }
        }
        return new Result(matched / (double) generated, classFakes / (double) Math.max(1, classCands),
                fakes / (double) cands, cands / (double) EVENTS);
    }

    private static boolean near(GenEvent gen, int g, Row c) {
        return Kinematics.deltaR(gen.eta(g), gen.phi(g), c.getFloat(3), c.getFloat(4)) < 0.1;
    }

    private static void within(String what, double value, double lo, double hi) {
        assertTrue(value >= lo && value <= hi, what + " = " + value + " outside [" + lo + ", " + hi + "]");
    }

    @Test
    void chargedPionGun() {
        Result r = gun(211, 0.7, 10, ParticleClass.CHARGED_HADRON);
        // Tracking efficiency (0.6-0.95 by pT and eta) bounds the charged-hadron efficiency.
        within("charged hadron efficiency", r.efficiency(), 0.85, 0.93);
        within("charged hadron fake rate", r.classFakeRate(), 0, 0.01);
        // Neutral candidates from upward calorimeter fluctuations beyond the 1-sigma excess rule.
        within("fake rate of all candidates", r.fakeRate(), 0.10, 0.22);
    }

    @Test
    void photonGun() {
        Result r = gun(22, 10, 100, ParticleClass.PHOTON);
        within("photon efficiency", r.efficiency(), 0.98, 1.0);
        within("photon fake rate", r.classFakeRate(), 0, 0.01);
    }

    @Test
    void electronGun() {
        Result r = gun(11, 1, 100, ParticleClass.ELECTRON);
        // Electron tracking efficiency (0.5-0.95) and the E/p window.
        within("electron efficiency", r.efficiency(), 0.80, 0.90);
        within("electron fake rate", r.classFakeRate(), 0, 0.01);
    }

    @Test
    void muonGun() {
        Result r = gun(13, 0.7, 10, ParticleClass.MUON);
        // Muons below ~3 GeV of momentum stop before the muon chambers.
        within("muon efficiency", r.efficiency(), 0.78, 0.88);
        within("muon fake rate", r.classFakeRate(), 0, 0.01);
    }
}
