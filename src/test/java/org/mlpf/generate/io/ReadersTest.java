package org.mlpf.generate.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.physics.GenEvent;
import org.mlpf.testing.ProjectFiles;

class ReadersTest {
    @TempDir
    Path tmp;

    private static Path resource(String name) {
        return ProjectFiles.file("src/test/resources/events/" + name);
    }

    @Test
    void textEventsSplitAtEndWithSubEventsAsVertices() {
        List<GenEvent> evs = EventFileFormat.pxpypze.readAll(resource("two-events-pileup.dat"));
        assertEquals(2, evs.size());
        GenEvent first = evs.get(0);
        assertEquals(3, first.size());
        assertEquals(0, first.vertexId(0));
        assertEquals(0, first.vertexId(1));
        assertEquals(1, first.vertexId(2), "second #SUBSTART is pileup interaction 1");
        assertEquals(1, first.numPileup());
        assertEquals(-157.4313156510, first.pz(0), 0);
        assertEquals(321, Math.abs(first.pdgId(0)), "m = 0.4936: a charged kaon");
        assertEquals(211, Math.abs(first.pdgId(1)), "m = 0.1396: a charged pion");
        GenEvent second = evs.get(1);
        assertEquals(3, second.size());
        assertEquals(22, second.pdgId(0), "explicit id column");
        assertEquals(0, second.numPileup());
        assertEquals(13, second.pdgId(2), "explicit id with extra trailing columns");
        assertEquals(-1, second.charge(2));
    }

    @Test
    void fifthColumnThatIsNotAFinalStateIdIsIgnored() {
        // "1" is a d quark, never final: treated as a flag, and the mass rule applies (m = 1.0 -> no match -> pi).
        GenEvent ev = EventFileFormat.pxpypze.readAll(resource("two-events-pileup.dat")).get(1);
        assertEquals(211, Math.abs(ev.pdgId(1)));
    }

    @Test
    void missingIdsFollowTheMassRuleDeterministically() {
        assertEquals(22, PxPyPzEReader.identify(1, 2, 3, Math.sqrt(14)));
        assertEquals(130, PxPyPzEReader.identify(0, 0, 10, Math.hypot(10, 0.497611)));
        assertEquals(2112, PxPyPzEReader.identify(0, 0, 10, Math.hypot(10, 0.93956542)));
        assertEquals(2212, Math.abs(PxPyPzEReader.identify(0, 0, 10, Math.hypot(10, 0.93827208))));
        assertEquals(PxPyPzEReader.identify(3, 1, 10, Math.sqrt(110 + 0.0194798)),
                PxPyPzEReader.identify(3, 1, 10, Math.sqrt(110 + 0.0194798)));
        int positives = 0;
        for (int i = 0; i < 1000; i++) {
            double px = 0.1 + i * 0.0137;
            positives += PxPyPzEReader.identify(px, 1, 2, Math.sqrt(px * px + 5 + 0.13957039 * 0.13957039)) > 0 ? 1 : 0;
        }
        assertTrue(positives > 400 && positives < 600, "charge signs are balanced: " + positives);
    }

    @Test
    void malformedTextLineNamesFileAndLine() throws IOException {
        Path f = tmp.resolve("bad.dat");
        Files.writeString(f, "# header\n1 2 3 4\n1 2 x 4\n");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventFileFormat.pxpypze.readAll(f));
        assertEquals(f + ":3: column 3 is not a number: 'x'", e.getMessage());
        Files.writeString(f, "1 2 3\n");
        assertTrue(assertThrows(EventFormatException.class, () -> EventFileFormat.pxpypze.readAll(f)).getMessage()
                .startsWith(f + ":1: expected 'px py pz E [pdgid]'"));
        assertEquals(tmp.resolve("none.dat") + ": file does not exist", assertThrows(EventFormatException.class,
                () -> EventFileFormat.pxpypze.readAll(tmp.resolve("none.dat"))).getMessage());
    }

    @Test
    void hepmc3KeepsFinalStateWithVerticesAndUnits() {
        List<GenEvent> evs = EventFileFormat.hepmc3.readAll(resource("small.hepmc3"));
        assertEquals(2, evs.size());
        GenEvent ev = evs.get(0);
        // final state: pi+ (3), two photons from the pi0 (5, 6), nu_mu (7), proton (8)
        assertEquals(5, ev.size());
        assertEquals(211, ev.pdgId(0));
        assertEquals(1, ev.charge(0));
        assertEquals(0.2, ev.vz(0), 1e-12, "vertex -1 at z = 2 mm = 0.2 cm");
        assertEquals(22, ev.pdgId(1));
        assertEquals(0.2, ev.vz(1), 1e-12, "photon from the pi0's end vertex inherits the pi0's production vertex");
        assertEquals(14, ev.pdgId(3));
        assertEquals(1.0, ev.vx(3), 1e-12, "vertex -2 at x = 10 mm");
        assertEquals(2.0, ev.vz(3), 1e-12);
        GenEvent mev = evs.get(1);
        assertEquals(1.0, mev.px(0), 1e-12, "MeV converted to GeV");
        assertEquals(-13, mev.pdgId(1));
        assertEquals(1, mev.charge(1), "mu+");
    }

    @Test
    void hepmc3ErrorsNameTheLine() throws IOException {
        Path f = tmp.resolve("bad.hepmc3");
        Files.writeString(f, "HepMC::Version 3.02.06\nHepMC::Asciiv3-START_EVENT_LISTING\nE 0 1 1\nU GEV MM\n"
                + "P 1 0 211 1.0 zero 0 1.0 0.1 1\n");
        assertTrue(assertThrows(EventFormatException.class, () -> EventFileFormat.hepmc3.readAll(f)).getMessage()
                .startsWith(f + ":5: malformed particle line"));
        Files.writeString(f, "HepMC::IO_GenEvent-START_EVENT_LISTING\nE 1 2 3\n");
        assertTrue(assertThrows(EventFormatException.class, () -> EventFileFormat.hepmc3.readAll(f)).getMessage()
                .contains("HepMC2"));
        Files.writeString(f, "HepMC::Asciiv3-START_EVENT_LISTING\nE 0 1 1\nP 1 0 999999 1 0 0 1 0 1\n");
        assertTrue(assertThrows(EventFormatException.class, () -> EventFileFormat.hepmc3.readAll(f)).getMessage()
                .contains(":3: final-state particle with unknown PDG id 999999"));
    }
}
