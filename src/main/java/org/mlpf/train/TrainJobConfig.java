package org.mlpf.train;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

import org.mlpf.config.ConfigException;
import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;
import org.mlpf.model.MlpfLoss;
import org.mlpf.model.ModelConfig;

/**
 * Configuration of the distributed training job ({@link TrainJob}): validated on construction (the message names the
 * key and the allowed values). The defaults train a demo model on a 2-core machine in a few minutes.
 *
 * @param workers          data-parallel workers (one Spark barrier task each)
 * @param epochs           passes over the training split
 * @param batch            events per worker per step (the global batch is {@code workers * batch})
 * @param learningRate     initial Adam learning rate of the cosine decay (to 0 at the last step)
 * @param maxSteps         stop after this many optimizer steps (0: {@code epochs} full passes); also the horizon of
 *                         the cosine decay when it ends the run earlier
 * @param checkpointEvery  checkpoint every this many steps, and at the end of every epoch (0: epoch ends only)
 * @param keepCheckpoints  newest checkpoints kept
 * @param patience         early stopping: stop when the validation loss has not improved for this many epochs and
 *                         keep the best epoch's model (0: off)
 * @param seed             seed of the data order per epoch and of the dropout masks
 * @param target           the target the tensors must have been made with: gen, cand, or auto (whatever they have)
 * @param threads          PyTorch intra-op threads per worker
 * @param allReduceTimeout seconds a worker waits for its ring neighbours without progress before failing
 * @param modelConfig      {@code acat2021} (the ACAT 2021 model of docs/model.md) or a {@code model-config.json} file
 * @param initFrom         a trained model directory whose parameters, configuration and normalization a new training
 *                         starts from (fine-tuning), or {@link #NONE} for a freshly initialized model
 * @param momentumLoss     the pt and energy terms of the loss: {@code absolute} (ACAT 2021, GeV) or {@code log}
 *                         ({@link MlpfLoss.Momentum})
 * @param ptWeight         scale P0 (GeV) of the per-element loss weights clip(pT / P0, 1, 10)
 *                         ({@link MlpfLoss.Weights#ptWeight}); 0: every element counts once
 */
public record TrainJobConfig(int workers, int epochs, int batch, double learningRate, long maxSteps,
                             long checkpointEvery, int keepCheckpoints, int patience, long seed, String target,
                             int threads, int allReduceTimeout, String modelConfig, String initFrom,
                             String momentumLoss, double ptWeight)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@link #initFrom} value of a training that starts from a freshly initialized model. */
    public static final String NONE = "none";

    /** {@link #modelConfig} value naming the built-in ACAT 2021 configuration. */
    public static final String ACAT2021 = "acat2021";

    public static final ConfigKey<Integer> WORKERS = ConfigKey.ofInt("mlpf.train.workers", 1, 1024, 2,
            "data-parallel training workers: one Spark barrier task (executor slot) each, gradients all-reduced "
                    + "every step");
    /** Largest number of epochs. */
    public static final int EPOCHS_MAX = 100_000;

    public static final ConfigKey<Integer> EPOCHS = ConfigKey.ofInt("mlpf.train.epochs", 1, EPOCHS_MAX, 4,
            "passes over the training split");
    public static final ConfigKey<Integer> BATCH = ConfigKey.ofInt("mlpf.train.batch", 1, 100_000, 4,
            "events per worker per step; the global batch is workers x batch");
    public static final ConfigKey<Double> LEARNING_RATE = ConfigKey.ofDouble("mlpf.train.learning-rate", 1e-7, 0.5,
            2e-3, "initial Adam learning rate, decayed to 0 by a cosine over the run");
    public static final ConfigKey<Long> MAX_STEPS = ConfigKey.ofLong("mlpf.train.max-steps", 0, Long.MAX_VALUE, 0,
            "stop after this many optimizer steps (0: the full epochs); also the horizon of the learning-rate decay");
    public static final ConfigKey<Long> CHECKPOINT_EVERY = ConfigKey.ofLong("mlpf.train.checkpoint-every", 0,
            Long.MAX_VALUE, 50,
            "write a checkpoint every this many steps, besides every epoch end (0: epoch ends only)");
    public static final ConfigKey<Integer> KEEP_CHECKPOINTS = ConfigKey.ofInt("mlpf.train.keep-checkpoints", 2, 1000, 3,
            "newest checkpoints kept in MODEL_DIR/checkpoints");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("mlpf.train.patience", 0, 100_000, 0,
            "early stopping: stop after this many epochs without a lower validation loss and keep the best epoch's "
                    + "model (0: off)");
    public static final ConfigKey<Long> SEED = ConfigKey.ofLong("mlpf.train.seed", 0, Long.MAX_VALUE, 1,
            "seed of the data order of every epoch and of the dropout masks: a rerun or resumed run repeats them");
    public static final ConfigKey<String> TARGET = ConfigKey.ofChoice("mlpf.train.target", List.of("auto", "gen",
            "cand"), "auto", "target the tensors must have been made with (gen or cand), or auto: whatever they have");
    public static final ConfigKey<Integer> THREADS = ConfigKey.ofInt("mlpf.train.threads", 1, 256, 1,
            "PyTorch intra-op threads per worker (one per task slot avoids oversubscription)");
    public static final ConfigKey<Integer> ALLREDUCE_TIMEOUT = ConfigKey.ofInt("mlpf.train.allreduce-timeout", 1,
            86_400, 600, "seconds a worker waits for its ring neighbours without progress before its task fails "
                    + "(and Spark retries the stage from the last checkpoint)");
    public static final ConfigKey<String> MODEL_CONFIG = ConfigKey.ofString("mlpf.train.model-config", ACAT2021,
            "model hyper-parameters: acat2021 (the ACAT 2021 PFNetDense) or the path of a model-config.json");

    public static final ConfigKey<String> INIT_FROM = ConfigKey.ofPattern("mlpf.train.init-from", "\\S.*",
            "a model directory, or " + NONE, NONE,
            "fine-tuning: a trained model directory whose parameters, model configuration and normalization a new "
                    + "training starts from (none: a freshly initialized model of mlpf.train.model-config); --resume "
                    + "still continues the run's own checkpoints");

    public static final ConfigKey<String> MOMENTUM_LOSS = ConfigKey.ofChoice("mlpf.train.momentum-loss",
            List.of(MlpfLoss.Momentum.ABSOLUTE.configName(), MlpfLoss.Momentum.LOG.configName()),
            MlpfLoss.Momentum.ABSOLUTE.configName(),
            "pt and energy terms of the loss: absolute (ACAT 2021: 1e-4 x Huber of the error in GeV) or log "
                    + "(100 x and 10 x Huber of the error of the logarithm: a relative error, docs/physics.md)");

    public static final ConfigKey<Double> PT_WEIGHT = ConfigKey.ofDouble("mlpf.train.pt-weight", 0, 1000, 0,
            "per-element loss weights for the hard particles: an element counts clip(pT / P0, 1, 10) times in every "
                    + "term, pT its target's (its own without a particle), P0 this value in GeV (0: every element "
                    + "once; docs/physics.md)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(WORKERS, EPOCHS, BATCH, LEARNING_RATE, MAX_STEPS,
            CHECKPOINT_EVERY, KEEP_CHECKPOINTS, PATIENCE, SEED, TARGET, THREADS, ALLREDUCE_TIMEOUT, MODEL_CONFIG,
            INIT_FROM, MOMENTUM_LOSS, PT_WEIGHT);

    public TrainJobConfig {
        WORKERS.check(workers);
        EPOCHS.check(epochs);
        BATCH.check(batch);
        LEARNING_RATE.check(learningRate);
        MAX_STEPS.check(maxSteps);
        CHECKPOINT_EVERY.check(checkpointEvery);
        KEEP_CHECKPOINTS.check(keepCheckpoints);
        PATIENCE.check(patience);
        SEED.check(seed);
        TARGET.check(target);
        THREADS.check(threads);
        ALLREDUCE_TIMEOUT.check(allReduceTimeout);
        MODEL_CONFIG.check(modelConfig);
        INIT_FROM.check(initFrom);
        MOMENTUM_LOSS.check(momentumLoss);
        PT_WEIGHT.check(ptWeight);
    }

    /** Reads the record from a configuration. */
    public static TrainJobConfig from(Settings s) {
        return new TrainJobConfig(s.get(WORKERS), s.get(EPOCHS), s.get(BATCH), s.get(LEARNING_RATE), s.get(MAX_STEPS),
                s.get(CHECKPOINT_EVERY), s.get(KEEP_CHECKPOINTS), s.get(PATIENCE), s.get(SEED), s.get(TARGET),
                s.get(THREADS), s.get(ALLREDUCE_TIMEOUT), s.get(MODEL_CONFIG), s.get(INIT_FROM),
                s.get(MOMENTUM_LOSS), s.get(PT_WEIGHT));
    }

    /** The built-in defaults. */
    public static TrainJobConfig defaults() {
        return from(Settings.defaults());
    }

    /** A copy with another number of workers. */
    public TrainJobConfig withWorkers(int w) {
        return new TrainJobConfig(w, epochs, batch, learningRate, maxSteps, checkpointEvery, keepCheckpoints, patience,
                seed, target, threads, allReduceTimeout, modelConfig, initFrom, momentumLoss, ptWeight);
    }

    /** A copy with another batch size per worker. */
    public TrainJobConfig withBatch(int b) {
        return new TrainJobConfig(workers, epochs, b, learningRate, maxSteps, checkpointEvery, keepCheckpoints,
                patience, seed, target, threads, allReduceTimeout, modelConfig, initFrom, momentumLoss, ptWeight);
    }

    /** A copy with another number of epochs and step limit. */
    public TrainJobConfig withLength(int e, long steps) {
        return new TrainJobConfig(workers, e, batch, learningRate, steps, checkpointEvery, keepCheckpoints, patience,
                seed, target, threads, allReduceTimeout, modelConfig, initFrom, momentumLoss, ptWeight);
    }

    /** A copy with another checkpoint interval. */
    public TrainJobConfig withCheckpointEvery(long steps) {
        return new TrainJobConfig(workers, epochs, batch, learningRate, maxSteps, steps, keepCheckpoints, patience,
                seed, target, threads, allReduceTimeout, modelConfig, initFrom, momentumLoss, ptWeight);
    }

    /** A copy with another model configuration ({@link #ACAT2021} or a file). */
    public TrainJobConfig withModelConfig(String m) {
        return new TrainJobConfig(workers, epochs, batch, learningRate, maxSteps, checkpointEvery, keepCheckpoints,
                patience, seed, target, threads, allReduceTimeout, m, initFrom, momentumLoss, ptWeight);
    }

    /** A copy with another early-stopping patience. */
    public TrainJobConfig withPatience(int p) {
        return new TrainJobConfig(workers, epochs, batch, learningRate, maxSteps, checkpointEvery, keepCheckpoints, p,
                seed, target, threads, allReduceTimeout, modelConfig, initFrom, momentumLoss, ptWeight);
    }

    /** A copy that fine-tunes the model directory {@code dir} ({@link #NONE}: a fresh model). */
    public TrainJobConfig withInitFrom(String dir) {
        return new TrainJobConfig(workers, epochs, batch, learningRate, maxSteps, checkpointEvery, keepCheckpoints,
                patience, seed, target, threads, allReduceTimeout, modelConfig, dir, momentumLoss, ptWeight);
    }

    /** A copy with another momentum loss ({@link #MOMENTUM_LOSS}). */
    public TrainJobConfig withMomentumLoss(String m) {
        return new TrainJobConfig(workers, epochs, batch, learningRate, maxSteps, checkpointEvery, keepCheckpoints,
                patience, seed, target, threads, allReduceTimeout, modelConfig, initFrom, m, ptWeight);
    }

    /** The weights of the loss terms of this training. */
    public MlpfLoss.Weights loss() {
        return MlpfLoss.Weights.named(momentumLoss).withPtWeight(ptWeight);
    }

    /** True if training starts from a trained model ({@link #initFrom}). */
    public boolean fineTunes() {
        return !initFrom.equals(NONE);
    }

    /**
     * The model hyper-parameters of the training: those of the model it fine-tunes ({@link #initFrom}), otherwise
     * those {@link #modelConfig} names.
     */
    public ModelConfig model() {
        if (fineTunes()) {
            Path f = Path.of(initFrom).resolve(ModelConfig.FILE_NAME);
            try {
                return ModelConfig.read(f);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("bad value '" + initFrom + "' for " + INIT_FROM.name() + ": no readable "
                        + f.getFileName() + " (" + e.getMessage() + "): it must be a model directory");
            }
        }
        if (modelConfig.equals(ACAT2021)) {
            return ModelConfig.acat2021();
        }
        try {
            return ModelConfig.read(Path.of(modelConfig));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("bad value '" + modelConfig + "' for " + MODEL_CONFIG.name() + ": "
                    + e.getMessage());
        }
    }

    /**
     * The single-JVM trainer's settings for the worker of rank {@code rank}: Adam as the reference, the cosine decay
     * to 0, checkpoints handled by the job; the dropout seed differs per rank (rank 0 keeps {@link #seed}, so one
     * worker repeats the single-JVM trainer exactly).
     */
    public TrainConfig trainConfig(int rank) {
        TrainConfig d = TrainConfig.defaults(epochs);
        long dropoutSeed = rank == 0 ? seed : seed ^ (0x9E3779B97F4A7C15L * rank);
        return new TrainConfig(epochs, maxSteps, learningRate, 0, d.beta1(), d.beta2(), d.epsilon(), d.logEvery(), 0,
                keepCheckpoints, dropoutSeed, loss());
    }
}
