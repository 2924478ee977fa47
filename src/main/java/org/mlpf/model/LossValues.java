package org.mlpf.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Values of the weighted loss terms ({@link MlpfLoss#TERM_NAMES} order) and their sum, read back to Java: what
 * training logs, averages and records.
 *
 * @param terms weighted term values, length 7
 */
public record LossValues(double[] terms) {
    public LossValues {
        if (terms.length != MlpfLoss.TERM_NAMES.size()) {
            throw new IllegalArgumentException("expected " + MlpfLoss.TERM_NAMES.size() + " loss terms, got "
                    + terms.length);
        }
        terms = terms.clone();
    }

    /** The weighted term values (a copy). */
    @Override
    public double[] terms() {
        return terms.clone();
    }

    /** Reads the 0-d arrays of {@link MlpfLoss#terms}. */
    public static LossValues of(NDList termArrays) {
        double[] t = new double[termArrays.size()];
        for (int i = 0; i < t.length; i++) {
            NDArray a = termArrays.get(i);
            t[i] = a.toType(DataType.FLOAT64, false).getDouble();
        }
        return new LossValues(t);
    }

    /** The loss: the sum of the terms. */
    public double total() {
        double s = 0;
        for (double v : terms) {
            s += v;
        }
        return s;
    }

    /** Value of the named term. */
    public double term(String name) {
        int i = MlpfLoss.TERM_NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no loss term " + name + "; terms are " + MlpfLoss.TERM_NAMES);
        }
        return terms[i];
    }

    /** True if every term is finite. */
    public boolean isFinite() {
        for (double v : terms) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Element-wise mean of several values (e.g. over the batches of a validation pass). */
    public static LossValues mean(Iterable<LossValues> values) {
        double[] s = new double[MlpfLoss.TERM_NAMES.size()];
        int n = 0;
        for (LossValues v : values) {
            for (int i = 0; i < s.length; i++) {
                s[i] += v.terms[i];
            }
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no loss values to average");
        }
        for (int i = 0; i < s.length; i++) {
            s[i] /= n;
        }
        return new LossValues(s);
    }

    /** Terms and "total" as a map, for {@link TrainingMetadata}. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("total", total());
        for (int i = 0; i < terms.length; i++) {
            m.put(MlpfLoss.TERM_NAMES.get(i), terms[i]);
        }
        return m;
    }

    /** One line for logs: {@code total (cls ..., charge ..., ...)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.5g (", total()));
        for (int i = 0; i < terms.length; i++) {
            b.append(i == 0 ? "" : ", ").append(MlpfLoss.TERM_NAMES.get(i))
                    .append(String.format(Locale.ROOT, " %.4g", terms[i]));
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossValues v && Arrays.equals(v.terms, terms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms);
    }
}
