package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.generate.Reconstruction;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.TargetStats;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;
import org.mlpf.validate.NtupleValidator;
import org.mlpf.validate.ValidateConfig;
import org.mlpf.validate.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Busy events (four jet-like sprays, an electron, a muon and a neutrino, plus 65 minimum-bias-like pileup
 * interactions): the targets keep the event's energy, the output is valid, and the figures quoted in
 * docs/simulation.md are logged.
 */
class BusyEventTest {
    private static final Logger LOG = LoggerFactory.getLogger(BusyEventTest.class);
    /** Lowest accepted fraction of the visible energy within |eta| < 5 that ygen assigns (docs/simulation.md). */
    static final double MIN_ASSIGNED_FRACTION = 0.95;

    @TempDir
    Path tmp;

    @Test
    void targetsKeepTheEnergyAndTheOutputValidates() {
        Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());
        SplittableRandom rng = new SplittableRandom(2024);
        GenEvent gen = new GenEvent();
        List<Row> rows = new ArrayList<>();
        int n = 8;
        long elements = 0;
        long flagged = 0;
        int[] ygenClasses = new int[ParticleClass.COUNT];
        int[] types = new int[ElementType.COUNT];
        for (int i = 0; i < n; i++) {
            SimTestEvents.busy(gen, rng, 4, 65);
            NtupleEvent out = new NtupleEvent(i, "busy");
            reco.process(gen, 500 + i, out);
            TargetStats s = reco.lastTargetStats();
            assertTrue(s.assignedFractionInAcceptance() >= MIN_ASSIGNED_FRACTION,
                    "ygen assigns " + s.assignedFractionInAcceptance() + " of the energy in event " + i);
            assertEquals(s.visibleParticles(), s.assignedParticles() + s.lostParticles());
            elements += out.numElements();
            for (int k = 0; k < out.numElements(); k++) {
                types[(int) out.feature(k, ElementFeature.TYP_IDX)]++;
                flagged += ((int) out.feature(k, ElementFeature.CLUSTER_FLAGS)) & 1;
            }
            Row row = out.toRow();
            for (Row t : NtupleRows.list(row, NtupleRows.YGEN)) {
                ygenClasses[t.getInt(0)]++;
            }
            rows.add(row);
        }
        assertTrue(elements / n > 1500, "elements per event: " + elements / n);
        assertTrue(flagged > 0, "some clusters merge overlapping showers");
        for (ElementType t : new ElementType[] {ElementType.TRACK, ElementType.ECAL, ElementType.HCAL,
            ElementType.GSF, ElementType.HFEM, ElementType.HFHAD, ElementType.SC}) {
            assertTrue(types[t.code()] > 0, "no " + t + " element");
        }
        for (int c = 1; c < ParticleClass.COUNT; c++) {
            assertTrue(ygenClasses[c] > 0, "no ygen target of class " + ParticleClass.ofIndex(c));
        }
        Path dir = tmp.resolve("ntuples");
        TestEvents.write(TestSpark.session(), rows, dir, 2);
        ValidationReport report = NtupleValidator.validate(TestSpark.session(), dir.toString(),
                new ValidateConfig(20, 6.0));
        assertTrue(report.ok(), () -> String.join("\n", report.problemLines()));
        assertEquals(n, report.summary().events());
    }

    /** The reconstruction's loops allocate nothing per particle once warm: a few hundred bytes per event at most. */
    @Test
    void busyEventsRunWithoutAllocatingAndTheirTimingIsLogged() {
        Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());
        SplittableRandom rng = new SplittableRandom(99);
        List<GenEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(SimTestEvents.busy(new GenEvent(), rng, 4, 65));
        }
        NtupleEvent out = new NtupleEvent(0, "busy");
        for (GenEvent g : events) {
            out.reset(0, "busy");
            reco.process(g, 1, out);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long thread = Thread.currentThread().getId();
        long a0 = alloc.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long elements = 0;
        long particles = 0;
        double assigned = 0;
        for (int i = 0; i < events.size(); i++) {
            out.reset(i, "busy");
            reco.process(events.get(i), i, out);
            elements += out.numElements();
            particles += reco.lastTargetStats().visibleParticles();
            assigned += reco.lastTargetStats().assignedFractionInAcceptance();
        }
        int n = events.size();
        long bytes = (alloc.getThreadAllocatedBytes(thread) - a0) / n;
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / n;
        LOG.info("busy event (PU 65): {} ms/event wall, {} ms/event CPU, {} bytes allocated/event, {} visible "
                + "particles, {} elements, ygen assigns {} of the energy", String.format("%.1f", ms),
                String.format("%.1f", cpu), bytes, particles / n, elements / n, String.format("%.4f", assigned / n));
        assertTrue(bytes < 16_384, bytes + " bytes allocated per event");
    }
}
