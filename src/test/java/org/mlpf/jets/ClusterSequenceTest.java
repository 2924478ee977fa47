package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlpf.physics.GenEvent;

class ClusterSequenceTest {
    private static PseudoJet ptYPhi(double pt, double y, double phi) {
        return PseudoJet.fromPtYPhiM(pt, y, phi, 0.0);
    }

    private static GenEvent genEvent(List<double[]> particles) {
        GenEvent g = new GenEvent();
        for (double[] p : particles) {
            g.add(211, 1, 1, p[0], p[1], p[2], p[3], 0, 0, 0, 0, -1);
        }
        return g;
    }

    private static List<PseudoJet> pseudoJets(List<double[]> particles) {
        List<PseudoJet> out = new ArrayList<>();
        for (double[] p : particles) {
            out.add(new PseudoJet(p[0], p[1], p[2], p[3]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} R={1} N={2}")
    @CsvSource({"ANTIKT, 0.4, 25", "ANTIKT, 0.4, 450", "ANTIKT, 0.8, 450", "ANTIKT, 1.7, 300", "KT, 0.4, 450",
        "KT, 0.8, 300", "KT, 1.7, 300", "CAMBRIDGE, 0.4, 450", "CAMBRIDGE, 0.8, 300", "CAMBRIDGE, 1.7, 300",
        "ANTIKT, 0.05, 200"})
    void everyStrategyFindsTheNaiveAlgorithmsJets(JetAlgorithm alg, double r, int n) {
        GenEvent ev = genEvent(SyntheticEvents.eventOfSize(100 + n, 3, n));
        JetDefinition ref = new JetDefinition(alg, r, RecombinationScheme.E_SCHEME, Strategy.N3_DUMB);
        List<FastJetReference.EventJets> expected = List.of(FastJetReference.ours(0, ev, ref, 0.0));
        for (Strategy s : Strategy.values()) {
            List<FastJetReference.EventJets> actual = List.of(FastJetReference.ours(0, ev, ref.withStrategy(s), 0.0));
            FastJetReference.assertSameJets(expected, actual, 1e-12, alg + " R=" + r + " N=" + n + " " + s, false);
        }
    }

    @ParameterizedTest(name = "{0} R={1} N={2}: {3}")
    @CsvSource({"ANTIKT, 0.4, 30, N2Plain", "ANTIKT, 0.4, 39, N2Plain", "ANTIKT, 0.4, 40, N2Tiled",
        "ANTIKT, 0.4, 690, N2Tiled", "ANTIKT, 0.4, 691, N2MinHeapTiled", "ANTIKT, 0.4, 1581, N2MHTLazy9",
        "ANTIKT, 0.4, 21000, N2MHTLazy9", "ANTIKT, 0.4, 23000, N2MHTLazy25", "ANTIKT, 0.8, 27, N2Plain",
        "ANTIKT, 0.8, 31, N2Tiled", "ANTIKT, 0.8, 515, N2Tiled", "ANTIKT, 0.8, 517, N2MHTLazy9",
        "ANTIKT, 0.8, 4800, N2MHTLazy9", "ANTIKT, 0.8, 5000, N2MHTLazy25", "KT, 0.4, 1582, N2MHTLazy9",
        "KT, 0.4, 23000, N2MHTLazy9", "KT, 0.8, 5000, N2MHTLazy9", "CAMBRIDGE, 0.4, 2000, N2MHTLazy9",
        "CAMBRIDGE, 1, 600, N2MHTLazy9", "ANTIKT, 2, 74, N2Plain", "ANTIKT, 2, 75, N2MHTLazy9",
        "ANTIKT, 2, 699, N2MHTLazy9", "ANTIKT, 2, 700, N2MHTLazy25", "KT, 2, 999, N2MHTLazy9",
        "KT, 2, 1000, N2MHTLazy25", "ANTIKT, 0.05, 40, N2Plain", "ANTIKT, 0.05, 60, N2Tiled",
        "CAMBRIDGE, 1.2, 20000, N2MHTLazy25"})
    void bestStrategyIsFastJetsChoice(JetAlgorithm alg, double r, int n, String fastjet) {
        // Expected values printed by FastJet 3.4.0's ClusterSequence::strategy_string() for these N, R.
        assertEquals(fastjet, StrategyChoice.best(alg, r, n).fastJetName());
    }

    @Test
    void fourMomentumIsConservedAndConstituentsPartitionTheInput() {
        List<double[]> particles = SyntheticEvents.eventOfSize(7, 4, 1200);
        for (JetAlgorithm alg : JetAlgorithm.values()) {
            ClusterSequence cs = new ClusterSequence(pseudoJets(particles), new JetDefinition(alg, 0.6));
            double[] sumIn = new double[4];
            for (double[] p : particles) {
                for (int k = 0; k < 4; k++) {
                    sumIn[k] += p[k];
                }
            }
            double[] sumJets = new double[4];
            int[] seen = new int[particles.size()];
            for (PseudoJet j : cs.inclusiveJets(0)) {
                sumJets[0] += j.px();
                sumJets[1] += j.py();
                sumJets[2] += j.pz();
                sumJets[3] += j.e();
                double[] sumConstituents = new double[4];
                for (PseudoJet c : cs.constituents(j)) {
                    seen[c.historyIndex()]++;
                    sumConstituents[3] += c.e();
                }
                assertEquals(j.e(), sumConstituents[3], 1e-9 * j.e(), "jet energy = sum of its constituents'");
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(sumIn[k], sumJets[k], 1e-9 * sumIn[3], alg + ": component " + k);
            }
            for (int i = 0; i < seen.length; i++) {
                assertEquals(1, seen[i], alg + ": particle " + i + " must be in exactly one jet");
            }
            assertEquals(2 * particles.size(), cs.historySize());
        }
    }

    @Test
    void antiKtGrowsAroundTheHardParticleWhileKtMergesTheSoftPairFirst() {
        // H hard at phi 0; A soft at Delta R 0.35 from H; B soft at Delta R 0.30 from A and 0.65 from H.
        List<PseudoJet> ev = List.of(ptYPhi(100, 0, 0), ptYPhi(1, 0, 0.35), ptYPhi(2, 0, 0.65));
        ClusterSequence akt = new ClusterSequence(ev, JetDefinition.antiKt(0.4));
        assertEquals(List.of(List.of(0, 1), List.of(2)), constituentSets(akt));
        ClusterSequence kt = new ClusterSequence(ev, new JetDefinition(JetAlgorithm.KT, 0.4));
        assertEquals(List.of(List.of(0), List.of(1, 2)), constituentSets(kt));
        // The first kt step merges A and B with d = min(pt_A^2, pt_B^2) Delta R^2 / R^2.
        int first = 3;
        assertEquals(1, kt.historyParent1(first));
        assertEquals(2, kt.historyParent2(first));
        double dr2 = Math.pow(ev.get(1).phi() - ev.get(2).phi(), 2) + Math.pow(ev.get(1).rap() - ev.get(2).rap(), 2);
        assertEquals(ev.get(1).pt2() * dr2 / 0.16, kt.historyDij(first), 1e-12);
    }

    private static List<List<Integer>> constituentSets(ClusterSequence cs) {
        List<List<Integer>> out = new ArrayList<>();
        for (PseudoJet j : cs.inclusiveJets(0)) {
            int[] idx = cs.constituentIndices(j);
            Arrays.sort(idx);
            out.add(Arrays.stream(idx).boxed().toList());
        }
        out.sort(Comparator.comparing(l -> l.get(0)));
        return out;
    }

    @Test
    void twoParticlesMergeOnlyWithinR() {
        ClusterSequence near = new ClusterSequence(List.of(ptYPhi(10, 0, 1), ptYPhi(5, 0.3, 1)), JetDefinition.antiKt(0.4));
        assertEquals(1, near.inclusiveJets(0).size());
        PseudoJet j = near.inclusiveJets(0).get(0);
        assertEquals(ptYPhi(10, 0, 1).plus(ptYPhi(5, 0.3, 1)).e(), j.e(), 0);
        ClusterSequence far = new ClusterSequence(List.of(ptYPhi(10, 0, 1), ptYPhi(5, 0.41, 1)), JetDefinition.antiKt(0.4));
        assertEquals(2, far.inclusiveJets(0).size());
    }

    @Test
    void azimuthWrapsAroundTwoPi() {
        // phi 0.1 and 2 pi - 0.1 are 0.2 apart.
        ClusterSequence cs = new ClusterSequence(List.of(ptYPhi(10, 0, 0.1), ptYPhi(10, 0, -0.1)), JetDefinition.antiKt(0.4));
        assertEquals(1, cs.inclusiveJets(0).size());
        assertEquals(0.0, cs.inclusiveJets(0).get(0).phiStd(), 1e-12);
    }

    @Test
    void ptminSelectsOnPtSquaredInclusively() {
        List<PseudoJet> ev = List.of(new PseudoJet(3, 4, 0, 5), new PseudoJet(-3, -4.0000001, 0, 5.1));
        for (JetAlgorithm alg : JetAlgorithm.values()) {
            ClusterSequence cs = new ClusterSequence(ev, new JetDefinition(alg, 0.4));
            assertEquals(2, cs.inclusiveJets(5.0).size(), alg + ": pt = 5 exactly is kept at ptmin 5");
            assertEquals(1, cs.inclusiveJets(5.000000001).size(), alg.toString());
            assertEquals(0, cs.inclusiveJets(6).size(), alg.toString());
        }
    }

    @Test
    void emptyAndSingleParticleEvents() {
        ClusterSequence empty = new ClusterSequence(List.of(), JetDefinition.antiKt(0.4));
        assertEquals(0, empty.inclusiveJets(0).size());
        assertEquals(0, empty.historySize());
        PseudoJet p = new PseudoJet(1, 2, 3, 4).withUserIndex(17);
        ClusterSequence one = new ClusterSequence(List.of(p), JetDefinition.antiKt(0.4));
        List<PseudoJet> jets = one.inclusiveJets(0);
        assertEquals(1, jets.size());
        assertEquals(4, jets.get(0).e(), 0);
        assertEquals(17, jets.get(0).userIndex(), "a single-particle jet is the input particle, user index kept");
        assertArrayEquals(new int[] {0}, one.constituentIndices(jets.get(0)));
        assertEquals(17, one.constituents(jets.get(0)).get(0).userIndex());
    }

    @Test
    void shuffledInputGivesBitIdenticalJets() {
        List<double[]> particles = SyntheticEvents.eventOfSize(8, 3, 900);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        List<double[]> shuffled = order.stream().map(particles::get).toList();
        for (JetAlgorithm alg : JetAlgorithm.values()) {
            JetDefinition def = new JetDefinition(alg, 0.4);
            List<PseudoJet> a = ClusterSequence.sortedByPt(new ClusterSequence(pseudoJets(particles), def).inclusiveJets(0));
            List<PseudoJet> b = ClusterSequence.sortedByPt(new ClusterSequence(pseudoJets(shuffled), def).inclusiveJets(0));
            assertEquals(a.size(), b.size());
            for (int k = 0; k < a.size(); k++) {
                // Same clustering tree, and each pairwise E-scheme sum is commutative: equal to the last bit.
                assertEquals(a.get(k).px(), b.get(k).px(), 0, alg + " jet " + k);
                assertEquals(a.get(k).e(), b.get(k).e(), 0, alg + " jet " + k);
            }
        }
    }

    @Test
    void historyRecordsEveryStepOnce() {
        List<PseudoJet> ev = pseudoJets(SyntheticEvents.eventOfSize(9, 2, 300));
        ClusterSequence cs = new ClusterSequence(ev, new JetDefinition(JetAlgorithm.KT, 0.5));
        int n = ev.size();
        int beamSteps = 0;
        double previous = 0;
        for (int h = 0; h < 2 * n; h++) {
            if (h < n) {
                assertEquals(ClusterSequence.INEXISTENT_PARENT, cs.historyParent1(h));
            } else if (cs.historyParent2(h) == ClusterSequence.BEAM_JET) {
                beamSteps++;
            } else {
                assertTrue(cs.historyParent1(h) < cs.historyParent2(h));
            }
            if (h >= n) {
                // kt distances never decrease along the history (a property of the algorithm).
                assertTrue(cs.historyDij(h) >= previous * (1 - 1e-12), "step " + h);
                previous = cs.historyDij(h);
            }
            boolean finalBeam = h >= n && cs.historyParent2(h) == ClusterSequence.BEAM_JET;
            assertEquals(finalBeam, cs.historyChild(h) == ClusterSequence.INVALID, "step " + h);
        }
        assertEquals(cs.inclusiveJets(0).size(), beamSteps);
        assertThrows(IndexOutOfBoundsException.class, () -> cs.historyDij(2 * n));
    }

    @Test
    void sortedByPtIsDecreasingAndStable() {
        List<PseudoJet> jets = List.of(new PseudoJet(1, 0, 0, 1).withUserIndex(0), new PseudoJet(0, 3, 0, 3),
                new PseudoJet(0, 1, 0, 1).withUserIndex(2));
        List<PseudoJet> s = ClusterSequence.sortedByPt(jets);
        assertEquals(3, s.get(0).pt(), 0);
        assertEquals(0, s.get(1).userIndex(), "equal pt keep their order");
        assertEquals(2, s.get(2).userIndex());
    }
}
