package org.mlpf.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.SparseDropout;
import org.mlpf.model.TensorBatch;
import org.mlpf.model.TensorBatchSource;
import org.mlpf.model.TrainingMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-JVM training of an {@link MlpfModel}: Adam with a cosine learning-rate decay, the {@link MlpfLoss}, batches
 * from a {@link TensorBatchSource}, a validation loss per epoch, atomic checkpoints that training can resume from.
 *
 * <p>A step is split so that a data-parallel trainer can insert a gradient all-reduce between its halves:
 * <pre>
 *   LossValues v = trainer.computeGradients(batch);   // zero gradients, forward, loss, backward
 *   ... average trainer.trainableParameters() gradients across workers ...
 *   trainer.applyGradients();                          // one Adam step at the scheduled learning rate
 * </pre>
 * Gradients are zeroed before every forward pass (a failed step never leaks stale gradients into the next). The
 * forward and backward pass hold a JVM-wide lock, because the PyTorch engine allows one gradient collector per
 * JVM. Each step runs in its own NDManager, so native memory does not grow with the number of steps. Not
 * thread-safe: one trainer per thread.
 */
public final class MlpfTrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MlpfTrainer.class);
    private static final ReentrantLock GRADIENT_LOCK = new ReentrantLock();
    private static final String CHECKPOINT_PREFIX = "step-";

    private final MlpfModel model;
    private final TrainConfig config;
    private final MlpfLoss loss;
    private final ParameterStore parameterStore;
    private final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    private final AdamOptimizer adam;
    private final Tracker schedule;
    private int epoch;
    private long batchInEpoch;
    private boolean gradientsReady;
    private LossValues lastTrain;
    private LossValues lastValidation;
    private final Map<String, String> extraSettings = new LinkedHashMap<>();

    /**
     * @param model         the model to train (not closed by the trainer)
     * @param config        optimizer, schedule and logging settings
     * @param scheduleSteps horizon of the cosine decay: the number of steps the whole run will take
     */
    public MlpfTrainer(MlpfModel model, TrainConfig config, long scheduleSteps) {
        if (scheduleSteps < 1) {
            throw new IllegalArgumentException("the learning-rate schedule needs at least one step, got "
                    + scheduleSteps);
        }
        this.model = model;
        this.config = config;
        this.loss = new MlpfLoss(config.loss());
        this.parameterStore = new ParameterStore(model.djlModel().getNDManager(), false);
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p);
            }
        }
        this.adam = new AdamOptimizer(model.djlModel().getNDManager(), config.beta1(), config.beta2(),
                config.epsilon());
        this.schedule = Tracker.cosine().setBaseValue((float) config.learningRate())
                .optFinalValue((float) config.finalLearningRate()).setMaxUpdates(Math.toIntExact(scheduleSteps))
                .build();
    }

    /**
     * Resumes from a checkpoint written by {@link #saveCheckpoint}: model, optimizer state, step and position in the
     * data. The caller closes the returned trainer's {@link #model()}.
     */
    public static MlpfTrainer resume(Path checkpoint, TrainConfig config, long scheduleSteps) throws IOException {
        return resume(checkpoint, config, scheduleSteps, Device.cpu());
    }

    /** {@link #resume(Path, TrainConfig, long)} with the model on {@code device}. */
    public static MlpfTrainer resume(Path checkpoint, TrainConfig config, long scheduleSteps, Device device)
            throws IOException {
        MlpfModel model = MlpfModel.load(checkpoint, device);
        MlpfTrainer t = new MlpfTrainer(model, config, scheduleSteps);
        try {
            byte[] state = ModelDirectory.optimizerState(checkpoint).orElseThrow(() -> new IOException(checkpoint
                    + ": no optimizer state (" + ModelDirectory.OPTIMIZER + "): not a training checkpoint"));
            t.adam.load(state, t.trainable.stream().map(Pair::getKey).toList());
            TrainingMetadata meta = ModelDirectory.training(checkpoint);
            if (meta.steps() != t.adam.step()) {
                throw new IOException(checkpoint + ": training.json says " + meta.steps() + " steps, the optimizer "
                        + t.adam.step());
            }
            t.epoch = meta.epoch();
            t.batchInEpoch = meta.batchInEpoch();
        } catch (IOException | RuntimeException e) {
            t.close();
            model.close();
            throw e;
        }
        LOG.info("resumed from {} at step {} (epoch {}, batch {})", checkpoint, t.step(), t.epoch, t.batchInEpoch);
        return t;
    }

    /** The model being trained. */
    public MlpfModel model() {
        return model;
    }

    /** Optimizer steps taken. */
    public long step() {
        return adam.step();
    }

    /**
     * The trainable parameters by name, in a fixed order (the same in every JVM for the same config): what a
     * gradient all-reduce averages. A parameter's gradient is {@code getArray().getGradient()} (close the returned
     * handle); overwrite it in place with {@code set(new NDIndex(":"), values)}.
     */
    public List<Pair<String, Parameter>> trainableParameters() {
        return List.copyOf(trainable);
    }

    /** Learning rate of the next step. */
    public double learningRate() {
        return schedule.getNewValue(Math.toIntExact(adam.step()));
    }

    /**
     * Zeroes the gradients, runs forward and backward on {@code batch} (dropout on) and leaves the gradients in the
     * parameters for {@link #applyGradients()}. Fails if the loss is not finite.
     *
     * @return the loss terms of the batch
     */
    public LossValues computeGradients(TensorBatch batch) {
        GRADIENT_LOCK.lock();
        try (NDManager step = model.djlModel().getNDManager().newSubManager()) {
            zeroGradients();
            SparseDropout.seed(config.seed(), adam.step());
            NDArray x = batch.features(step);
            NDArray y = batch.targets(step);
            LossValues values;
            try (GradientCollector collector = Engine.getEngine(MlpfModel.ENGINE).newGradientCollector()) {
                NDList out = model.forward(parameterStore, x, true);
                NDList terms = loss.terms(MlpfLoss.labels(x, y), out);
                collector.backward(NDArrays.add(terms.toArray(new NDArray[0])));
                values = LossValues.of(terms);
            }
            if (!values.isFinite()) {
                throw new IllegalStateException("loss is not finite at step " + (adam.step() + 1) + ": " + values);
            }
            gradientsReady = true;
            lastTrain = values;
            return values;
        } finally {
            GRADIENT_LOCK.unlock();
        }
    }

    /**
     * Declares that the gradients now held by the parameters were set from outside (a worker whose shard had no
     * batch in this step receives the all-reduced gradients without computing any), so that
     * {@link #applyGradients()} may follow.
     */
    public void markGradientsSet() {
        gradientsReady = true;
    }

    /**
     * Sets the position in the data recorded by checkpoints: a trainer driven step by step (not by {@link #fit})
     * keeps it up to date so that a run resumed from its checkpoints continues where it stopped.
     *
     * @param epoch        epoch in progress (0-based), or the next one after a completed epoch
     * @param batchInEpoch batches of {@code epoch} already consumed
     */
    public void setPosition(int epoch, long batchInEpoch) {
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
    }

    /** Epoch of the current position (see {@link #setPosition}). */
    public int epoch() {
        return epoch;
    }

    /** Batches of {@link #epoch()} already consumed. */
    public long batchInEpoch() {
        return batchInEpoch;
    }

    /**
     * Sets the losses recorded by the next checkpoint: a data-parallel trainer records the losses over all workers
     * instead of this worker's own.
     *
     * @param train      training loss of the last step, or {@code null} to keep the current one
     * @param validation validation loss of the last epoch, or {@code null} to keep the current one
     */
    public void recordLosses(LossValues train, LossValues validation) {
        if (train != null) {
            lastTrain = train;
        }
        if (validation != null) {
            lastValidation = validation;
        }
    }

    /** Adds a setting to the training metadata of checkpoints and saved models (e.g. the number of workers). */
    public void putSetting(String key, String value) {
        extraSettings.put(key, value);
    }

    /** One Adam step with the gradients of {@link #computeGradients} (possibly all-reduced in between). */
    public void applyGradients() {
        if (!gradientsReady) {
            throw new IllegalStateException("applyGradients without computeGradients");
        }
        adam.update(trainable, learningRate());
        gradientsReady = false;
    }

    private void zeroGradients() {
        for (Pair<String, Parameter> p : trainable) {
            JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
        }
    }

    /** Mean loss over one pass of {@code source}, without gradients or dropout. */
    public LossValues evaluate(TensorBatchSource source) {
        JniUtils.setGradMode(false);
        List<LossValues> all = new ArrayList<>();
        Iterator<TensorBatch> it = source.batches(0);
        while (it.hasNext()) {
            TensorBatch batch = it.next();
            try (NDManager step = model.djlModel().getNDManager().newSubManager()) {
                NDArray x = batch.features(step);
                NDArray y = batch.targets(step);
                NDList out = model.forward(parameterStore, x, false);
                all.add(LossValues.of(loss.terms(MlpfLoss.labels(x, y), out)));
            }
        }
        return LossValues.mean(all);
    }

    /**
     * Trains for {@code config.epochs()} passes (or {@code config.maxSteps()} steps), continuing where a resumed
     * trainer stopped.
     *
     * @param validation   evaluated after every epoch, or {@code null}
     * @param checkpoints  directory of checkpoints ({@code step-NNNNNNNNN/}), or {@code null} for none
     */
    public FitResult fit(TensorBatchSource train, TensorBatchSource validation, Path checkpoints) throws IOException {
        long perEpoch = train.batchesPerEpoch();
        long target = config.maxSteps() > 0 ? config.maxSteps()
                : perEpoch < 0 ? Long.MAX_VALUE : config.epochs() * perEpoch;
        if (target == 0) {
            throw new IllegalArgumentException("the training source has no batches");
        }
        List<Double> stepLoss = new ArrayList<>();
        List<LossValues> epochLoss = new ArrayList<>();
        List<LossValues> validationLoss = new ArrayList<>();
        Path lastCheckpoint = null;
        long started = System.nanoTime();
        while (epoch < config.epochs() && step() < target) {
            Iterator<TensorBatch> it = train.batches(epoch);
            for (long skip = 0; skip < batchInEpoch && it.hasNext(); skip++) {
                it.next();
            }
            List<LossValues> losses = new ArrayList<>();
            while (it.hasNext() && step() < target) {
                double lr = learningRate();
                LossValues v = computeGradients(it.next());
                applyGradients();
                batchInEpoch++;
                losses.add(v);
                stepLoss.add(v.total());
                if (step() % config.logEvery() == 0 || step() == 1) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    LOG.info("step {}/{} epoch {} lr {} loss {} ({} steps/s)", step(), target, epoch,
                            String.format("%.3g", lr), v, String.format("%.2f", stepLoss.size() / seconds));
                }
                if (checkpoints != null && config.checkpointEvery() > 0 && step() % config.checkpointEvery() == 0) {
                    lastCheckpoint = saveCheckpoint(checkpoints);
                }
            }
            if (it.hasNext()) {
                break;
            }
            epoch++;
            batchInEpoch = 0;
            if (!losses.isEmpty()) {
                epochLoss.add(LossValues.mean(losses));
            }
            if (validation != null) {
                lastValidation = evaluate(validation);
                validationLoss.add(lastValidation);
                LOG.info("epoch {} done at step {}: train loss {}, validation loss {}", epoch, step(),
                        losses.isEmpty() ? "-" : LossValues.mean(losses), lastValidation);
            }
            if (checkpoints != null) {
                lastCheckpoint = saveCheckpoint(checkpoints);
            }
        }
        return new FitResult(step(), stepLoss, epochLoss, validationLoss, lastCheckpoint);
    }

    /**
     * Writes a checkpoint {@code step-NNNNNNNNN} (a {@link ModelDirectory} with optimizer state) into
     * {@code checkpoints}, atomically, and deletes all but the newest {@code keepCheckpoints}.
     *
     * @return the checkpoint directory
     */
    public Path saveCheckpoint(Path checkpoints) throws IOException {
        Path dir = checkpoints.resolve(String.format("%s%09d", CHECKPOINT_PREFIX, step()));
        ModelDirectory.save(model, dir, metadata(), adam.save());
        List<Path> all = checkpointsIn(checkpoints);
        for (int i = 0; i < all.size() - config.keepCheckpoints(); i++) {
            deleteRecursively(all.get(i));
        }
        LOG.info("checkpoint {}", dir);
        return dir;
    }

    /** Writes the model (without optimizer state) as a model directory. */
    public void saveModel(Path dir) throws IOException {
        ModelDirectory.save(model, dir, metadata(), null);
    }

    private TrainingMetadata metadata() {
        Map<String, String> settings = new LinkedHashMap<>(config.asSettings());
        settings.putAll(extraSettings);
        return new TrainingMetadata(step(), epoch, batchInEpoch, learningRate(),
                lastTrain == null ? java.util.Map.of() : lastTrain.asMap(),
                lastValidation == null ? java.util.Map.of() : lastValidation.asMap(), settings);
    }

    /** The newest complete checkpoint in {@code checkpoints}, if any. */
    public static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        List<Path> all = checkpointsIn(checkpoints);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static List<Path> checkpointsIn(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith(CHECKPOINT_PREFIX))
                    .filter(ModelDirectory::isModelDirectory)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Frees the optimizer state; the model stays open. */
    @Override
    public void close() {
        adam.close();
    }
}
