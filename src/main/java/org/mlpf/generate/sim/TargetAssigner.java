package org.mlpf.generate.sim;

import org.mlpf.physics.GenEvent;
import org.mlpf.physics.ParticleClass;
import org.mlpf.physics.ParticleData;

/**
 * The generator-level targets {@code ygen} (docs/simulation.md, Targets), with these choices:
 * <ul>
 *   <li>Only final-state (status 1), visible particles take part; neutrinos never get an element.</li>
 *   <li>A charged particle with a reconstructed track goes to that track: the GSF track for electrons, the KF
 *       track otherwise (a hadron's GSF refit stays class 0). Its class is its own (charged hadron, electron,
 *       muon; an unknown charged species counts as a charged hadron) with its charge.</li>
 *   <li>Every other visible particle goes to the calorimeter cluster (ECAL, HCAL, HF EM or HF HAD; never a
 *       supercluster or BREM point, which only regroup or point at cluster energy) that received most of its
 *       deposited energy, the brem photons of an electron counting as the electron's. Without a track the
 *       charge cannot be seen, so calorimeter targets are neutral: photons and electrons become photons, hadrons
 *       (charged or not, and undecayed pi0 as particleflow counts them) neutral hadrons; in the HF, electrons,
 *       photons and pi0 become HFEM (4) and everything else HFHAD (3).</li>
 *   <li>A muon without a track is lost: its MIP deposits are not a muon signature.</li>
 *   <li>Particles whose deposits reach no cluster (below thresholds, beyond |eta| 5, loopers absorbed in the
 *       tracker), and particles beyond |eta| {@value #MAX_TARGET_ETA} whatever they hit, are lost and counted.</li>
 *   <li>Several particles on one element are merged by {@link TargetTable} (4-vectors summed, class of the most
 *       energetic).</li>
 * </ul>
 * Not thread-safe.
 */
final class TargetAssigner {
    /**
     * Particles further forward than this |eta| are lost even if, produced far from the beam spot, they reach a
     * cluster: no detector looks in their direction, and targets stay within the ntuple's eta range.
     */
    static final double MAX_TARGET_ETA = 5.5;

    final TargetTable table = new TargetTable();

    int visibleParticles;
    double visibleEnergy;
    int assignedParticles;
    double assignedEnergy;
    int lostParticles;
    double lostEnergy;
    /** Lost particles with |eta| >= 5 (no detector there), a subset of the lost ones. */
    int beyondAcceptanceParticles;
    double beyondAcceptanceEnergy;

    private int[] candElem = new int[16];
    private int[] candLayer = new int[16];
    private double[] candEnergy = new double[16];

    /** Fills {@link #table} from the generator particles of {@code gen} as simulated by {@code sim}. */
    void assign(GenEvent gen, FastSim sim, int numElements) {
        table.reset(numElements);
        visibleParticles = 0;
        visibleEnergy = 0;
        assignedParticles = 0;
        assignedEnergy = 0;
        lostParticles = 0;
        lostEnergy = 0;
        beyondAcceptanceParticles = 0;
        beyondAcceptanceEnergy = 0;
        for (int i = 0; i < gen.size(); i++) {
            if (!sim.particleVisible[i]) {
                continue;
            }
            int pdg = gen.pdgId(i);
            double e = gen.e(i);
            visibleParticles++;
            visibleEnergy += e;
            int t = sim.particleTrack[i];
            if (t >= 0) {
                table.add(sim.tracks.elem[t], trackClass(pdg), gen.charge(i), gen.px(i), gen.py(i), gen.pz(i), e);
                assigned(e);
                continue;
            }
            double absEta = Math.abs(Fast.eta(gen.px(i), gen.py(i), gen.pz(i)));
            int best = Math.abs(pdg) == 13 || absEta >= MAX_TARGET_ETA ? -1 : bestCluster(sim, i);
            if (best < 0) {
                lostParticles++;
                lostEnergy += e;
                if (absEta >= CmsDetector.HF_MAX_ETA) {
                    beyondAcceptanceParticles++;
                    beyondAcceptanceEnergy += e;
                }
                continue;
            }
            table.add(candElem[best], caloClass(pdg, candLayer[best]), 0, gen.px(i), gen.py(i), gen.pz(i), e);
            assigned(e);
        }
    }

    private void assigned(double e) {
        assignedParticles++;
        assignedEnergy += e;
    }

    /** Index into the candidate arrays of the cluster holding most of particle {@code i}'s deposits, or -1. */
    private int bestCluster(FastSim sim, int i) {
        Calorimetry calo = sim.calo;
        int n = 0;
        for (int d = sim.particleDepStart[i]; d < sim.particleDepEnd[i]; d++) {
            int layer = calo.depLayer[d];
            CaloLayer l = calo.layers[layer];
            int k = l.clusterOf[calo.depCell[d]];
            if (k < 0) {
                continue;
            }
            int elem = l.clElem[k];
            int j = 0;
            while (j < n && candElem[j] != elem) {
                j++;
            }
            if (j == n) {
                if (n == candElem.length) {
                    candElem = java.util.Arrays.copyOf(candElem, n * 2);
                    candLayer = java.util.Arrays.copyOf(candLayer, n * 2);
                    candEnergy = java.util.Arrays.copyOf(candEnergy, n * 2);
                }
                candElem[n] = elem;
                candLayer[n] = layer;
                candEnergy[n] = 0;
                n++;
            }
            candEnergy[j] += calo.depEnergy[d];
        }
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (best < 0 || candEnergy[j] > candEnergy[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Class of a particle on its own track. */
    static int trackClass(int pdg) {
        ParticleClass c = ParticleData.targetClass(pdg);
        return switch (c) {
            case ELECTRON, MUON, CHARGED_HADRON -> c.index();
            default -> ParticleClass.CHARGED_HADRON.index();
        };
    }

    /** Class of a particle assigned to a cluster of calorimeter layer {@code layer} ({@link Calorimetry}). */
    static int caloClass(int pdg, int layer) {
        int a = Math.abs(pdg);
        boolean em = a == 11 || a == 22 || a == 111;
        if (layer == Calorimetry.HFEM || layer == Calorimetry.HFHAD) {
            return em ? ParticleClass.HFEM.index() : ParticleClass.HFHAD.index();
        }
        if (a == 11 || a == 22) {
            return ParticleClass.PHOTON.index();
        }
        return ParticleClass.NEUTRAL_HADRON.index();
    }
}
