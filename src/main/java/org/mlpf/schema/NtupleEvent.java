package org.mlpf.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One event being assembled for the ntuple, stored in flat primitive arrays, and turned into a {@link Row} of
 * {@link NtupleSchema#SCHEMA} at the end. The ntuple writers (generator, simulation) and the tests share it, so
 * the column order lives here and in {@link NtupleSchema} only. List columns are Scala sequences, as Spark's
 * encoders want them ({@link Row#getList} reads them back as Java lists). Not thread-safe; reusable through
 * {@link #reset}.
 */
public final class NtupleEvent {
    /** Stride of flat target arrays: cls, charge, pt, eta, sin_phi, cos_phi, energy. */
    public static final int TARGET_WIDTH = 7;
    /** Stride of flat candidate arrays: cls, charge, pt, eta, phi, energy, elem_index, vz. */
    public static final int CANDIDATE_WIDTH = 8;
    /** Stride of the generator particles' double array: px, py, pz, e, vx, vy, vz. */
    public static final int GEN_WIDTH = 7;
    /** Stride of the generator particles' int array: pdg_id, charge, status, vertex_id. */
    public static final int GEN_INT_WIDTH = 4;

    private long eventId;
    private String sample;
    private int numElements;
    private float[] elements = new float[64 * ElementFeature.WIDTH];
    private float[] ygen = new float[64 * TARGET_WIDTH];
    private float[] ycand = new float[64 * TARGET_WIDTH];
    private int numCandidates;
    private float[] candidates = new float[64 * CANDIDATE_WIDTH];
    private int numGen;
    private double[] gen = new double[64 * GEN_WIDTH];
    private int[] genInts = new int[64 * GEN_INT_WIDTH];
    private float genMet;
    private float genMetPhi;
    private int numPileup;
    private float pvZ;

    /** A new, empty event. */
    public NtupleEvent(long eventId, String sample) {
        reset(eventId, sample);
    }

    /** Empties the event for reuse, keeping its buffers. */
    public NtupleEvent reset(long newEventId, String newSample) {
        this.eventId = newEventId;
        this.sample = newSample;
        numElements = 0;
        numCandidates = 0;
        numGen = 0;
        genMet = 0;
        genMetPhi = 0;
        numPileup = 0;
        pvZ = 0;
        return this;
    }

    /**
     * Appends an element with all features zero but its type and returns its index; fill it with
     * {@link #setFeature}. Its gen and PF targets start as class 0.
     */
    public int addElement(int typeCode) {
        int i = numElements++;
        elements = grow(elements, numElements * ElementFeature.WIDTH);
        ygen = grow(ygen, numElements * TARGET_WIDTH);
        ycand = grow(ycand, numElements * TARGET_WIDTH);
        Arrays.fill(elements, i * ElementFeature.WIDTH, numElements * ElementFeature.WIDTH, 0f);
        Arrays.fill(ygen, i * TARGET_WIDTH, numElements * TARGET_WIDTH, 0f);
        Arrays.fill(ycand, i * TARGET_WIDTH, numElements * TARGET_WIDTH, 0f);
        elements[i * ElementFeature.WIDTH + ElementFeature.TYP_IDX.ordinal()] = typeCode;
        return i;
    }

    /** Sets one feature of element {@code i}. */
    public NtupleEvent setFeature(int i, ElementFeature feature, float value) {
        elements[checkElement(i) * ElementFeature.WIDTH + feature.ordinal()] = value;
        return this;
    }

    /** One feature of element {@code i}. */
    public float feature(int i, ElementFeature feature) {
        return elements[checkElement(i) * ElementFeature.WIDTH + feature.ordinal()];
    }

    /** Sets the generator-level target of element {@code i} (phi in radians; stored as sin and cos). */
    public NtupleEvent setYgen(int i, int cls, float charge, float pt, float eta, float phi, float energy) {
        setTarget(ygen, checkElement(i), cls, charge, pt, eta, phi, energy);
        return this;
    }

    /** Sets the baseline-PF target of element {@code i}. */
    public NtupleEvent setYcand(int i, int cls, float charge, float pt, float eta, float phi, float energy) {
        setTarget(ycand, checkElement(i), cls, charge, pt, eta, phi, energy);
        return this;
    }

    /** Appends a baseline PF candidate produced by element {@code elemIndex}. */
    public NtupleEvent addCandidate(int cls, int charge, float pt, float eta, float phi, float energy, int elemIndex,
                                    float vz) {
        int o = numCandidates++ * CANDIDATE_WIDTH;
        candidates = grow(candidates, o + CANDIDATE_WIDTH);
        candidates[o] = cls;
        candidates[o + 1] = charge;
        candidates[o + 2] = pt;
        candidates[o + 3] = eta;
        candidates[o + 4] = phi;
        candidates[o + 5] = energy;
        candidates[o + 6] = elemIndex;
        candidates[o + 7] = vz;
        return this;
    }

    /** Appends a generator particle (momenta in GeV, vertex in cm). */
    public NtupleEvent addGenParticle(int pdgId, int charge, int status, double px, double py, double pz, double e,
                                      double vx, double vy, double vz, int vertexId) {
        int o = numGen * GEN_WIDTH;
        int oi = numGen * GEN_INT_WIDTH;
        numGen++;
        gen = grow(gen, o + GEN_WIDTH);
        genInts = grow(genInts, oi + GEN_INT_WIDTH);
        gen[o] = px;
        gen[o + 1] = py;
        gen[o + 2] = pz;
        gen[o + 3] = e;
        gen[o + 4] = vx;
        gen[o + 5] = vy;
        gen[o + 6] = vz;
        genInts[oi] = pdgId;
        genInts[oi + 1] = charge;
        genInts[oi + 2] = status;
        genInts[oi + 3] = vertexId;
        return this;
    }

    /** Sets the generator MET (GeV) and its azimuth (radians). */
    public NtupleEvent setGenMet(float met, float phi) {
        this.genMet = met;
        this.genMetPhi = phi;
        return this;
    }

    /** Sets the number of pileup interactions and the primary vertex z (cm). */
    public NtupleEvent setPileup(int n, float primaryVertexZ) {
        this.numPileup = n;
        this.pvZ = primaryVertexZ;
        return this;
    }

    /** Number of elements so far. */
    public int numElements() {
        return numElements;
    }

    /** Number of PF candidates so far. */
    public int numCandidates() {
        return numCandidates;
    }

    /** The event as a row of {@link NtupleSchema#SCHEMA}. */
    public Row toRow() {
        List<Row> els = new ArrayList<>(numElements);
        List<Row> yg = new ArrayList<>(numElements);
        List<Row> yc = new ArrayList<>(numElements);
        for (int i = 0; i < numElements; i++) {
            Object[] f = new Object[ElementFeature.WIDTH];
            for (int k = 0; k < ElementFeature.WIDTH; k++) {
                f[k] = elements[i * ElementFeature.WIDTH + k];
            }
            els.add(RowFactory.create(f));
            yg.add(targetRow(ygen, i));
            yc.add(targetRow(ycand, i));
        }
        List<Row> cands = new ArrayList<>(numCandidates);
        for (int i = 0; i < numCandidates; i++) {
            int o = i * CANDIDATE_WIDTH;
            cands.add(RowFactory.create((int) candidates[o], (int) candidates[o + 1], candidates[o + 2],
                    candidates[o + 3], candidates[o + 4], candidates[o + 5], (int) candidates[o + 6], candidates[o + 7]));
        }
        List<Row> gens = new ArrayList<>(numGen);
        for (int i = 0; i < numGen; i++) {
            int o = i * GEN_WIDTH;
            int oi = i * GEN_INT_WIDTH;
            gens.add(RowFactory.create(genInts[oi], genInts[oi + 1], genInts[oi + 2], gen[o], gen[o + 1], gen[o + 2],
                    gen[o + 3], gen[o + 4], gen[o + 5], gen[o + 6], genInts[oi + 3]));
        }
        return RowFactory.create(eventId, sample, NtupleSchema.VERSION, seq(els), seq(yg), seq(yc), seq(cands),
                seq(gens), genMet, genMetPhi, numPileup, pvZ);
    }

    /** Lists as Scala sequences: what Spark's row encoders expect (createDataFrame accepts them too). */
    private static scala.collection.Seq<Row> seq(List<Row> rows) {
        return scala.collection.JavaConverters.asScalaBuffer(rows);
    }

    private static Row targetRow(float[] t, int i) {
        int o = i * TARGET_WIDTH;
        return RowFactory.create((int) t[o], t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5], t[o + 6]);
    }

    private static void setTarget(float[] t, int i, int cls, float charge, float pt, float eta, float phi, float e) {
        int o = i * TARGET_WIDTH;
        t[o] = cls;
        t[o + 1] = charge;
        t[o + 2] = pt;
        t[o + 3] = eta;
        t[o + 4] = (float) Math.sin(phi);
        t[o + 5] = (float) Math.cos(phi);
        t[o + 6] = e;
    }

    private int checkElement(int i) {
        if (i < 0 || i >= numElements) {
            throw new IndexOutOfBoundsException("element " + i + " of " + numElements);
        }
        return i;
    }

    private static float[] grow(float[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }

    private static double[] grow(double[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }

    private static int[] grow(int[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }
}
