package org.mlpf.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.TrainingMetadata;
import org.mlpf.spark.DeviceChoice;
import org.mlpf.tensorize.NumberedBatches.Numbered;
import org.mlpf.tensorize.NumberedBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of one epoch of data-parallel training (the body of a barrier task): resumes the model and optimizer
 * from the newest checkpoint (the one rank 0 sees, so all workers agree), connects the gradient ring, then for every
 * step of the epoch computes the gradients of its own batch, all-reduces them with the other workers and takes the
 * same Adam step as every other worker; then evaluates its share of the validation split and all-reduces the sums.
 * Rank 0 writes the step and epoch metrics, a checkpoint every {@code checkpointEvery} steps and one at the end.
 * With one worker there is no exchange at all: the steps are those of the single-JVM {@link MlpfTrainer}.
 */
final class DataParallelWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DataParallelWorker.class);

    private final EpochSpec spec;
    private final Gang gang;
    private final int rank;
    private final int size;

    DataParallelWorker(EpochSpec spec, Gang gang) {
        this.spec = spec;
        this.gang = gang;
        this.rank = gang.rank();
        this.size = gang.size();
        if (size != spec.config().workers()) {
            throw new IllegalStateException("the stage has " + size + " tasks, the job " + spec.config().workers()
                    + " workers");
        }
    }

    /** Trains on the batches of {@code arrow} (this worker's partition) and reports. */
    WorkerReport run(Iterator<byte[]> arrow) {
        TrainJobConfig cfg = spec.config();
        Engine engine = Engine.getEngine(MlpfModel.ENGINE);
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(cfg.threads());
        DeviceChoice device = DeviceChoice.choose(gang.gpus(), engine::getGpuCount);
        Path dir = Path.of(spec.modelDir());
        Path checkpoints = TrainJob.checkpoints(dir);
        try (RingAllReduce ring = RingAllReduce.listen(gang.host(), rank, size, cfg.allReduceTimeout() * 1000L)) {
            String latest = rank == 0 ? MlpfTrainer.latestCheckpoint(checkpoints).map(p -> p.getFileName().toString())
                    .orElseThrow(() -> new IOException("no checkpoint in " + checkpoints)) : "-";
            List<String> gathered = gang.allGather(ring.address() + " " + latest);
            List<String> addresses = gathered.stream().map(m -> m.substring(0, m.indexOf(' '))).toList();
            Path checkpoint = checkpoints.resolve(gathered.get(0).substring(gathered.get(0).indexOf(' ') + 1));
            ring.connect(addresses, gang.token());
            LOG.info("worker {}/{} (stage attempt {}) on {} ({}), epoch {}, resuming from {}", rank, size,
                    gang.attempt(), device.device(), device.reason(), spec.epoch(), checkpoint.getFileName());
            TrainingMetadata meta = ModelDirectory.training(checkpoint);
            if (meta.epoch() > spec.epoch()) {
                return skipped(device, meta.steps());
            }
            if (meta.epoch() < spec.epoch()) {
                throw new IllegalStateException(checkpoint + " is at epoch " + meta.epoch()
                        + ", the stage trains epoch " + spec.epoch());
            }
            MlpfTrainer trainer = MlpfTrainer.resume(checkpoint, cfg.trainConfig(rank), spec.totalSteps(),
                    device.device());
            try (MlpfModel model = trainer.model(); trainer) {
                spec.settings().forEach(trainer::putSetting);
                return train(trainer, model, ring, arrow, device);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank + " of epoch " + spec.epoch() + ": " + e.getMessage(), e);
        }
    }

    private WorkerReport skipped(DeviceChoice device, long step) {
        LOG.info("worker {}: epoch {} already done (checkpoint at step {})", rank, spec.epoch(), step);
        return new WorkerReport(rank, gang.attempt(), gang.host(), device.device().toString(), true, step, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, null, step);
    }

    private WorkerReport train(MlpfTrainer trainer, MlpfModel model, RingAllReduce ring, Iterator<byte[]> arrow,
                               DeviceChoice device) throws IOException {
        TrainJobConfig cfg = spec.config();
        MetricsLog metrics = new MetricsLog(Path.of(spec.modelDir()));
        long fromStep = trainer.step();
        long stepInEpoch = fromStep - spec.firstStep();
        long expectedBatches = Math.min(stepInEpoch * size, spec.batchesPerEpoch());
        if (stepInEpoch < 0 || stepInEpoch > spec.stepsPerEpoch() || trainer.batchInEpoch() != expectedBatches) {
            throw new IllegalStateException("checkpoint at step " + fromStep + " (batch " + trainer.batchInEpoch()
                    + " of epoch " + trainer.epoch() + ") does not fit epoch " + spec.epoch() + " of "
                    + spec.stepsPerEpoch() + " steps with " + size + " workers");
        }
        List<Double> epochLosses = new ArrayList<>();
        if (rank == 0) {
            metrics.truncateAfter(fromStep);
            for (MetricsLog.Step s : metrics.steps()) {
                if (s.epoch() == spec.epoch()) {
                    epochLosses.add(s.loss());
                }
            }
        }
        GradientExchange exchange = size > 1 ? new GradientExchange(trainer.trainableParameters()) : null;
        Peeking batches = new Peeking(NumberedBatches.decode(arrow, spec.schema(), TrainingData.KEY, cfg.batch(),
                true));
        long endStep = spec.stepsThisEpoch();
        int logEvery = cfg.trainConfig(rank).logEvery();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long events = 0;
        long compute = 0;
        long apply = 0;
        long started = System.nanoTime();
        for (long s = stepInEpoch; s < endStep; s++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            Numbered mine = batchOfStep(batches, s);
            long global = spec.firstStep() + s + 1;
            if (spec.fault() != null) {
                spec.fault().check(rank, global, gang.attempt());
            }
            double lr = trainer.learningRate();
            LossValues own = mine == null ? null : trainer.computeGradients(mine.batch());
            int n = mine == null ? 0 : mine.batch().batchSize();
            events += n;
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long ringBefore = exchange == null ? 0 : exchange.ringNanos();
            long bytesBefore = ring.bytesSent();
            LossValues loss = own;
            if (exchange != null) {
                loss = exchange.allReduce(ring, own, n, model.djlModel().getNDManager());
                trainer.markGradientsSet();
            }
            long t2 = System.nanoTime();
            trainer.applyGradients();
            long t3 = System.nanoTime();
            compute += t1 - t0;
            apply += t3 - t2;
            long batchesDone = Math.min((s + 1) * size, spec.batchesPerEpoch());
            trainer.setPosition(spec.epoch(), batchesDone);
            trainer.recordLosses(loss, null);
            if (rank == 0) {
                long globalEvents = exchange == null ? n : exchange.lastEvents();
                metrics.append(new MetricsLog.Step("step", spec.epoch(), trainer.step(), lr, loss.total(),
                        loss.asMap(), globalEvents, ms(t1 - t0), ms(c1 - c0), ms(t2 - t1),
                        ms((exchange == null ? 0 : exchange.ringNanos()) - ringBefore), ring.bytesSent() - bytesBefore,
                        ms(t3 - t0)));
                epochLosses.add(loss.total());
                if (trainer.step() % logEvery == 0 || s == stepInEpoch) {
                    LOG.info("step {}/{} epoch {} lr {} loss {} (compute {} ms, all-reduce {} ms)", trainer.step(),
                            spec.totalSteps(), spec.epoch(), String.format("%.3g", lr), loss,
                            String.format("%.0f", ms(t1 - t0)), String.format("%.1f", ms(t2 - t1)));
                }
                boolean periodic = cfg.checkpointEvery() > 0 && trainer.step() % cfg.checkpointEvery() == 0;
                if (periodic && s < endStep - 1 && !gang.cancelled()) {
                    trainer.saveCheckpoint(TrainJob.checkpoints(Path.of(spec.modelDir())));
                }
            }
        }
        long loop = System.nanoTime() - started;
        long trainBytes = ring.bytesSent();
        long probe = exchange == null ? 0 : probeRing(ring, exchange.length());
        Evaluation validation = validate(model, batches, ring, cfg.loss());
        boolean complete = endStep == spec.stepsPerEpoch();
        if (rank == 0 && !gang.cancelled()) {
            LossValues valLoss = validation.events() > 0 ? validation.loss() : null;
            double trainLoss = epochLosses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            metrics.append(new MetricsLog.Epoch("epoch", spec.epoch(), trainer.step(), complete, trainLoss,
                    valLoss == null ? Double.NaN : valLoss.total(), valLoss == null ? Map.of() : valLoss.asMap(),
                    validation.accuracy(), validation.events(), (System.nanoTime() - started) / 1e9));
            LOG.info("epoch {} done at step {}: train loss {}, validation loss {}, validation accuracy {}",
                    spec.epoch(), trainer.step(), String.format("%.4g", trainLoss), valLoss,
                    String.format("%.4f", validation.accuracy()));
            trainer.setPosition(complete ? spec.epoch() + 1 : spec.epoch(), complete ? 0 : trainer.batchInEpoch());
            trainer.recordLosses(null, valLoss);
            trainer.saveCheckpoint(TrainJob.checkpoints(Path.of(spec.modelDir())));
        }
        long pack = exchange == null ? 0 : exchange.packNanos();
        long ringNs = exchange == null ? 0 : exchange.ringNanos();
        long unpack = exchange == null ? 0 : exchange.unpackNanos();
        return new WorkerReport(rank, gang.attempt(), gang.host(), device.device().toString(), false, fromStep,
                endStep - stepInEpoch, events, loop, compute, pack, ringNs, unpack, apply, trainBytes,
                exchange == null ? 0 : exchange.length(), probe, validation, trainer.step());
    }

    /** This worker's batch of step {@code s} of the epoch, or null if it has none (a short last step). */
    private Numbered batchOfStep(Peeking batches, long s) {
        while (batches.peek() != null && batches.peek().number() < TrainingData.VALIDATION_BASE
                && batches.peek().number() / size < s) {
            // batches of steps done before the checkpoint this stage resumed from
            batches.next();
        }
        Numbered b = batches.peek();
        if (b == null || b.number() >= TrainingData.VALIDATION_BASE || b.number() / size != s) {
            return null;
        }
        if (b.number() % size != rank) {
            throw new IllegalStateException("worker " + rank + " received batch " + b.number() + " of worker "
                    + b.number() % size + ": the partitioning does not follow the plan");
        }
        return batches.next();
    }

    /**
     * Time of one ring all-reduce of {@code length} floats when no worker computes (all arrive together after the
     * previous call): the transfer alone, without the wait for the slowest worker that a training step includes.
     */
    private static long probeRing(RingAllReduce ring, int length) throws IOException {
        float[] buffer = new float[length];
        ring.allReduce(buffer);
        int calls = 3;
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            ring.allReduce(buffer);
        }
        return (System.nanoTime() - t0) / calls;
    }

    private Evaluation validate(MlpfModel model, Peeking batches, RingAllReduce ring, MlpfLoss.Weights loss)
            throws IOException {
        BatchEvaluator evaluator = new BatchEvaluator(model, loss);
        Evaluation local = Evaluation.empty();
        while (batches.peek() != null) {
            Numbered b = batches.next();
            if (b.number() < TrainingData.VALIDATION_BASE) {
                continue;
            }
            long v = b.number() - TrainingData.VALIDATION_BASE;
            if (v % size != rank) {
                throw new IllegalStateException("worker " + rank + " received validation batch " + v + " of worker "
                        + v % size);
            }
            local = local.plus(evaluator.evaluate(b.batch()));
        }
        if (size == 1) {
            return local;
        }
        float[] sums = local.toFloats();
        ring.allReduce(sums);
        return Evaluation.fromFloats(sums);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** An iterator that can look one batch ahead. */
    private static final class Peeking {
        private final Iterator<Numbered> it;
        private Numbered head;

        Peeking(Iterator<Numbered> it) {
            this.it = it;
        }

        Numbered peek() {
            if (head == null && it.hasNext()) {
                head = it.next();
            }
            return head;
        }

        Numbered next() {
            Numbered n = peek();
            head = null;
            return n;
        }
    }
}
