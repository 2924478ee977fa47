package org.mlpf.model;

import org.mlpf.physics.ParticleClass;

/**
 * Per-element output of the model for a batch, in plain Java arrays: class probabilities (softmax of the logits)
 * and the regressed charge (e), pt (GeV), eta, phi (radians, {@code atan2(sin, cos)}) and energy (GeV). Padding
 * elements have all-zero regressions and are marked not real.
 */
public final class ElementPredictions {
    private final int batchSize;
    private final int numElements;
    private final float[] probabilities;
    private final float[] regression;
    private final boolean[] real;

    /**
     * @param batchSize     B
     * @param numElements   N
     * @param probabilities B * N * 8 class probabilities
     * @param regression    B * N * 6 values [charge, pt, eta, sin phi, cos phi, energy]
     * @param real          B * N flags, true for real elements
     */
    ElementPredictions(int batchSize, int numElements, float[] probabilities, float[] regression, boolean[] real) {
        this.batchSize = batchSize;
        this.numElements = numElements;
        this.probabilities = probabilities;
        this.regression = regression;
        this.real = real;
    }

    /** B. */
    public int batchSize() {
        return batchSize;
    }

    /** N (padded). */
    public int numElements() {
        return numElements;
    }

    private int row(int b, int i) {
        if (b < 0 || b >= batchSize || i < 0 || i >= numElements) {
            throw new IndexOutOfBoundsException("element (" + b + ", " + i + ") outside (" + batchSize + ", "
                    + numElements + ")");
        }
        return b * numElements + i;
    }

    /** True if element {@code i} of event {@code b} is real (not padding). */
    public boolean isReal(int b, int i) {
        return real[row(b, i)];
    }

    /** Probability of class {@code c} ({@link ParticleClass} index). */
    public float probability(int b, int i, int c) {
        return probabilities[row(b, i) * ParticleClass.COUNT + c];
    }

    /** The 8 class probabilities of an element (a copy). */
    public float[] probabilities(int b, int i) {
        float[] p = new float[ParticleClass.COUNT];
        System.arraycopy(probabilities, row(b, i) * ParticleClass.COUNT, p, 0, p.length);
        return p;
    }

    /** The most probable class index (0: no particle). */
    public int predictedClass(int b, int i) {
        return predictedClass(b, i, 1);
    }

    /**
     * The most probable class of element {@code i} of row {@code b} with the probability of class 0 (no particle)
     * weighted by {@code noParticleWeight}: with a weight w, a particle class must be w times as probable as no
     * particle to make a candidate (a working point; 1 is the plain argmax).
     */
    public int predictedClass(int b, int i, double noParticleWeight) {
        int base = row(b, i) * ParticleClass.COUNT;
        int best = 0;
        double bestScore = probabilities[base] * noParticleWeight;
        for (int c = 1; c < ParticleClass.COUNT; c++) {
            if (probabilities[base + c] > bestScore) {
                best = c;
                bestScore = probabilities[base + c];
            }
        }
        return best;
    }

    private float reg(int b, int i, int k) {
        return regression[row(b, i) * OutputDecoding.NUM_REGRESSION + k];
    }

    /** Regressed charge, units of e. */
    public float charge(int b, int i) {
        return reg(b, i, 0);
    }

    /** Regressed transverse momentum, GeV. */
    public float pt(int b, int i) {
        return reg(b, i, 1);
    }

    /** Regressed pseudorapidity. */
    public float eta(int b, int i) {
        return reg(b, i, 2);
    }

    /** Regressed sin(phi) (not normalized). */
    public float sinPhi(int b, int i) {
        return reg(b, i, 3);
    }

    /** Regressed cos(phi) (not normalized). */
    public float cosPhi(int b, int i) {
        return reg(b, i, 4);
    }

    /** Regressed azimuth, radians in [-pi, pi]: {@code atan2(sin phi, cos phi)}. */
    public float phi(int b, int i) {
        return (float) Math.atan2(sinPhi(b, i), cosPhi(b, i));
    }

    /** Regressed energy, GeV. */
    public float energy(int b, int i) {
        return reg(b, i, 5);
    }
}
