package org.mlpf.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.mlpf.model.MlpfLoss;

/**
 * Settings of single-JVM training ({@link MlpfTrainer}); validated on construction, the message naming the field.
 *
 * @param epochs            passes over the training batches
 * @param maxSteps          stop after this many optimizer steps (0: {@code epochs} full passes); also the horizon
 *                          of the cosine decay when set
 * @param learningRate      initial learning rate of Adam (1.129e-3, particleflow's {@code cms.yaml})
 * @param finalLearningRate learning rate at the end of the cosine decay
 * @param beta1             Adam beta1
 * @param beta2             Adam beta2
 * @param epsilon           Adam epsilon (1e-7, Keras' default used by the reference)
 * @param logEvery          log the per-term training loss every this many steps
 * @param checkpointEvery   write a checkpoint every this many steps (0: at the end of every epoch only)
 * @param keepCheckpoints   checkpoints kept in the checkpoint directory (older ones are deleted)
 * @param seed              seed of the dropout masks (with the step number: a resumed run draws the same masks)
 * @param loss              weights of the loss terms (training and validation)
 */
public record TrainConfig(int epochs, long maxSteps, double learningRate, double finalLearningRate, double beta1,
        double beta2, double epsilon, int logEvery, long checkpointEvery, int keepCheckpoints, long seed,
        MlpfLoss.Weights loss) {
    public TrainConfig {
        check(epochs >= 1, "epochs", epochs, ">= 1");
        check(maxSteps >= 0, "maxSteps", maxSteps, ">= 0");
        check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "in (0, 1)");
        check(finalLearningRate >= 0 && finalLearningRate <= learningRate, "finalLearningRate", finalLearningRate,
                "in [0, learningRate]");
        check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)");
        check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)");
        check(epsilon > 0 && epsilon < 1, "epsilon", epsilon, "in (0, 1)");
        check(logEvery >= 1, "logEvery", logEvery, ">= 1");
        check(checkpointEvery >= 0, "checkpointEvery", checkpointEvery, ">= 0");
        check(keepCheckpoints >= 1, "keepCheckpoints", keepCheckpoints, ">= 1");
        check(loss != null, "loss", loss, "set");
    }

    private static void check(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("train config " + name + " = " + value + ": must be " + rule);
        }
    }

    /** The reference's settings for {@code epochs} passes. */
    public static TrainConfig defaults(int epochs) {
        return new TrainConfig(epochs, 0, 1.129e-3, 0, 0.9, 0.999, 1e-7, 10, 0, 3, 1, MlpfLoss.Weights.acat2021());
    }

    /** A copy with another step limit. */
    public TrainConfig withMaxSteps(long steps) {
        return new TrainConfig(epochs, steps, learningRate, finalLearningRate, beta1, beta2, epsilon, logEvery,
                checkpointEvery, keepCheckpoints, seed, loss);
    }

    /** A copy with another learning rate. */
    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(epochs, maxSteps, lr, Math.min(finalLearningRate, lr), beta1, beta2, epsilon, logEvery,
                checkpointEvery, keepCheckpoints, seed, loss);
    }

    /** A copy with another checkpoint interval. */
    public TrainConfig withCheckpointEvery(long steps) {
        return new TrainConfig(epochs, maxSteps, learningRate, finalLearningRate, beta1, beta2, epsilon, logEvery,
                steps, keepCheckpoints, seed, loss);
    }

    /** A copy with other loss weights. */
    public TrainConfig withLoss(MlpfLoss.Weights w) {
        return new TrainConfig(epochs, maxSteps, learningRate, finalLearningRate, beta1, beta2, epsilon, logEvery,
                checkpointEvery, keepCheckpoints, seed, w);
    }

    /** The settings as strings, for the model directory's training metadata. */
    public Map<String, String> asSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimizer", "adam");
        m.put("schedule", "cosine");
        m.put("epochs", Integer.toString(epochs));
        m.put("max_steps", Long.toString(maxSteps));
        m.put("learning_rate", String.format(Locale.ROOT, "%g", learningRate));
        m.put("final_learning_rate", String.format(Locale.ROOT, "%g", finalLearningRate));
        m.put("beta1", Double.toString(beta1));
        m.put("beta2", Double.toString(beta2));
        m.put("epsilon", Double.toString(epsilon));
        m.put("seed", Long.toString(seed));
        m.put("momentum_loss", loss.momentum().configName());
        m.put("pt_weight", Double.toString(loss.ptWeight()));
        return m;
    }
}
