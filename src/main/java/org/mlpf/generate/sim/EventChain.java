package org.mlpf.generate.sim;

import org.mlpf.generate.EventSeeds;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.physics.GenEvent;
import org.mlpf.schema.NtupleEvent;

/**
 * Detector simulation, element writing, generator targets and baseline PF of one event, in that order: the part of
 * {@link org.mlpf.generate.Reconstruction} below the generator record. Keeps its buffers between events (one
 * instance per thread); allocation-free once they have grown.
 */
public final class EventChain {
    /** Substreams of the event seed ({@link EventSeeds#substream}) used by the simulation. */
    public static final int STREAM_TRACKER = 1001;
    public static final int STREAM_CALO = 1002;
    public static final int STREAM_ELECTRON = 1003;
    public static final int STREAM_MUON = 1004;

    private final ReconstructionConfig cfg;
    private final FastSim sim;
    private final ElementWriter writer = new ElementWriter();
    private final TargetAssigner targets = new TargetAssigner();
    private final BaselinePf pf = new BaselinePf();
    private double pvZ;

    public EventChain(ReconstructionConfig cfg) {
        this.cfg = cfg;
        this.sim = new FastSim(cfg);
    }

    /**
     * Simulates {@code gen} and appends elements, {@code ygen}, PF candidates and {@code ycand} to {@code out}.
     *
     * @param zShift per vertex id, cm added to the particles' production z (see {@link FastSim#simulate})
     */
    public void run(GenEvent gen, long eventSeed, double[] zShift, NtupleEvent out) {
        sim.simulate(gen, EventSeeds.substream(eventSeed, STREAM_TRACKER), EventSeeds.substream(eventSeed, STREAM_CALO),
                EventSeeds.substream(eventSeed, STREAM_ELECTRON), EventSeeds.substream(eventSeed, STREAM_MUON), zShift);
        writer.write(sim, out);
        targets.assign(gen, sim, out.numElements());
        targets.table.write(out, true);
        pf.run(sim, cfg);
        pf.write(out);
        pvZ = sim.primaryVertexZ();
    }

    /** z of the reconstructed primary vertex of the last event, cm ({@link FastSim#primaryVertexZ}). */
    public double primaryVertexZ() {
        return pvZ;
    }

    /** Visible (status 1, not invisible) generator particles of the last event. */
    public int visibleParticles() {
        return targets.visibleParticles;
    }

    /** Their summed energy, GeV. */
    public double visibleEnergy() {
        return targets.visibleEnergy;
    }

    /** Visible particles that {@code ygen} assigned to an element. */
    public int assignedParticles() {
        return targets.assignedParticles;
    }

    public double assignedEnergy() {
        return targets.assignedEnergy;
    }

    /** Visible particles that reached no element. */
    public int lostParticles() {
        return targets.lostParticles;
    }

    public double lostEnergy() {
        return targets.lostEnergy;
    }

    /** Lost particles with |eta| >= 5, where there is no detector. */
    public int beyondAcceptanceParticles() {
        return targets.beyondAcceptanceParticles;
    }

    public double beyondAcceptanceEnergy() {
        return targets.beyondAcceptanceEnergy;
    }

    /** Elements whose {@code ygen} merges more than one particle. */
    public int mergedElements() {
        return targets.table.mergedElements();
    }
}
