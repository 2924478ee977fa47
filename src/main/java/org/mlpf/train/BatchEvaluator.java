package org.mlpf.train;

import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.TensorBatch;
import org.mlpf.physics.ParticleClass;

/**
 * Evaluates a model on batches with targets, without gradients or dropout: the loss terms and the confusion matrix
 * of the predicted class over real elements ({@link Evaluation}). One per thread; each batch runs in its own
 * NDManager.
 */
public final class BatchEvaluator {
    private final MlpfModel model;
    private final ParameterStore parameters;
    private final MlpfLoss loss;

    /** An evaluator of {@code model} (not closed by it) with the loss of {@code weights}. */
    public BatchEvaluator(MlpfModel model, MlpfLoss.Weights weights) {
        this.model = model;
        this.loss = new MlpfLoss(weights);
        this.parameters = new ParameterStore(model.djlModel().getNDManager(), false);
    }

    /** The loss and class confusion of one batch. */
    public Evaluation evaluate(TensorBatch batch) {
        // grad mode is per thread: a task thread that trained before must not record this graph
        JniUtils.setGradMode(false);
        try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
            NDArray x = batch.features(m);
            NDArray y = batch.targets(m);
            NDList out = model.forward(parameters, x, false);
            LossValues values = LossValues.of(loss.terms(MlpfLoss.labels(x, y), out));
            long[] predicted = out.get(0).argMax(-1).toLongArray();
            return Evaluation.ofBatch(values, batch.batchSize(), confusion(batch, predicted));
        }
    }

    /** Counts (target, predicted) over the real elements of {@code batch}. */
    static long[] confusion(TensorBatch batch, long[] predicted) {
        long[] c = new long[ParticleClass.COUNT * ParticleClass.COUNT];
        FloatBuffer x = batch.x();
        FloatBuffer y = batch.y();
        int rows = batch.batchSize() * batch.numElements();
        for (int i = 0; i < rows; i++) {
            if (x.get(i * TensorBatch.X_WIDTH) == 0f) {
                continue;
            }
            int target = (int) y.get(i * TensorBatch.Y_WIDTH);
            c[target * ParticleClass.COUNT + (int) predicted[i]]++;
        }
        return c;
    }
}
