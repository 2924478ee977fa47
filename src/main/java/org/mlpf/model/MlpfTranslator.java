package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * DJL translator of {@link PfNetDense}: a {@link TensorBatch} in, {@link ElementPredictions} out. The predictor
 * runs each call in its own NDManager (closed after {@link #processOutput}), so native memory stays flat over any
 * number of batches. Turns autograd off for the calling thread (PyTorch's grad mode is per thread and on by
 * default in threads the engine did not start).
 */
public final class MlpfTranslator implements NoBatchifyTranslator<TensorBatch, ElementPredictions> {
    private static final String BATCH = "mlpf.batch";

    private final ModelConfig config;

    /** @param config the model's config (checks the element count before any work) */
    public MlpfTranslator(ModelConfig config) {
        this.config = config;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TensorBatch input) {
        config.checkElementCount(input.numElements());
        JniUtils.setGradMode(false);
        ctx.setAttachment(BATCH, input);
        return new NDList(input.features(ctx.getNDManager()));
    }

    @Override
    public ElementPredictions processOutput(TranslatorContext ctx, NDList list) {
        TensorBatch batch = (TensorBatch) ctx.getAttachment(BATCH);
        NDArray logits = list.get(0);
        float[] probabilities = logits.softmax(-1).toFloatArray();
        float[] regression = list.get(1).toFloatArray();
        int b = batch.batchSize();
        int n = batch.numElements();
        boolean[] real = new boolean[b * n];
        for (int e = 0; e < b; e++) {
            for (int i = 0; i < n; i++) {
                real[e * n + i] = batch.isReal(e, i);
            }
        }
        return new ElementPredictions(b, n, probabilities, regression, real);
    }
}
