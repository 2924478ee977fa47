package org.mlpf.physics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The generator particles of one event in flat primitive arrays (no object per particle): what generators and
 * file readers produce and what the detector simulation consumes. Momenta in GeV, vertices in cm. Vertex id 0
 * is the hard scatter, k >= 1 pileup interaction k. Reusable through {@link #reset()}; not thread-safe.
 */
public final class GenEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    private int size;
    private int[] pdgId = new int[256];
    private int[] status = new int[256];
    private int[] charge = new int[256];
    private int[] vertexId = new int[256];
    private int[] parent = new int[256];
    private double[] px = new double[256];
    private double[] py = new double[256];
    private double[] pz = new double[256];
    private double[] e = new double[256];
    private double[] vx = new double[256];
    private double[] vy = new double[256];
    private double[] vz = new double[256];
    private int numPileup;

    /** Empties the event, keeping its buffers. */
    public GenEvent reset() {
        size = 0;
        numPileup = 0;
        return this;
    }

    /**
     * Appends a particle and returns its index.
     *
     * @param charge   charge in units of e (readers of files without ids derive it; generators take it from
     *                 {@link ParticleData})
     * @param status   HepMC status: 1 final state, 2 decayed
     * @param parent   index of the mother particle in this event, or -1
     */
    public int add(int pdg, int charge, int status, double px, double py, double pz, double e, double vx, double vy,
                   double vz, int vertexId, int parent) {
        if (size == pdgId.length) {
            grow();
        }
        int i = size++;
        this.pdgId[i] = pdg;
        this.charge[i] = charge;
        this.status[i] = status;
        this.px[i] = px;
        this.py[i] = py;
        this.pz[i] = pz;
        this.e[i] = e;
        this.vx[i] = vx;
        this.vy[i] = vy;
        this.vz[i] = vz;
        this.vertexId[i] = vertexId;
        this.parent[i] = parent;
        return i;
    }

    /** Marks particle {@code i} as decayed (status 2). */
    public void setDecayed(int i) {
        status[check(i)] = 2;
    }

    /** Sets the number of pileup interactions overlaid on the hard scatter. */
    public void setNumPileup(int n) {
        numPileup = n;
    }

    public int size() {
        return size;
    }

    public int numPileup() {
        return numPileup;
    }

    public int pdgId(int i) {
        return pdgId[check(i)];
    }

    public int charge(int i) {
        return charge[check(i)];
    }

    public int status(int i) {
        return status[check(i)];
    }

    public boolean isFinal(int i) {
        return status[check(i)] == 1;
    }

    public int vertexId(int i) {
        return vertexId[check(i)];
    }

    public int parent(int i) {
        return parent[check(i)];
    }

    public double px(int i) {
        return px[check(i)];
    }

    public double py(int i) {
        return py[check(i)];
    }

    public double pz(int i) {
        return pz[check(i)];
    }

    public double e(int i) {
        return e[check(i)];
    }

    public double vx(int i) {
        return vx[check(i)];
    }

    public double vy(int i) {
        return vy[check(i)];
    }

    public double vz(int i) {
        return vz[check(i)];
    }

    /** Transverse momentum, GeV. */
    public double pt(int i) {
        return Math.hypot(px[check(i)], py[i]);
    }

    /** Azimuth in [-pi, pi]. */
    public double phi(int i) {
        return Math.atan2(py[check(i)], px[i]);
    }

    /** Pseudorapidity ({@link Kinematics#eta}). */
    public double eta(int i) {
        return Kinematics.eta(px[check(i)], py[i], pz[i]);
    }

    /** Invariant mass (0 for slightly space-like rounding). */
    public double mass(int i) {
        double m2 = e[check(i)] * e[i] - px[i] * px[i] - py[i] * py[i] - pz[i] * pz[i];
        return m2 > 0 ? Math.sqrt(m2) : 0;
    }

    /** Sets the production vertex of particle {@code i}, cm. */
    public void setVertex(int i, double x, double y, double z) {
        vx[check(i)] = x;
        vy[i] = y;
        vz[i] = z;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("particle " + i + " of " + size);
        }
        return i;
    }

    private void grow() {
        int n = pdgId.length * 2;
        pdgId = Arrays.copyOf(pdgId, n);
        status = Arrays.copyOf(status, n);
        charge = Arrays.copyOf(charge, n);
        vertexId = Arrays.copyOf(vertexId, n);
        parent = Arrays.copyOf(parent, n);
        px = Arrays.copyOf(px, n);
        py = Arrays.copyOf(py, n);
        pz = Arrays.copyOf(pz, n);
        e = Arrays.copyOf(e, n);
        vx = Arrays.copyOf(vx, n);
        vy = Arrays.copyOf(vy, n);
        vz = Arrays.copyOf(vz, n);
    }
}
