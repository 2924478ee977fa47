package org.mlpf.generate.gen;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mlpf.generate.EventSeeds;
import org.mlpf.physics.GenEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four-momentum, charge and quantum-number conservation of the hard scatter and of every decay. */
class ConservationTest {
    /** Relative tolerance of four-momentum sums (rounding of a few hundred additions is ~1e-13). */
    private static final double REL = 1e-9;

    @Test
    void hardScatterFinalStateAddsUpToTheIncomingFourMomentum() {
        for (String name : Samples.names()) {
            boolean physics = !name.startsWith("gun-");
            int events = physics ? 40 : 200;
            for (int k = 0; k < events; k++) {
                GenEvent ev = new GenEvent();
                Samples.byName(name).generate(new SplittableRandom(EventSeeds.seed(3, name, k)), 2, ev);
                double[] in = EventGenerator.get().lastInitialState();
                double[] sum = new double[4];
                for (int i = 0; i < ev.size(); i++) {
                    if (ev.isFinal(i) && ev.vertexId(i) == 0) {
                        sum[0] += ev.px(i);
                        sum[1] += ev.py(i);
                        sum[2] += ev.pz(i);
                        sum[3] += ev.e(i);
                    }
                }
                double tol = REL * in[3];
                for (int c = 0; c < 4; c++) {
                    assertEquals(in[c], sum[c], tol, name + " event " + k + " component " + c);
                }
                if (physics) {
                    // Two collinear partons come in: no transverse momentum, momentum fractions below 1.
                    assertEquals(0, in[0], tol, name);
                    assertEquals(0, in[1], tol, name);
                    assertTrue(in[3] + in[2] < GeneratorParameters.SQRT_S && in[3] - in[2] < GeneratorParameters.SQRT_S,
                            name + ": x > 1");
                }
            }
        }
    }

    @Test
    void momentumReshufflingIsASmallCorrection() {
        for (EventGenerator.Process p : EventGenerator.Process.values()) {
            double[] scale = new double[300];
            for (int k = 0; k < scale.length; k++) {
                EventGenerator.get().generate(p, new SplittableRandom(k), 0, new GenEvent());
                scale[k] = EventGenerator.get().lastReshuffleScale();
                assertTrue(Math.abs(scale[k] - 1) <= 0.1, p + ": reshuffling scale " + scale[k]);
            }
            java.util.Arrays.sort(scale);
            assertEquals(1, scale[scale.length / 2], 0.02, p + ": median reshuffling scale");
        }
    }

    @Test
    void electronPositronCalibrationEventsConserveFourMomentum() {
        GenEvent ev = new GenEvent();
        EventGenerator.get().generateElectronPositron(91.2, new SplittableRandom(11), ev);
        double e = 0;
        double pz = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.isFinal(i)) {
                e += ev.e(i);
                pz += ev.pz(i);
            }
        }
        assertEquals(91.2, e, REL * 91.2);
        assertEquals(0, pz, REL * 91.2);
    }

    @Test
    void decaysConserveFourMomentumAndChargeAndStartAtTheDecayVertex() {
        Set<Integer> seen = new HashSet<>();
        for (String name : new String[] {"ttbar", "ztautau", "qcd", "gun-tau", "gun-pi0"}) {
            for (int k = 0; k < 15; k++) {
                GenEvent ev = new GenEvent();
                Samples.byName(name).generate(new SplittableRandom(EventSeeds.seed(5, name, k)), 3, ev);
                checkDecays(ev, name, seen);
            }
        }
        for (int id : new int[] {Species.PI0, Species.K0S, Species.LAMBDA, Species.TAU, Species.ETA, Species.RHO,
                Species.D0, Species.DPLUS, Species.BPLUS, Species.B0}) {
            assertTrue(seen.contains(id), "no decay of " + id + " seen");
        }
    }

    private static void checkDecays(GenEvent ev, String name, Set<Integer> seen) {
        int n = ev.size();
        double[] sum = new double[4 * n];
        int[] charge = new int[n];
        int[] count = new int[n];
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            int p = ev.parent(i);
            if (p < 0) {
                continue;
            }
            assertTrue(p < i, "a daughter comes after its parent");
            assertEquals(2, ev.status(p), name + ": parent of a daughter is not decayed");
            assertEquals(ev.vertexId(p), ev.vertexId(i), name + ": daughter on another vertex id");
            sum[4 * p] += ev.px(i);
            sum[4 * p + 1] += ev.py(i);
            sum[4 * p + 2] += ev.pz(i);
            sum[4 * p + 3] += ev.e(i);
            charge[p] += ev.charge(i);
            if (count[p]++ == 0) {
                first[p] = i;
            } else {
                int f = first[p];
                assertEquals(ev.vx(f), ev.vx(i), name + ": daughters of one decay at different points");
                assertEquals(ev.vy(f), ev.vy(i), name);
                assertEquals(ev.vz(f), ev.vz(i), name);
            }
        }
        for (int p = 0; p < n; p++) {
            if (ev.status(p) != 2) {
                continue;
            }
            int id = ev.pdgId(p);
            seen.add(Math.abs(id));
            String what = name + ": decay of " + id;
            assertTrue(count[p] >= 2, what + " has " + count[p] + " daughters");
            double tol = REL * ev.e(p) + 1e-12;
            assertEquals(ev.px(p), sum[4 * p], tol, what);
            assertEquals(ev.py(p), sum[4 * p + 1], tol, what);
            assertEquals(ev.pz(p), sum[4 * p + 2], tol, what);
            assertEquals(ev.e(p), sum[4 * p + 3], tol, what);
            assertEquals(ev.charge(p), charge[p], what + ": charge");
            int d = first[p];
            double dx = ev.vx(d) - ev.vx(p);
            double dy = ev.vy(d) - ev.vy(p);
            double dz = ev.vz(d) - ev.vz(p);
            if (Species.ctau(id) == 0) {
                assertEquals(0, Math.abs(dx) + Math.abs(dy) + Math.abs(dz), 0, what + ": prompt decay displaced");
            } else {
                // Displaced along the parent's momentum.
                double flight = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double p3 = Math.sqrt(ev.px(p) * ev.px(p) + ev.py(p) * ev.py(p) + ev.pz(p) * ev.pz(p));
                double cos = (dx * ev.px(p) + dy * ev.py(p) + dz * ev.pz(p)) / (flight * p3);
                assertTrue(flight > 0 && cos > 1 - 1e-9, what + ": decay vertex not along the momentum");
            }
        }
    }

    @Test
    void everyDecayChannelConservesQuantumNumbersAndIsOpen() {
        int channels = 0;
        for (int id : Species.all()) {
            if (!DecayTable.isUnstable(id)) {
                continue;
            }
            double parentMax = Species.mass(id) + 5 * Species.width(id);
            double total = 0;
            int first = DecayTable.firstChannel(id);
            for (int c = first; c < first + DecayTable.numChannels(id); c++) {
                channels++;
                total += DecayTable.branchingFraction(c);
                int q = 0;
                int b = 0;
                int[] lepton = new int[4];
                double minMass = 0;
                StringBuilder d = new StringBuilder();
                for (int k = 0; k < DecayTable.numDaughters(c); k++) {
                    int dau = DecayTable.daughter(c, k);
                    d.append(' ').append(dau);
                    q += Species.charge(dau);
                    b += Species.baryonNumber(dau);
                    for (int g = 1; g <= 3; g++) {
                        lepton[g] += Species.leptonNumber(dau, g);
                    }
                    minMass += Species.width(dau) > 0 ? Decayer.minimumMass(dau) : Species.mass(dau);
                }
                String what = id + " ->" + d;
                assertEquals(Species.charge(id), q, what + ": charge");
                assertEquals(Species.baryonNumber(id), b, what + ": baryon number");
                for (int g = 1; g <= 3; g++) {
                    assertEquals(Species.leptonNumber(id, g), lepton[g], what + ": lepton number " + g);
                }
                assertTrue(minMass < parentMax, what + ": closed (" + minMass + " GeV)");
            }
            assertEquals(1, total, 1e-12, id + ": branching fractions");
        }
        assertTrue(channels > 250, "only " + channels + " channels");
    }
}
