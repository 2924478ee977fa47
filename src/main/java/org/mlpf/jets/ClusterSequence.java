package org.mlpf.jets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.mlpf.physics.GenEvent;

/**
 * The clustering of one event and its history, as FastJet's {@code ClusterSequence}: built from the input
 * particles and a {@link JetDefinition}, it runs at once and then answers {@link #inclusiveJets(double)},
 * {@link #constituents(PseudoJet)} and questions about the history.
 *
 * <p><b>History.</b> Entries 0..N-1 are the input particles (parents {@link #INEXISTENT_PARENT}); every
 * clustering step appends one entry: a pair merge (parent1 &lt; parent2, both history indices, the new jet
 * recorded) or a beam step (parent2 = {@link #BEAM_JET}). {@link #historyDij(int)} is the distance of the step,
 * normalised as in FastJet (d_ij = min(s_i, s_j) Delta R^2 / R^2, d_iB = s_i).
 *
 * <p><b>Equality with FastJet.</b> Distances, rapidity, azimuth and the four-vector sums are computed with
 * FastJet's formulas in the same order of operations, the strategy is the one FastJet would choose (unless one is
 * forced through {@link JetDefinition#strategy()}), and each strategy breaks ties between equal distances as
 * FastJet's does. The azimuth uses a correctly rounded atan2, as glibc's is in all but a few cases in ten
 * thousand, and the rapidity {@code Math.log}, which agrees with glibc's log as often. The jets then equal
 * FastJet's to the last bit; only in an exactly degenerate event can a tie decided by the last bit of one of those
 * rare values go the other way.
 *
 * <p>Internally everything lives in primitive arrays; the clustering itself allocates nothing per step. Not
 * thread-safe (the result is immutable once constructed, so reading from several threads is fine).
 */
public final class ClusterSequence {
    /** parent2 of a beam step. */
    public static final int BEAM_JET = -1;
    /** Parents of an input particle's history entry. */
    public static final int INEXISTENT_PARENT = -2;
    /** Child of a history entry that has not been clustered further, or jet of a beam step. */
    public static final int INVALID = -3;

    private final JetDefinition definition;
    private final JetAlgorithm algorithm;
    final double r2;
    final double invR2;
    private final int nInitial;
    private Strategy strategyUsed;

    // Jets: the inputs (0..N-1), then one new jet per pair merge.
    final double[] px;
    final double[] py;
    final double[] pz;
    final double[] e;
    final double[] pt2;
    final double[] rap;
    final double[] phi;
    private final int[] jetHistory;
    private final int[] userIndex;
    private int nJets;

    // History: the inputs, then one entry per clustering step.
    private final int[] parent1;
    private final int[] parent2;
    private final int[] child;
    private final int[] historyJet;
    private final double[] dij;
    private final double[] maxDijSoFar;
    private int nHistory;

    /** Clusters {@code particles} (their list positions are the input indices) with {@code definition}. */
    public ClusterSequence(List<PseudoJet> particles, JetDefinition definition) {
        this(particles.size(), definition);
        for (int i = 0; i < particles.size(); i++) {
            PseudoJet p = particles.get(i);
            setInput(i, p.px(), p.py(), p.pz(), p.e());
            userIndex[i] = p.userIndex();
        }
        run();
    }

    /**
     * Clusters the first {@code n} particles given as primitive arrays (GeV); the input index of particle i is i.
     * The arrays are copied.
     */
    public ClusterSequence(double[] px, double[] py, double[] pz, double[] e, int n, JetDefinition definition) {
        this(n, definition);
        for (int i = 0; i < n; i++) {
            setInput(i, px[i], py[i], pz[i], e[i]);
            userIndex[i] = i;
        }
        run();
    }

    /** Clusters every particle of {@code event} (all of them, as FastJet's examples do); input index = particle index. */
    public static ClusterSequence of(GenEvent event, JetDefinition definition) {
        int n = event.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] en = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = event.px(i);
            y[i] = event.py(i);
            z[i] = event.pz(i);
            en[i] = event.e(i);
        }
        return new ClusterSequence(x, y, z, en, n, definition);
    }

    private ClusterSequence(int n, JetDefinition definition) {
        this.definition = definition;
        this.algorithm = definition.algorithm();
        double r = definition.r();
        this.r2 = r * r;
        this.invR2 = 1.0 / r2;
        this.nInitial = n;
        int cap = Math.max(1, 2 * n);
        px = new double[cap];
        py = new double[cap];
        pz = new double[cap];
        e = new double[cap];
        pt2 = new double[cap];
        rap = new double[cap];
        phi = new double[cap];
        jetHistory = new int[cap];
        userIndex = new int[n];
        parent1 = new int[cap];
        parent2 = new int[cap];
        child = new int[cap];
        historyJet = new int[cap];
        dij = new double[cap];
        maxDijSoFar = new double[cap];
    }

    private void setInput(int i, double x, double y, double z, double en) {
        px[i] = x;
        py[i] = y;
        pz[i] = z;
        e[i] = en;
        setKinematics(i);
        jetHistory[i] = i;
        parent1[i] = INEXISTENT_PARENT;
        parent2[i] = INEXISTENT_PARENT;
        child[i] = INVALID;
        historyJet[i] = i;
        dij[i] = 0.0;
        maxDijSoFar[i] = 0.0;
    }

    private void setKinematics(int k) {
        double t = px[k] * px[k] + py[k] * py[k];
        pt2[k] = t;
        phi[k] = PseudoJet.phi02pi(px[k], py[k], t);
        rap[k] = PseudoJet.rapidity(pz[k], e[k], t);
    }

    private void run() {
        nJets = nInitial;
        nHistory = nInitial;
        strategyUsed = resolveStrategy(definition, nInitial);
        if (nInitial == 0) {
            return;
        }
        switch (strategyUsed) {
            case N2_PLAIN -> new N2PlainClustering(this).run();
            case N2_TILED -> new TiledClustering(this, false).run();
            case N2_MIN_HEAP_TILED -> new TiledClustering(this, true).run();
            case N2_MHT_LAZY9 -> new LazyTiledClustering(this, false).run();
            case N2_MHT_LAZY25 -> new LazyTiledClustering(this, true).run();
            case N3_DUMB -> new DumbN3Clustering(this).run();
            default -> throw new IllegalStateException("unresolved strategy " + strategyUsed + " for " + nInitial
                    + " particles");
        }
        if (nHistory != 2 * nInitial) {
            throw new IllegalStateException("clustering ended after " + (nHistory - nInitial) + " steps, expected "
                    + nInitial);
        }
    }

    /** The strategy FastJet 3.4 would use, or the forced one; see {@link StrategyChoice}. */
    private Strategy resolveStrategy(JetDefinition def, int n) {
        if (def.strategy() != Strategy.BEST || n == 0) {
            // FastJet leaves the strategy of an empty event unresolved.
            return def.strategy();
        }
        Strategy s = StrategyChoice.best(def.algorithm(), def.r(), n);
        if (s != Strategy.N2_PLAIN && s != Strategy.N3_DUMB && !TilingExtent.hasFiniteRapidity(this, n)) {
            // Every particle is massless along the beam: tiles are meaningless (FastJet's tiling extent is then
            // undefined); the plain strategy gives the same jets.
            return Strategy.N2_PLAIN;
        }
        return s;
    }

    // ----- operations used by the strategies --------------------------------------------------------------

    /** The algorithm's distance scale of jet k (FastJet's {@code jet_scale_for_algorithm}). */
    double scale(int k) {
        return algorithm.scale(pt2[k]);
    }

    /** Rapidity of input particle i (valid before the run, used by the tiling extent). */
    double inputRap(int i) {
        return rap[i];
    }

    /** E of input particle i. */
    double inputE(int i) {
        return e[i];
    }

    /** pz of input particle i. */
    double inputPz(int i) {
        return pz[i];
    }

    /**
     * Merges jets i and j (E scheme) into a new jet, records the step with distance {@code d}, and returns the
     * new jet's index.
     */
    int recombine(int i, int j, double d) {
        int k = nJets++;
        px[k] = px[i] + px[j];
        py[k] = py[i] + py[j];
        pz[k] = pz[i] + pz[j];
        e[k] = e[i] + e[j];
        setKinematics(k);
        int hi = jetHistory[i];
        int hj = jetHistory[j];
        addStep(Math.min(hi, hj), Math.max(hi, hj), k, d);
        return k;
    }

    /** Records that jet i becomes a final (inclusive) jet with beam distance {@code d}. */
    void beam(int i, double d) {
        addStep(jetHistory[i], BEAM_JET, INVALID, d);
    }

    private void addStep(int p1, int p2, int jet, double d) {
        int s = nHistory++;
        parent1[s] = p1;
        parent2[s] = p2;
        historyJet[s] = jet;
        child[s] = INVALID;
        dij[s] = d;
        double prev = maxDijSoFar[s - 1];
        maxDijSoFar[s] = d < prev ? prev : d;
        if (child[p1] != INVALID) {
            throw new IllegalStateException("history entry " + p1 + " recombined twice");
        }
        child[p1] = s;
        if (p2 >= 0) {
            if (child[p2] != INVALID) {
                throw new IllegalStateException("history entry " + p2 + " recombined twice");
            }
            child[p2] = s;
        }
        if (jet != INVALID) {
            jetHistory[jet] = s;
        }
    }

    // ----- results -------------------------------------------------------------------------------------------

    /** The jet definition used. */
    public JetDefinition jetDefinition() {
        return definition;
    }

    /** The strategy that ran ({@link JetDefinition#strategy()} resolved for this event; unresolved for an empty one, as in FastJet). */
    public Strategy strategyUsed() {
        return strategyUsed;
    }

    /** Number of input particles. */
    public int numParticles() {
        return nInitial;
    }

    /**
     * The inclusive jets with pt^2 &gt;= ptmin^2 (pt in GeV), in FastJet's order (reverse history order; use
     * {@link #sortedByPt} for decreasing pt). For the kt algorithm the selection uses the recorded beam
     * distances, as FastJet does.
     */
    public List<PseudoJet> inclusiveJets(double ptmin) {
        double dcut = ptmin * ptmin;
        List<PseudoJet> out = new ArrayList<>();
        int i = nHistory - 1;
        switch (algorithm) {
            case KT -> {
                while (i >= 0) {
                    if (maxDijSoFar[i] < dcut) {
                        break;
                    }
                    if (parent2[i] == BEAM_JET && dij[i] >= dcut) {
                        out.add(jetOfHistory(parent1[i]));
                    }
                    i--;
                }
            }
            case CAMBRIDGE -> {
                while (i >= 0) {
                    // All inclusive C/A jets come at the end of the history: stop at the first pair merge.
                    if (parent2[i] != BEAM_JET) {
                        break;
                    }
                    int k = historyJet[parent1[i]];
                    if (pt2[k] >= dcut) {
                        out.add(jetOfHistory(parent1[i]));
                    }
                    i--;
                }
            }
            case ANTIKT -> {
                while (i >= 0) {
                    if (parent2[i] == BEAM_JET) {
                        int k = historyJet[parent1[i]];
                        if (pt2[k] >= dcut) {
                            out.add(jetOfHistory(parent1[i]));
                        }
                    }
                    i--;
                }
            }
            default -> throw new IllegalStateException(algorithm.toString());
        }
        return out;
    }

    /** The jet made at history entry h (an input particle for h &lt; N). */
    public PseudoJet jetOfHistory(int h) {
        int k = historyJet[checkHistory(h)];
        if (k == INVALID) {
            throw new IllegalArgumentException("history entry " + h + " is a beam step and made no jet");
        }
        return new PseudoJet(px[k], py[k], pz[k], e[k], k < nInitial ? userIndex[k] : -1, h);
    }

    /**
     * The input particles of {@code jet} (a jet of this sequence), in FastJet's order: depth-first, first parent
     * before second.
     */
    public List<PseudoJet> constituents(PseudoJet jet) {
        int[] idx = constituentIndices(jet);
        List<PseudoJet> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(new PseudoJet(px[i], py[i], pz[i], e[i], userIndex[i], i));
        }
        return out;
    }

    /** The input indices of {@code jet}'s constituents, in the order of {@link #constituents}. */
    public int[] constituentIndices(PseudoJet jet) {
        return constituentIndicesOfHistory(jet.historyIndex());
    }

    /** The input indices of the constituents of the jet made at history entry {@code h}. */
    public int[] constituentIndicesOfHistory(int h) {
        checkHistory(h);
        int[] out = new int[8];
        int n = 0;
        int[] stack = new int[16];
        int top = 0;
        stack[top++] = h;
        while (top > 0) {
            int s = stack[--top];
            if (parent1[s] == INEXISTENT_PARENT) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = s;
                continue;
            }
            if (top + 2 > stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            // Second parent pushed first so that the first parent's constituents come first.
            if (parent2[s] != BEAM_JET) {
                stack[top++] = parent2[s];
            }
            stack[top++] = parent1[s];
        }
        return Arrays.copyOf(out, n);
    }

    /** Number of history entries: 2N once clustering is done. */
    public int historySize() {
        return nHistory;
    }

    /** First parent of history entry h ({@link #INEXISTENT_PARENT} for inputs). */
    public int historyParent1(int h) {
        return parent1[checkHistory(h)];
    }

    /** Second parent of history entry h ({@link #BEAM_JET} for a beam step). */
    public int historyParent2(int h) {
        return parent2[checkHistory(h)];
    }

    /** The step that used history entry h, or {@link #INVALID}. */
    public int historyChild(int h) {
        return child[checkHistory(h)];
    }

    /** The distance of step h (0 for inputs). */
    public double historyDij(int h) {
        return dij[checkHistory(h)];
    }

    private int checkHistory(int h) {
        if (h < 0 || h >= nHistory) {
            throw new IndexOutOfBoundsException("history entry " + h + " of " + nHistory
                    + " (is the jet from this sequence?)");
        }
        return h;
    }

    /**
     * {@code jets} sorted by decreasing pt (stable: equal pt keep their order; FastJet's {@code sorted_by_pt}
     * leaves the order of exactly equal pt unspecified).
     */
    public static List<PseudoJet> sortedByPt(Collection<PseudoJet> jets) {
        List<PseudoJet> out = new ArrayList<>(jets);
        out.sort(Comparator.comparingDouble(PseudoJet::pt2).reversed());
        return out;
    }
}
