package org.mlpf.generate;

import java.util.Arrays;

import org.mlpf.generate.sim.EventChain;
import org.mlpf.generate.sim.FastSim;
import org.mlpf.generate.sim.SimRandom;
import org.mlpf.physics.GenEvent;
import org.mlpf.schema.NtupleEvent;

/**
 * From generator particles to one ntuple row: the fast CMS-like detector simulation, PF elements with the 25 CMS
 * features, the generator targets {@code ygen}, the baseline PF candidates and their targets {@code ycand}, and the
 * generator record (all particles, MET, pileup, primary vertex). Described in {@code docs/simulation.md}.
 *
 * <p>Deterministic: all randomness comes from substreams of the event seed ({@link EventSeeds#substream}; 1000 for
 * the vertex placement below, 1001-1004 in {@link EventChain}), so an event is bit-identical for a given seed.
 *
 * <p>Events read without vertices (every particle at the origin, as px-py-pz-E files and HepMC3 files without
 * vertex smearing give them) get one z per vertex id, the hard scatter included, drawn from a Gaussian luminous
 * region of width {@link ReconstructionConfig#beamSpotSigmaZ()}; the simulation and the written generator particles
 * both use these z. Events with any non-zero vertex are taken as they are.
 *
 * <p>The generator record written is the hard scatter's (vertex 0, every status); pileup particles only with
 * {@link ReconstructionConfig#keepPileupGenParticles()}. Generator MET counts the invisible particles of every
 * interaction either way.
 *
 * <p>{@code pv_z} is the z of the primary vertex reconstructed from the tracks (the vertex candidate with the largest
 * sum of pT^2), as CMS chooses it; 0 in an event without tracks.
 *
 * <p>One instance per thread: it keeps its buffers between events.
 */
public final class Reconstruction {
    /** Substream of the event seed for the vertex placement of events without vertices. */
    public static final int STREAM_VERTEX = 1000;

    private final ReconstructionConfig cfg;
    private final EventChain chain;
    private final SimRandom rng = new SimRandom();
    private double[] zShift = new double[128];

    /** A reconstruction with the given detector and PF parameters. */
    public Reconstruction(ReconstructionConfig cfg) {
        this.cfg = cfg;
        this.chain = new EventChain(cfg);
    }

    /**
     * Fills {@code out} (already reset by the caller with the event id and sample) from {@code gen}.
     *
     * @throws IllegalArgumentException if a particle has a negative vertex id
     */
    public void process(GenEvent gen, long eventSeed, NtupleEvent out) {
        placeVertices(gen, eventSeed);
        double metX = 0;
        double metY = 0;
        for (int i = 0; i < gen.size(); i++) {
            int v = gen.vertexId(i);
            if (v == 0 || cfg.keepPileupGenParticles()) {
                out.addGenParticle(gen.pdgId(i), gen.charge(i), gen.status(i), gen.px(i), gen.py(i), gen.pz(i),
                        gen.e(i), gen.vx(i), gen.vy(i), gen.vz(i) + zShift[v], v);
            }
            if (gen.isFinal(i) && FastSim.invisible(gen.pdgId(i))) {
                metX += gen.px(i);
                metY += gen.py(i);
            }
        }
        double met = Math.hypot(metX, metY);
        out.setGenMet((float) met, met > 0 ? (float) Math.atan2(metY, metX) : 0f);
        chain.run(gen, eventSeed, zShift, out);
        out.setPileup(gen.numPileup(), (float) chain.primaryVertexZ());
    }

    /** What the last event's {@code ygen} carries and loses. */
    public TargetStats lastTargetStats() {
        return new TargetStats(chain.visibleParticles(), chain.visibleEnergy(), chain.assignedParticles(),
                chain.assignedEnergy(), chain.lostParticles(), chain.lostEnergy(), chain.beyondAcceptanceParticles(),
                chain.beyondAcceptanceEnergy(), chain.mergedElements());
    }

    /** The configuration this reconstruction runs with. */
    public ReconstructionConfig config() {
        return cfg;
    }

    private void placeVertices(GenEvent gen, long eventSeed) {
        int maxId = 0;
        boolean hasVertices = false;
        for (int i = 0; i < gen.size(); i++) {
            int v = gen.vertexId(i);
            if (v < 0) {
                throw new IllegalArgumentException("particle " + i + " has negative vertex id " + v);
            }
            maxId = Math.max(maxId, v);
            hasVertices |= gen.vx(i) != 0 || gen.vy(i) != 0 || gen.vz(i) != 0;
        }
        if (zShift.length <= maxId) {
            zShift = new double[Math.max(maxId + 1, 2 * zShift.length)];
        }
        Arrays.fill(zShift, 0, maxId + 1, 0);
        if (hasVertices || cfg.beamSpotSigmaZ() == 0) {
            return;
        }
        rng.reseed(EventSeeds.substream(eventSeed, STREAM_VERTEX));
        for (int v = 0; v <= maxId; v++) {
            zShift[v] = cfg.beamSpotSigmaZ() * rng.gaussian();
        }
    }
}
