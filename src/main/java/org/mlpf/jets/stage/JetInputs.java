package org.mlpf.jets.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mlpf.jets.ClusterSequence;
import org.mlpf.jets.JetDefinition;
import org.mlpf.jets.PseudoJet;
import org.mlpf.physics.ParticleData;

/**
 * The particles of one event and one source that go into the clustering, in reusable primitive buffers (one
 * instance per Spark partition), with the selections of the jets stage:
 *
 * <ul>
 *   <li>gen: stable (status 1) particles of the hard scatter (vertex 0), without neutrinos and other invisible
 *       particles ({@link ParticleData#isInvisible});</li>
 *   <li>PF and MLPF candidates: all of them, or with charged-hadron subtraction (CHS) without the charged ones
 *       whose track is farther than dz from the primary vertex along z.</li>
 * </ul>
 * Each particle keeps the index it had in the source's list, so jets can name their constituents. Plain Java.
 */
public final class JetInputs {
    private double[] px = new double[256];
    private double[] py = new double[256];
    private double[] pz = new double[256];
    private double[] e = new double[256];
    private int[] inputIndex = new int[256];
    private int n;
    private int chsRemoved;

    /** Empties the buffers for the next event. */
    public JetInputs reset() {
        n = 0;
        chsRemoved = 0;
        return this;
    }

    /** True if a generator particle enters gen jets: stable, from the hard scatter, visible. */
    public static boolean isGenJetInput(int status, int vertexId, int pdgId) {
        return status == 1 && vertexId == 0 && !ParticleData.isInvisible(pdgId);
    }

    /**
     * True if CHS removes a candidate: charged, and its track's z at the beam line ({@code vz}, cm) is farther than
     * {@code dz} from the primary vertex {@code pvZ}.
     */
    public static boolean chsRemoves(int charge, double vz, double pvZ, double dz) {
        return charge != 0 && Math.abs(vz - pvZ) > dz;
    }

    /** Adds a particle given as a four-momentum (GeV) with its index in the source list. */
    public void add(double x, double y, double z, double en, int index) {
        if (n == px.length) {
            int cap = 2 * n;
            px = Arrays.copyOf(px, cap);
            py = Arrays.copyOf(py, cap);
            pz = Arrays.copyOf(pz, cap);
            e = Arrays.copyOf(e, cap);
            inputIndex = Arrays.copyOf(inputIndex, cap);
        }
        px[n] = x;
        py[n] = y;
        pz[n] = z;
        e[n] = en;
        inputIndex[n] = index;
        n++;
    }

    /**
     * Adds a candidate given as pt (GeV), pseudorapidity, azimuth and energy (GeV); StrictMath, so that the
     * four-momentum and hence the jets are the same on every JVM.
     */
    public void addPtEtaPhiE(double pt, double eta, double phi, double energy, int index) {
        add(pt * StrictMath.cos(phi), pt * StrictMath.sin(phi), pt * StrictMath.sinh(eta), energy, index);
    }

    /** Counts a candidate removed by CHS. */
    public void countChsRemoved() {
        chsRemoved++;
    }

    /** Particles added since the last reset. */
    public int size() {
        return n;
    }

    /** Candidates removed by CHS since the last reset. */
    public int chsRemoved() {
        return chsRemoved;
    }

    /** Clusters the particles and returns the inclusive jets with pt &gt;= ptmin (GeV) by decreasing pt. */
    public List<Jet> cluster(JetDefinition def, double ptmin) {
        ClusterSequence cs = new ClusterSequence(px, py, pz, e, n, def);
        List<PseudoJet> jets = ClusterSequence.sortedByPt(cs.inclusiveJets(ptmin));
        List<Jet> out = new ArrayList<>(jets.size());
        for (PseudoJet j : jets) {
            int[] c = cs.constituentIndices(j);
            for (int k = 0; k < c.length; k++) {
                c[k] = inputIndex[c[k]];
            }
            Arrays.sort(c);
            out.add(new Jet(j.pt(), j.eta(), j.rap(), j.phiStd(), j.m(), j.px(), j.py(), j.pz(), j.e(), c));
        }
        return out;
    }

    /**
     * One jet as the jets dataset stores it: pt, m, px, py, pz, E in GeV, phi in (-pi, pi], and the constituents'
     * indices in the source list (ascending).
     */
    public record Jet(double pt, double eta, double rap, double phi, double m, double px, double py, double pz,
                      double e, int[] constituents) {
    }
}
