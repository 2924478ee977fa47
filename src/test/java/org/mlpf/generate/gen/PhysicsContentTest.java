package org.mlpf.generate.gen;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mlpf.generate.EventSeeds;
import org.mlpf.physics.GenEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The physics content of the samples against documented ranges (docs/generator.md): neutrinos and MET, heavy
 * flavour, tau decays, LEP multiplicities, jet shapes, pileup, lifetimes.
 */
class PhysicsContentTest {
    private static GenEvent event(String sample, int index, int pileup) {
        GenEvent ev = new GenEvent();
        Samples.byName(sample).generate(new SplittableRandom(EventSeeds.seed(2024, sample, index)), pileup, ev);
        return ev;
    }

    private static boolean isBHadron(int pdg) {
        int a = Math.abs(pdg);
        return a == Species.BPLUS || a == Species.B0 || a == Species.BS || a == Species.LAMBDA_B;
    }

    @Test
    void ttbarHasNeutrinosAndItsMetComesOnlyFromThem() {
        int n = 200;
        double[] met = new double[n];
        int withNu = 0;
        for (int k = 0; k < n; k++) {
            GenEvent ev = event("ttbar", k, 3);
            double vx = 0;
            double vy = 0;
            double nx = 0;
            double ny = 0;
            boolean nu = false;
            for (int i = 0; i < ev.size(); i++) {
                if (!ev.isFinal(i)) {
                    continue;
                }
                if (Species.isNeutrino(ev.pdgId(i))) {
                    nu = true;
                    nx += ev.px(i);
                    ny += ev.py(i);
                } else {
                    vx += ev.px(i);
                    vy += ev.py(i);
                }
            }
            // Every interaction balances pT, so the visible particles' recoil is exactly the neutrinos' pT.
            assertEquals(nx, -vx, 1e-6, "MET x");
            assertEquals(ny, -vy, 1e-6, "MET y");
            withNu += nu ? 1 : 0;
            met[k] = Math.hypot(nx, ny);
        }
        Arrays.sort(met);
        // W -> l nu in 55% of the events, semileptonic b, c and tau decays in most of the rest: ~84% expected.
        assertTrue(withNu > 0.7 * n, "events with neutrinos: " + withNu);
        assertTrue(met[n / 2] > 20 && met[n / 2] < 60, "median MET " + met[n / 2]);
    }

    @Test
    void qcdMetIsMostlySmall() {
        int n = 1000;
        double[] met = new double[n];
        for (int k = 0; k < n; k++) {
            GenEvent ev = event("qcd", k, 0);
            double nx = 0;
            double ny = 0;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.isFinal(i) && Species.isNeutrino(ev.pdgId(i))) {
                    nx += ev.px(i);
                    ny += ev.py(i);
                }
            }
            met[k] = Math.hypot(nx, ny);
        }
        Arrays.sort(met);
        assertTrue(met[n / 2] < 1, "median QCD MET " + met[n / 2]);
        assertTrue(met[(int) (0.98 * n)] < 20, "98% quantile of QCD MET " + met[(int) (0.98 * n)]);
    }

    @Test
    void ttbarHasBHadronsWhoseDecaysMakeAboutFiveTracks() {
        int n = 100;
        int bHadrons = 0;
        int charged = 0;
        for (int k = 0; k < n; k++) {
            GenEvent ev = event("ttbar", k, 0);
            int[] ancestorB = new int[ev.size()];
            int inEvent = 0;
            for (int i = 0; i < ev.size(); i++) {
                int p = ev.parent(i);
                ancestorB[i] = p >= 0 && isBHadron(ev.pdgId(p)) ? p : p >= 0 ? ancestorB[p] : -1;
                if (isBHadron(ev.pdgId(i))) {
                    inEvent++;
                    assertEquals(2, ev.status(i), "b hadrons decay");
                }
                if (ev.isFinal(i) && ev.charge(i) != 0 && ancestorB[i] >= 0) {
                    charged++;
                }
            }
            assertTrue(inEvent >= 2, "event " + k + " has " + inEvent + " b hadrons");
            bHadrons += inEvent;
        }
        double perDecay = (double) charged / bHadrons;
        assertTrue(perDecay > 4 && perDecay < 6, "charged particles per b-hadron decay: " + perDecay);
    }

    @Test
    void tauDecayModesHaveThePdgRates() {
        int n = 20_000;
        int leptonic = 0;
        int oneProng = 0;
        int threeProng = 0;
        GenEvent ev = new GenEvent();
        for (int k = 0; k < n; k++) {
            ev.reset();
            Samples.byName("gun-tau").generate(new SplittableRandom(EventSeeds.seed(9, "gun-tau", k)), 0, ev);
            int prongs = 0;
            boolean lepton = false;
            for (int i = 1; i < ev.size(); i++) {
                int a = Math.abs(ev.pdgId(i));
                lepton |= ev.parent(i) == 0 && (a == Species.ELECTRON || a == Species.MUON);
                // Prongs: charged particles from the tau's decay chain, not from K0S decays.
                if (ev.isFinal(i) && ev.charge(i) != 0 && Math.abs(ev.pdgId(ev.parent(i))) != Species.K0S) {
                    prongs++;
                }
            }
            leptonic += lepton ? 1 : 0;
            oneProng += !lepton && prongs == 1 ? 1 : 0;
            threeProng += !lepton && prongs == 3 ? 1 : 0;
        }
        // PDG: leptonic 35.2%, hadronic 1-prong ~50%, 3-prong ~14.6% (after omitting modes below 0.5%).
        assertEquals(0.36, (double) leptonic / n, 0.015, "leptonic");
        assertEquals(0.50, (double) oneProng / n, 0.02, "1-prong");
        assertEquals(0.145, (double) threeProng / n, 0.015, "3-prong");
    }

    @Test
    void zTauTauTausDecayHadronicallyAndPeakAtTheZMass() {
        int n = 300;
        double sumMass = 0;
        for (int k = 0; k < n; k++) {
            GenEvent ev = event("ztautau", k, 0);
            double[] p = new double[4];
            int taus = 0;
            for (int i = 0; i < ev.size(); i++) {
                int a = Math.abs(ev.pdgId(i));
                if (a == Species.TAU && ev.parent(i) < 0) {
                    taus++;
                    p[0] += ev.px(i);
                    p[1] += ev.py(i);
                    p[2] += ev.pz(i);
                    p[3] += ev.e(i);
                }
                int par = ev.parent(i);
                if (par >= 0 && Math.abs(ev.pdgId(par)) == Species.TAU) {
                    assertTrue(a != Species.ELECTRON && a != Species.MUON, "leptonic tau decay in ztautau");
                }
            }
            assertEquals(2, taus);
            double m = Math.sqrt(p[3] * p[3] - p[0] * p[0] - p[1] * p[1] - p[2] * p[2]);
            assertTrue(Math.abs(m - 91.19) <= GeneratorParameters.Z_MASS_WINDOW + 1e-6, "m(tau tau) " + m);
            sumMass += m;
        }
        assertEquals(91.2, sumMass / n, 1.5, "mean m(tau tau)");
    }

    @Test
    void electronPositronMultiplicityMatchesLep() {
        // LEP: <n_ch> = 20.9 at the Z pole and 27.5 at 206 GeV (K0S and Lambda decay products included).
        assertEquals(20.9, meanChargedMultiplicity(91.2), 1.5);
        // Independent fragmentation grows a little faster with energy than the string model (documented: +7%).
        assertEquals(27.5, meanChargedMultiplicity(206), 3.5);
    }

    private static double meanChargedMultiplicity(double sqrtS) {
        int n = 2000;
        long charged = 0;
        GenEvent ev = new GenEvent();
        for (int k = 0; k < n; k++) {
            ev.reset();
            EventGenerator.get().generateElectronPositron(sqrtS, new SplittableRandom(k), ev);
            for (int i = 0; i < ev.size(); i++) {
                charged += ev.isFinal(i) && ev.charge(i) != 0 ? 1 : 0;
            }
        }
        return (double) charged / n;
    }

    /** Jet shapes in pT bins 20-40, 40-80, 80-120, 150-250 GeV. */
    @Test
    void jetsLookLikeJets() {
        double[] lo = {20, 40, 80, 150};
        double[] hi = {40, 80, 120, 250};
        double[] jets = new double[4];
        double[] mult = new double[4];
        double[] charged = new double[4];
        double[] lead = new double[4];
        double[] width = new double[4];
        double[] px = new double[4000];
        double[] py = new double[4000];
        double[] pz = new double[4000];
        double[] e = new double[4000];
        int[] q = new int[4000];
        boolean[] lepton = new boolean[4000];
        for (int k = 0; k < 250; k++) {
            GenEvent ev = event("ttbar", k, 0);
            int n = 0;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.isFinal(i) && ev.vertexId(i) == 0 && !Species.isNeutrino(ev.pdgId(i))) {
                    int a = Math.abs(ev.pdgId(i));
                    px[n] = ev.px(i);
                    py[n] = ev.py(i);
                    pz[n] = ev.pz(i);
                    e[n] = ev.e(i);
                    q[n] = ev.charge(i);
                    lepton[n] = ev.parent(i) < 0 && (a == Species.ELECTRON || a == Species.MUON);
                    n++;
                }
            }
            List<SimpleAntiKt.Jet> list = SimpleAntiKt.cluster(px, py, pz, e, n, 0.4, 20);
            for (SimpleAntiKt.Jet jet : list) {
                double pt = jet.pt();
                int b = -1;
                for (int j = 0; j < 4; j++) {
                    b = pt >= lo[j] && pt < hi[j] ? j : b;
                }
                if (b < 0 || Math.abs(jet.rapidity()) > 2.5) {
                    continue;
                }
                double maxPt = 0;
                int leading = -1;
                int nch = 0;
                double w = 0;
                for (int c : jet.constituents()) {
                    double ptc = Math.hypot(px[c], py[c]);
                    if (ptc > maxPt) {
                        maxPt = ptc;
                        leading = c;
                    }
                    nch += q[c] != 0 ? 1 : 0;
                    double y = 0.5 * Math.log((e[c] + pz[c]) / (e[c] - pz[c]));
                    double dphi = Math.abs(Math.atan2(py[c], px[c]) - jet.phi());
                    dphi = dphi > Math.PI ? 2 * Math.PI - dphi : dphi;
                    w += ptc * Math.hypot(y - jet.rapidity(), dphi);
                }
                if (lepton[leading]) {
                    // A prompt W lepton is not a jet.
                    continue;
                }
                jets[b]++;
                mult[b] += jet.constituents().size();
                charged[b] += nch;
                lead[b] += maxPt / pt;
                width[b] += w / pt;
            }
        }
        for (int b = 0; b < 4; b++) {
            assertTrue(jets[b] > 20, "few jets in bin " + b);
            mult[b] /= jets[b];
            charged[b] /= jets[b];
            lead[b] /= jets[b];
            width[b] /= jets[b];
        }
        String all = "multiplicity " + Arrays.toString(mult) + " charged " + Arrays.toString(charged) + " leading "
                + Arrays.toString(lead) + " width " + Arrays.toString(width);
        // Multiplicity grows with jet pT; a 100 GeV jet has a few tens of particles, about half charged.
        assertTrue(mult[0] < mult[1] && mult[1] < mult[2] && mult[2] < mult[3], all);
        assertTrue(mult[2] > 15 && mult[2] < 40, all);
        assertTrue(charged[2] > 7 && charged[2] < 20, all);
        // The leading particle carries 20-40% of the jet pT.
        for (int b = 1; b < 4; b++) {
            assertTrue(lead[b] > 0.2 && lead[b] < 0.4, all);
        }
        // pT-weighted width shrinks with pT.
        assertTrue(width[0] > width[2] && width[1] > width[3], all);
        assertTrue(width[2] > 0.03 && width[2] < 0.15, all);
    }

    @Test
    void pileupInteractionsSpreadAlongZWithMinimumBiasContent() {
        int events = 40;
        int pileup = 50;
        int vertices = events * pileup;
        double[] z = new double[vertices];
        double[] x = new double[vertices];
        long[] finals = new long[vertices];
        long charged = 0;
        long centralCharged = 0;
        double chargedPt = 0;
        for (int k = 0; k < events; k++) {
            GenEvent ev = event("gun-gamma", k, pileup);
            double[] sumX = new double[pileup + 1];
            double[] sumY = new double[pileup + 1];
            for (int i = 0; i < ev.size(); i++) {
                int v = ev.vertexId(i);
                if (v == 0) {
                    continue;
                }
                int slot = k * pileup + v - 1;
                if (ev.parent(i) < 0) {
                    z[slot] = ev.vz(i);
                    x[slot] = ev.vx(i);
                }
                if (ev.isFinal(i)) {
                    finals[slot]++;
                    sumX[v] += ev.px(i);
                    sumY[v] += ev.py(i);
                    if (ev.charge(i) != 0) {
                        charged++;
                        chargedPt += ev.pt(i);
                        centralCharged += Math.abs(ev.eta(i)) < 0.5 ? 1 : 0;
                    }
                }
            }
            for (int v = 1; v <= pileup; v++) {
                assertEquals(0, sumX[v], 1e-9, "net px of a pileup interaction");
                assertEquals(0, sumY[v], 1e-9, "net py of a pileup interaction");
            }
        }
        assertEquals(GeneratorParameters.BEAM_SPOT_SIGMA_Z, rms(z), 0.25, "vertex z spread, cm");
        assertEquals(GeneratorParameters.BEAM_SPOT_SIGMA_XY, rms(x), 1e-4, "vertex x spread, cm");
        double mean = Arrays.stream(finals).average().orElse(0);
        double spread = Math.sqrt(Arrays.stream(finals).mapToDouble(f -> (f - mean) * (f - mean)).average().orElse(0));
        assertTrue(mean > 110 && mean < 170, "final-state particles per interaction " + mean);
        assertTrue(spread > 0.5 * mean, "negative-binomial fluctuations, rms " + spread);
        double perEta = (double) centralCharged / vertices;
        assertTrue(perEta > 4.5 && perEta < 7, "dNch/deta at eta = 0: " + perEta);
        double meanPt = chargedPt / charged;
        assertTrue(meanPt > 0.4 && meanPt < 0.55, "mean charged pT " + meanPt);
    }

    private static double rms(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).average().orElse(0));
    }

    @Test
    void longLivedHadronsFlyTheirProperDecayLength() {
        double sumK = 0;
        int nK = 0;
        double sumL = 0;
        int nL = 0;
        for (int k = 0; k < 40; k++) {
            GenEvent ev = event("qcd", k, 20);
            int[] firstDaughter = new int[ev.size()];
            Arrays.fill(firstDaughter, -1);
            for (int i = 0; i < ev.size(); i++) {
                int p = ev.parent(i);
                if (p >= 0 && firstDaughter[p] < 0) {
                    firstDaughter[p] = i;
                }
            }
            for (int i = 0; i < ev.size(); i++) {
                int a = Math.abs(ev.pdgId(i));
                if ((a != Species.K0S && a != Species.LAMBDA) || firstDaughter[i] < 0) {
                    continue;
                }
                int d = firstDaughter[i];
                double flight = Math.sqrt(Math.pow(ev.vx(d) - ev.vx(i), 2) + Math.pow(ev.vy(d) - ev.vy(i), 2)
                        + Math.pow(ev.vz(d) - ev.vz(i), 2));
                double p = Math.sqrt(ev.px(i) * ev.px(i) + ev.py(i) * ev.py(i) + ev.pz(i) * ev.pz(i));
                double properLength = flight * Species.mass(a) / p;
                if (a == Species.K0S) {
                    sumK += properLength;
                    nK++;
                } else {
                    sumL += properLength;
                    nL++;
                }
            }
        }
        assertTrue(nK > 2000 && nL > 500, nK + " K0S, " + nL + " Lambda");
        assertEquals(Species.ctau(Species.K0S), sumK / nK, 4 * Species.ctau(Species.K0S) / Math.sqrt(nK), "K0S c tau");
        assertEquals(Species.ctau(Species.LAMBDA), sumL / nL, 4 * Species.ctau(Species.LAMBDA) / Math.sqrt(nL),
                "Lambda c tau");
    }
}
