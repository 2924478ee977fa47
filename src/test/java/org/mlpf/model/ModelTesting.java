package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/** Runs a model outside the predictor, for tests that compare raw outputs. */
final class ModelTesting {
    private ModelTesting() {
    }

    /** Outputs of a no-grad, no-dropout forward pass: {logits (B*N*8), regression (B*N*6)}. */
    static float[][] forward(MlpfModel model, TensorBatch batch) {
        return forward(model, batch.features(model.djlModel().getNDManager().newSubManager()));
    }

    static float[][] forward(MlpfModel model, NDArray x) {
        JniUtils.setGradMode(false);
        NDManager m = x.getManager();
        try (m) {
            NDList out = model.forward(new ParameterStore(model.djlModel().getNDManager(), false), x, false);
            return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray()};
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths " + a.length + " != " + b.length);
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
