package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SparseDropoutTest {
    @Test
    void dropsAtTheRateScalesTheRestAndRepeatsForTheSameSeedAndStep() {
        try (NDManager m = Engine.getEngine(MlpfModel.ENGINE).newBaseManager()) {
            int n = 400_000;
            double rate = 0.016;
            SparseDropout.seed(5, 17);
            float[] a = SparseDropout.apply(m.ones(new Shape(100, n / 100)), rate).toFloatArray();
            long zeros = 0;
            for (float v : a) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertEquals(1 / (1 - rate), v, 1e-6);
                }
            }
            double sigma = Math.sqrt(n * rate * (1 - rate));
            assertEquals(n * rate, zeros, 5 * sigma, "dropped count");
            SparseDropout.seed(5, 17);
            assertArrayEquals(a, SparseDropout.apply(m.ones(new Shape(100, n / 100)), rate).toFloatArray(),
                    "same seed and step, same mask");
            SparseDropout.seed(5, 18);
            assertFalse(Arrays.equals(a, SparseDropout.apply(m.ones(new Shape(100, n / 100)), rate).toFloatArray()),
                    "another step, another mask");
            float[] dense = SparseDropout.apply(m.ones(new Shape(n)), 0.5).toFloatArray();
            long kept = Arrays.stream(toDouble(dense)).filter(v -> v != 0).count();
            assertEquals(n * 0.5, kept, 5 * Math.sqrt(n * 0.25), "large rates fall back to DJL's dropout");
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
