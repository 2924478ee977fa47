package org.mlpf.generate.gen;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mlpf.generate.EventSeeds;
import org.mlpf.generate.Sample;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.ParticleData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest {
    private static final List<String> ALL = List.of("ttbar", "qcd", "ztautau", "gun-e", "gun-mu", "gun-pi", "gun-pi0",
            "gun-tau", "gun-gamma", "gun-k0l");

    @Test
    void namesListEverySampleAndByNameFindsThem() {
        assertEquals(ALL, Samples.names());
        for (String name : ALL) {
            assertEquals(name, Samples.byName(name).name());
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samples.byName("wjets"));
        assertTrue(e.getMessage().contains("wjets"), e.getMessage());
        for (String name : ALL) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void sameSeedGivesBitIdenticalEventsAndOtherSeedsDiffer() {
        for (String name : ALL) {
            Sample s = Samples.byName(name);
            long seed = EventSeeds.seed(42, name, 7);
            GenEvent a = generate(s, seed, 3);
            // Another event in between must not leak into the next one (no state kept between events).
            generate(s, seed + 1, 5);
            GenEvent b = generate(s, seed, 3);
            assertIdentical(a, b, name);
            GenEvent c = generate(s, EventSeeds.seed(42, name, 8), 3);
            assertFalse(c.size() == a.size() && c.px(0) == a.px(0), name + ": another seed gave the same event");
        }
    }

    @Test
    void eventsDoNotDependOnTheThreadThatMadeThem() throws Exception {
        Sample s = Samples.byName("ttbar");
        long seed = EventSeeds.seed(1, "ttbar", 99);
        GenEvent here = generate(s, seed, 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<GenEvent> there = pool.submit(() -> generate(s, seed, 2));
            assertIdentical(here, there.get(), "ttbar on another thread");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyParticleIsAKnownSpeciesWithItsCharge() {
        for (String name : ALL) {
            GenEvent ev = generate(Samples.byName(name), 5, 2);
            for (int i = 0; i < ev.size(); i++) {
                assertTrue(ParticleData.isKnown(ev.pdgId(i)), name + ": unknown id " + ev.pdgId(i));
                assertEquals(ParticleData.charge(ev.pdgId(i)), ev.charge(i), name + ": charge of " + ev.pdgId(i));
                assertTrue(ev.status(i) == 1 || ev.status(i) == 2, name + ": status " + ev.status(i));
                assertTrue(ev.e(i) >= 0 && Double.isFinite(ev.px(i)) && Double.isFinite(ev.vz(i)), name);
            }
            assertEquals(2, ev.numPileup(), name);
        }
    }

    static GenEvent generate(Sample s, long seed, int pileup) {
        GenEvent ev = new GenEvent();
        s.generate(new SplittableRandom(seed), pileup, ev);
        return ev;
    }

    static void assertIdentical(GenEvent a, GenEvent b, String what) {
        assertEquals(a.size(), b.size(), what + ": sizes");
        assertEquals(a.numPileup(), b.numPileup(), what);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.pdgId(i), b.pdgId(i), what);
            assertEquals(a.status(i), b.status(i), what);
            assertEquals(a.parent(i), b.parent(i), what);
            assertEquals(a.vertexId(i), b.vertexId(i), what);
            assertEquals(Double.doubleToRawLongBits(a.px(i)), Double.doubleToRawLongBits(b.px(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.py(i)), Double.doubleToRawLongBits(b.py(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.pz(i)), Double.doubleToRawLongBits(b.pz(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.e(i)), Double.doubleToRawLongBits(b.e(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.vx(i)), Double.doubleToRawLongBits(b.vx(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.vy(i)), Double.doubleToRawLongBits(b.vy(i)), what);
            assertEquals(Double.doubleToRawLongBits(a.vz(i)), Double.doubleToRawLongBits(b.vz(i)), what);
        }
    }
}
