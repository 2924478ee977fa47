package org.mlpf.model;

/** Hand-made {@link ElementPredictions} for tests outside the model package (its constructor is package-private). */
public final class TestPredictions {
    private TestPredictions() {
    }

    /**
     * Predictions of B events of N elements.
     *
     * @param probabilities B * N * 8 class probabilities
     * @param regression    B * N * 6 values [charge, pt, eta, sin phi, cos phi, energy]
     * @param real          B * N flags
     */
    public static ElementPredictions of(int batchSize, int numElements, float[] probabilities, float[] regression,
                                        boolean[] real) {
        return new ElementPredictions(batchSize, numElements, probabilities, regression, real);
    }
}
