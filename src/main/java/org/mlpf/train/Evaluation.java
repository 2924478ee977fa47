package org.mlpf.train;

import java.io.Serializable;
import java.util.Arrays;

import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;
import org.mlpf.physics.ParticleClass;

/**
 * Sums over evaluated events, mergeable across batches and workers: the loss terms weighted by events (so that the
 * merged loss is the mean per event, whatever the batch sizes) and the confusion matrix of the predicted class
 * (argmax of the logits) against the target class over real elements.
 *
 * @param termSums  per loss term ({@link MlpfLoss#TERM_NAMES}), the sum over batches of term x events
 * @param events    events evaluated
 * @param confusion counts of (target class, predicted class), row-major {@code [target * COUNT + predicted]}
 */
public record Evaluation(double[] termSums, long events, long[] confusion) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int TERMS = MlpfLoss.TERM_NAMES.size();
    private static final int CELLS = ParticleClass.COUNT * ParticleClass.COUNT;
    /** Length of {@link #toFloats()}. */
    public static final int FLOATS = TERMS + 1 + CELLS;

    public Evaluation {
        if (termSums.length != TERMS || confusion.length != CELLS) {
            throw new IllegalArgumentException("expected " + TERMS + " term sums and " + CELLS + " confusion cells");
        }
        termSums = termSums.clone();
        confusion = confusion.clone();
    }

    /** Nothing evaluated. */
    public static Evaluation empty() {
        return new Evaluation(new double[TERMS], 0, new long[CELLS]);
    }

    /** One batch of {@code events} events with mean loss {@code loss} and its confusion counts. */
    public static Evaluation ofBatch(LossValues loss, long events, long[] confusion) {
        double[] t = loss.terms();
        for (int i = 0; i < t.length; i++) {
            t[i] *= events;
        }
        return new Evaluation(t, events, confusion);
    }

    @Override
    public double[] termSums() {
        return termSums.clone();
    }

    @Override
    public long[] confusion() {
        return confusion.clone();
    }

    /** The sum of this and {@code o}. */
    public Evaluation plus(Evaluation o) {
        double[] t = termSums.clone();
        long[] c = confusion.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += o.termSums[i];
        }
        for (int i = 0; i < c.length; i++) {
            c[i] += o.confusion[i];
        }
        return new Evaluation(t, events + o.events, c);
    }

    /** Mean loss per event. */
    public LossValues loss() {
        if (events == 0) {
            throw new IllegalStateException("no events evaluated");
        }
        double[] t = termSums.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] /= events;
        }
        return new LossValues(t);
    }

    /** Real elements evaluated. */
    public long elements() {
        return Arrays.stream(confusion).sum();
    }

    /** Fraction of real elements whose predicted class is the target class. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < ParticleClass.COUNT; c++) {
            correct += confusion[c * ParticleClass.COUNT + c];
        }
        return (double) correct / Math.max(1, elements());
    }

    /** Elements per target class. */
    public long[] targetCounts() {
        long[] n = new long[ParticleClass.COUNT];
        for (int t = 0; t < ParticleClass.COUNT; t++) {
            for (int p = 0; p < ParticleClass.COUNT; p++) {
                n[t] += confusion[t * ParticleClass.COUNT + p];
            }
        }
        return n;
    }

    /** The most common target class. */
    public int mostCommonClass() {
        long[] n = targetCounts();
        int best = 0;
        for (int c = 1; c < n.length; c++) {
            if (n[c] > n[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Accuracy of always predicting the most common target class of these elements (the trivial baseline). */
    public double mostCommonClassAccuracy() {
        return (double) targetCounts()[mostCommonClass()] / Math.max(1, elements());
    }

    /**
     * The sums as floats, for a float all-reduce: exact while every count stays below 2^24 (16.7 M elements per
     * confusion cell) and close for the loss sums.
     */
    public float[] toFloats() {
        float[] f = new float[FLOATS];
        for (int i = 0; i < TERMS; i++) {
            f[i] = (float) termSums[i];
        }
        f[TERMS] = events;
        for (int i = 0; i < CELLS; i++) {
            f[TERMS + 1 + i] = confusion[i];
        }
        return f;
    }

    /** Inverse of {@link #toFloats()}. */
    public static Evaluation fromFloats(float[] f) {
        double[] t = new double[TERMS];
        for (int i = 0; i < TERMS; i++) {
            t[i] = f[i];
        }
        long[] c = new long[CELLS];
        for (int i = 0; i < CELLS; i++) {
            c[i] = Math.round(f[TERMS + 1 + i]);
        }
        return new Evaluation(t, Math.round(f[TERMS]), c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && e.events == events && Arrays.equals(e.termSums, termSums)
                && Arrays.equals(e.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(termSums) * 31 + Arrays.hashCode(confusion) + Long.hashCode(events);
    }
}
