package org.mlpf.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.mlpf.generate.sim.NtupleRows;
import org.mlpf.generate.sim.SimTestEvents;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.Kinematics;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;

class ReconstructionTest {
    private final Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());

    private static Row run(Reconstruction r, GenEvent gen, long seed) {
        NtupleEvent out = new NtupleEvent(seed, "test");
        r.process(gen, seed, out);
        return out.toRow();
    }

    @Test
    void anEventDependsOnlyOnItsSeed() {
        GenEvent busy = SimTestEvents.busy(new GenEvent(), new SplittableRandom(5), 3, 15);
        GenEvent other = SimTestEvents.busy(new GenEvent(), new SplittableRandom(6), 2, 30);
        Row first = run(reco, busy, 99);
        run(reco, other, 7);
        assertEquals(first, run(reco, busy, 99), "reused buffers change nothing");
        assertEquals(first, run(new Reconstruction(ReconstructionConfig.defaults()), busy, 99));
        assertNotEquals(first, run(reco, busy, 100));
    }

    @Test
    void aSingleChargedPionGivesOneTrackAndItsClusters() {
        GenEvent gen = new GenEvent();
        int tracked = 0;
        int n = 300;
        double sumCalo = 0;
        int withCalo = 0;
        for (int seed = 0; seed < n; seed++) {
            gen.reset();
            SimTestEvents.particle(gen, 211, 10, 0.5, 1.0, 0, 0);
            Row row = run(reco, gen, seed);
            List<Row> els = NtupleRows.list(row, NtupleRows.ELEMENTS);
            List<Row> ygen = NtupleRows.list(row, NtupleRows.YGEN);
            int tracks = 0;
            double calo = 0;
            for (int i = 0; i < els.size(); i++) {
                Row e = els.get(i);
                int type = NtupleRows.type(e);
                if (type == ElementType.TRACK.code()) {
                    tracks++;
                    assertEquals(ParticleClass.CHARGED_HADRON.index(), ygen.get(i).getInt(0));
                    assertEquals(10, ygen.get(i).getFloat(2), 1e-4, "ygen carries the generated pT");
                    assertEquals(10, NtupleRows.feature(e, ElementFeature.PT), 0.5, "measured pT");
                    assertEquals(1, NtupleRows.feature(e, ElementFeature.CHARGE));
                    assertTrue(NtupleRows.feature(e, ElementFeature.NUM_HITS) >= 8);
                    // Positive tracks bend clockwise: the ECAL impact lies at smaller phi.
                    assertTrue(NtupleRows.feature(e, ElementFeature.PHI_ECAL) < 1.0);
                } else if (type == ElementType.ECAL.code() || type == ElementType.HCAL.code()) {
                    calo += NtupleRows.feature(e, ElementFeature.CORR_ENERGY);
                    double dr = Kinematics.deltaR(NtupleRows.feature(e, ElementFeature.ETA),
                            NtupleRows.feature(e, ElementFeature.PHI), 0.5, 1.0);
                    assertTrue(dr < 0.25, "cluster at dR " + dr + " from the pion");
                } else {
                    assertTrue(type == ElementType.GSF.code() || type == ElementType.SC.code(), "type " + type);
                }
            }
            assertTrue(tracks <= 1);
            tracked += tracks;
            if (calo > 0) {
                withCalo++;
                sumCalo += calo;
            }
        }
        assertEquals(0.95, tracked / (double) n, 0.04, "tracking efficiency above 1 GeV, central");
        assertTrue(withCalo > 0.97 * n, "the pion showers: " + withCalo);
        double p = 10 * Math.cosh(0.5);
        assertEquals(1.0, sumCalo / withCalo / p, 0.1, "calibrated calorimeter response");
    }

    /** The default configuration, keeping the pileup interactions' generator particles in the record. */
    private static Reconstruction keepingPileup() {
        ReconstructionConfig d = ReconstructionConfig.defaults();
        return new Reconstruction(new ReconstructionConfig(d.ecalSeedThreshold(), d.ecalCellThreshold(),
                d.hcalSeedThreshold(), d.hcalCellThreshold(), d.hfSeedThreshold(), d.hfCellThreshold(),
                d.beamSpotSigmaZ(), d.pfNeutralExcessSigma(), d.pfElectronMinEoverP(), d.pfElectronMaxEoverP(),
                d.pfMuonMinHits(), true));
    }

    @Test
    void eventsWithoutVerticesGetVerticesFromTheLuminousRegion() {
        Reconstruction withPileup = keepingPileup();
        GenEvent gen = new GenEvent();
        double sum2 = 0;
        int n = 400;
        for (int seed = 0; seed < n; seed++) {
            gen.reset();
            for (int v = 0; v < 3; v++) {
                for (int k = 0; k < 2; k++) {
                    gen.add(211, 1, 1, 1 + k, 0.5, 0.3 * v, Math.sqrt(2 + k * k + 2 * k + 0.09 * v * v), 0, 0, 0, v,
                            -1);
                }
            }
            gen.setNumPileup(2);
            Row row = run(withPileup, gen, seed);
            List<Row> gp = NtupleRows.list(row, NtupleRows.GEN);
            assertEquals(6, gp.size());
            assertEquals(2, NtupleRows.list(run(reco, gen, seed), NtupleRows.GEN).size(),
                    "by default only the hard scatter's particles are written");
            for (int v = 0; v < 3; v++) {
                assertEquals(gp.get(2 * v).getDouble(9), gp.get(2 * v + 1).getDouble(9), "one z per vertex");
                assertEquals(v, gp.get(2 * v).getInt(10));
            }
            assertNotEquals(gp.get(0).getDouble(9), gp.get(2).getDouble(9));
            sum2 += gp.get(0).getDouble(9) * gp.get(0).getDouble(9);
            assertEquals(2, row.getInt(NtupleRows.NUM_PILEUP));
        }
        assertEquals(4.5, Math.sqrt(sum2 / n), 0.5, "width of the luminous region");
        // Events that carry vertices keep them.
        gen.reset();
        gen.add(22, 0, 1, 5, 0, 0, 5, 0, 0, 1.25, 0, -1);
        assertEquals(1.25, NtupleRows.list(run(reco, gen, 1), NtupleRows.GEN).get(0).getDouble(9));
    }

    @Test
    void generatorRecordAndMetAreKept() {
        GenEvent gen = new GenEvent();
        int pi0 = gen.add(111, 0, 2, 3, 0, 0, Math.sqrt(9 + 0.0182), 0, 0, 1, 0, -1);
        gen.add(22, 0, 1, 1.5, 0.05, 0, Math.hypot(1.5, 0.05), 0, 0, 1, 0, pi0);
        gen.add(22, 0, 1, 1.5, -0.05, 0, Math.hypot(1.5, 0.05), 0, 0, 1, 0, pi0);
        gen.add(12, 0, 1, 0, 30, 5, Math.hypot(30, 5), 0, 0, 1, 0, -1);
        gen.add(-14, 0, 1, 40, 0, 0, 40, 0, 0, 1, 0, -1);
        Row row = run(reco, gen, 3);
        List<Row> gp = NtupleRows.list(row, NtupleRows.GEN);
        assertEquals(5, gp.size());
        assertEquals(2, gp.get(0).getInt(2), "decayed particles are kept with their status");
        assertEquals(50, row.getFloat(NtupleRows.GEN_MET), 1e-4);
        assertEquals(Math.atan2(30, 40), row.getFloat(NtupleRows.GEN_MET_PHI), 1e-6);
        TargetStats s = reco.lastTargetStats();
        assertEquals(2, s.visibleParticles(), "neutrinos and decayed particles are not visible");
        assertEquals(s.visibleParticles(), s.assignedParticles() + s.lostParticles());
        assertEquals(s.visibleEnergy(), s.assignedEnergy() + s.lostEnergy(), 1e-9);
    }

    @Test
    void primaryVertexIsTheHardScatterInBusyEvents() {
        SplittableRandom rng = new SplittableRandom(21);
        GenEvent gen = new GenEvent();
        int good = 0;
        int n = 12;
        for (int i = 0; i < n; i++) {
            SimTestEvents.busy(gen, rng, 4, 40);
            Row row = run(reco, gen, i);
            double hardZ = gen.vz(0);
            if (Math.abs(row.getFloat(NtupleRows.PV_Z) - hardZ) < 0.05) {
                good++;
            }
        }
        assertTrue(good >= n - 1, good + " of " + n + " primary vertices found");
    }

    @Test
    void negativeVertexIdsAreRejected() {
        GenEvent gen = new GenEvent();
        gen.add(22, 0, 1, 5, 0, 0, 5, 0, 0, 0, -1, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(reco, gen, 1));
        assertTrue(e.getMessage().contains("negative vertex id"));
    }

    /** The value checks of org.mlpf.validate, applied to every element, target and candidate of a row. */
    private static void assertValid(Row row) {
        List<Row> els = NtupleRows.list(row, NtupleRows.ELEMENTS);
        for (int i = 0; i < els.size(); i++) {
            Row e = els.get(i);
            for (ElementFeature f : ElementFeature.values()) {
                float v = NtupleRows.feature(e, f);
                assertTrue(Float.isFinite(v), "element " + i + " " + f + " = " + v);
            }
            for (ElementFeature f : new ElementFeature[] {ElementFeature.ETA, ElementFeature.ETA_ECAL,
                ElementFeature.ETA_HCAL}) {
                assertTrue(Math.abs(NtupleRows.feature(e, f)) < 6, "element " + i + " " + f);
            }
            for (ElementFeature f : new ElementFeature[] {ElementFeature.PHI, ElementFeature.PHI_ECAL,
                ElementFeature.PHI_HCAL}) {
                assertTrue(Math.abs(NtupleRows.feature(e, f)) <= (float) Math.PI, "element " + i + " " + f);
            }
            for (ElementFeature f : new ElementFeature[] {ElementFeature.PT, ElementFeature.E,
                ElementFeature.CORR_ENERGY}) {
                assertTrue(NtupleRows.feature(e, f) >= 0, "element " + i + " " + f);
            }
            int type = NtupleRows.type(e);
            assertTrue(type >= 1 && type <= 11);
        }
        for (int col : new int[] {NtupleRows.YGEN, NtupleRows.YCAND}) {
            List<Row> ts = NtupleRows.list(row, col);
            assertEquals(els.size(), ts.size());
            for (Row t : ts) {
                for (int k = 1; k < 7; k++) {
                    assertTrue(Float.isFinite(t.getFloat(k)));
                }
                assertTrue(t.getFloat(2) >= 0 && t.getFloat(6) >= 0 && Math.abs(t.getFloat(3)) < 6, t::toString);
            }
        }
        for (Row c : NtupleRows.list(row, NtupleRows.CANDIDATES)) {
            assertTrue(c.getInt(0) >= 1 && c.getInt(0) <= 7);
            assertTrue(c.getInt(6) >= 0 && c.getInt(6) < els.size());
            assertTrue(c.getFloat(2) >= 0 && c.getFloat(5) >= 0 && Math.abs(c.getFloat(3)) < 6);
            assertTrue(Math.abs(c.getFloat(4)) <= (float) Math.PI && Float.isFinite(c.getFloat(7)));
        }
        assertTrue(Float.isFinite(row.getFloat(NtupleRows.PV_Z)));
    }

    @Test
    void degenerateEventsGiveValidRows() {
        GenEvent gen = new GenEvent();
        assertValid(run(reco, gen, 1));
        assertEquals(0f, run(reco, gen, 1).getFloat(NtupleRows.PV_Z));
        gen.add(22, 0, 1, 0, 0, 50, 50, 0, 0, 0, 0, -1);          // along the beam
        gen.add(22, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, -1);            // no momentum at all
        gen.add(11, -1, 1, 3000, 100, 500, 3043.1, 0, 0, 0, 0, -1); // a 3 TeV electron
        gen.add(211, 1, 1, 2, 1, 0.5, 2.3, 150, 90, 20, 0, -1);     // produced beyond the ECAL radius
        gen.add(-211, -1, 1, 0.3, 0.1, 0.05, 0.36, 0, 0, 0, 0, -1); // a looper
        gen.add(13, -1, 1, 0.2, 0, 40, 40.0005, 0, 0, -5, 0, -1);   // a muon at eta 6
        gen.add(999999, 1, 1, 5, 5, 5, 9, 0, 0, 0, 0, -1);          // an unknown charged species
        assertValid(run(reco, gen, 2));
        SplittableRandom rng = new SplittableRandom(8);
        int[] species = {22, 11, -11, 13, -13, 211, -211, 321, 2212, -2212, 2112, 130, 310, 3122, 111, 12};
        for (int ev = 0; ev < 200; ev++) {
            gen.reset();
            for (int k = 0; k < 40; k++) {
                int pdg = species[rng.nextInt(species.length)];
                double pt = Math.exp(-3 + 8 * rng.nextDouble());
                double eta = -6 + 12 * rng.nextDouble();
                double r = rng.nextDouble() < 0.2 ? 300 * rng.nextDouble() : 0;
                double phiV = 2 * Math.PI * rng.nextDouble();
                int i = SimTestEvents.particle(gen, pdg, pt, eta, -Math.PI + 2 * Math.PI * rng.nextDouble(),
                        20 * rng.nextGaussian(), rng.nextInt(3));
                gen.setVertex(i, r * Math.cos(phiV), r * Math.sin(phiV), gen.vz(i));
            }
            assertValid(run(reco, gen, ev));
        }
    }
}
