package org.mlpf.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.config.BuildInfo;
import org.mlpf.config.ConfigException;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.TrainingMetadata;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.reflect.ClassTag$;

/**
 * The train job: data-parallel training of the MLPF model on tensorize outputs across W Spark executor slots, into a
 * model directory. Each epoch is one barrier stage of W tasks (gang-scheduled, as Spark's TorchDistributor runs
 * PyTorch): task p trains on worker p's share of the epoch's batches ({@link TrainingData}) and the workers sum their
 * gradients every step with a ring all-reduce over direct TCP connections ({@link RingAllReduce}), never through the
 * driver. Between epochs the model lives in checkpoints on a file system every executor sees: a stage starts from
 * the newest checkpoint, which also makes a failed task harmless (Spark restarts the whole stage, which resumes from
 * the last checkpoint) and makes {@code --resume} exact.
 *
 * <pre>
 *   MODEL_DIR/
 *     model.json, model-config.json, parameters.params, normalization.json, training.json   the model (inference)
 *     run.json          data version (tensors and their summaries), git commit, settings, test accuracy, timing
 *     metrics.jsonl     one JSON record per step and per epoch
 *     loss-curve.png    training and validation loss
 *     checkpoints/step-NNNNNNNNN/   checkpoints (model directory + optimizer state); best/ with early stopping
 * </pre>
 */
public final class TrainJob {
    /** Run metadata file inside the model directory. */
    public static final String RUN_FILE = "run.json";
    /** Checkpoint directory inside the model directory. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Checkpoint kept by early stopping. */
    static final String BEST = "best";

    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    private static final String ARROW_BATCH_ROWS = "spark.sql.execution.arrow.maxRecordsPerBatch";

    private TrainJob() {
    }

    /**
     * Trains on {@code tensors} into {@code modelDir}.
     *
     * @param resume continue from the newest checkpoint of {@code modelDir} (start afresh if it has none)
     * @throws InputException  if the tensors are missing, incomplete or mix targets, or {@code modelDir} exists and
     *                         {@code resume} is false
     * @throws ConfigException if the settings are inconsistent (target, slots, a checkpoint of other settings)
     */
    public static TrainSummary run(SparkSession spark, List<String> tensors, String modelDir, TrainJobConfig cfg,
                                   boolean resume) {
        return run(spark, tensors, modelDir, cfg, resume, false);
    }

    /** As {@link #run(SparkSession, List, String, TrainJobConfig, boolean)}; {@code overwrite} replaces a model dir. */
    public static TrainSummary run(SparkSession spark, List<String> tensors, String modelDir, TrainJobConfig cfg,
                                   boolean resume, boolean overwrite) {
        return run(spark, tensors, modelDir, cfg, resume, overwrite, true);
    }

    /** The job; {@code evaluateTest} false skips the test-split evaluation (benchmarks). */
    static TrainSummary run(SparkSession spark, List<String> tensors, String modelDir, TrainJobConfig cfg,
                            boolean resume, boolean overwrite, boolean evaluateTest) {
        try {
            return new Run(spark, tensors, Path.of(modelDir).toAbsolutePath().normalize(), cfg, evaluateTest)
                    .execute(resume, overwrite);
        } catch (IOException e) {
            throw new UncheckedIOException("training into " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint directory of a model directory. */
    static Path checkpoints(Path modelDir) {
        return modelDir.resolve(CHECKPOINTS);
    }

    /** {@code rows} as serialized Arrow record batches of at most {@code maxRows} rows (partitions kept). */
    static RDD<byte[]> arrow(SparkSession spark, Dataset<Row> rows, int maxRows) {
        String before = spark.conf().get(ARROW_BATCH_ROWS);
        // the Arrow converter holds a whole record batch in memory: bound it by the training batch, not 10,000 events
        spark.conf().set(ARROW_BATCH_ROWS, Integer.toString(Math.max(maxRows, 1)));
        try {
            return rows.toArrowBatchRdd();
        } finally {
            spark.conf().set(ARROW_BATCH_ROWS, before);
        }
    }

    /** One run of the job. */
    private static final class Run {
        private final SparkSession spark;
        private final List<String> tensors;
        private final Path dir;
        private final TrainJobConfig cfg;
        private final MetricsLog metrics;
        private final List<WorkerReport> reports = new ArrayList<>();
        private final List<Long> stageLoopNanos = new ArrayList<>();
        private int retriedStages;
        private final boolean evaluateTest;

        Run(SparkSession spark, List<String> tensors, Path dir, TrainJobConfig cfg, boolean evaluateTest) {
            this.evaluateTest = evaluateTest;
            this.spark = spark;
            this.tensors = tensors;
            this.dir = dir;
            this.cfg = cfg;
            this.metrics = new MetricsLog(dir);
        }

        TrainSummary execute(boolean resume, boolean overwrite) throws IOException {
            long t0 = System.nanoTime();
            // before anything is written: --overwrite would delete the very model that fine-tuning starts from
            if (cfg.fineTunes() && Path.of(cfg.initFrom()).toAbsolutePath().normalize().equals(dir)) {
                throw new ConfigException(TrainJobConfig.INIT_FROM.name() + " = " + cfg.initFrom() + " is the model "
                        + "directory being written: to continue its own training use --resume");
            }
            ModelConfig modelConfig = cfg.model();
            TrainInputs inputs = TrainInputs.open(spark, tensors, cfg.target());
            TrainingData data = new TrainingData(inputs.data());
            int w = cfg.workers();
            long batches = data.batches(TensorSchema.TRAIN, cfg.batch(), w);
            if (batches == 0) {
                throw new InputException("no training rows in " + tensors);
            }
            long perEpoch = batches / w;
            long total = cfg.epochs() * perEpoch;
            if (cfg.maxSteps() > 0) {
                total = Math.min(total, cfg.maxSteps());
            }
            Map<String, String> settings = settings(inputs, data, perEpoch, total);
            prepare(resume, overwrite);
            Path checkpoints = checkpoints(dir);
            Optional<Path> latest = MlpfTrainer.latestCheckpoint(checkpoints);
            if (latest.isEmpty()) {
                start(modelConfig, inputs, total, settings, checkpoints);
            } else {
                checkCompatible(latest.get(), settings, modelConfig);
                LOG.info("resuming from {}", latest.get());
            }
            Slots.await(spark, w);
            FaultInjection fault = FaultInjection.parse(spark.conf().get(FaultInjection.SPARK_KEY, ""));
            long samples = 0;
            while (true) {
                Path ckpt = MlpfTrainer.latestCheckpoint(checkpoints).orElseThrow();
                TrainingMetadata meta = ModelDirectory.training(ckpt);
                if (meta.epoch() >= cfg.epochs() || meta.steps() >= total || stopEarly()) {
                    break;
                }
                long fromBatch = meta.batchInEpoch();
                Dataset<Row> input = data.epochInput(meta.epoch(), cfg.seed(), cfg.batch(), w, fromBatch);
                EpochSpec spec = new EpochSpec(meta.epoch(), cfg, batches, perEpoch, total, dir.toString(),
                        input.schema(), settings, fault);
                List<WorkerReport> stage = runStage(input, spec);
                samples += stage.stream().mapToLong(WorkerReport::events).sum();
                TrainingMetadata after = ModelDirectory.training(MlpfTrainer.latestCheckpoint(checkpoints)
                        .orElseThrow());
                if (after.steps() == meta.steps() && after.epoch() == meta.epoch()) {
                    throw new IllegalStateException("epoch " + meta.epoch() + " made no progress from step "
                            + meta.steps());
                }
                keepBest();
                LossCurve.write(metrics, dir.resolve(LossCurve.FILE_NAME));
                List<MetricsLog.Epoch> done = metrics.epochs();
                if (!done.isEmpty()) {
                    MetricsLog.Epoch e = done.get(done.size() - 1);
                    LOG.info("epoch {} of {} done at step {}/{}: training loss {}, validation loss {}, validation "
                            + "accuracy {}", e.epoch() + 1, cfg.epochs(), e.step(), total,
                            String.format("%.4g", e.trainLoss()), String.format("%.4g", e.valLoss()),
                            String.format("%.4f", e.valAccuracy()));
                }
            }
            return finish(inputs, data, samples, (System.nanoTime() - t0) / 1e9, settings);
        }

        private Map<String, String> settings(TrainInputs inputs, TrainingData data, long perEpoch, long total) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("workers", Integer.toString(cfg.workers()));
            s.put("batch_per_worker", Integer.toString(cfg.batch()));
            s.put("global_batch", Integer.toString(cfg.workers() * cfg.batch()));
            s.put("steps_per_epoch", Long.toString(perEpoch));
            s.put("total_steps", Long.toString(total));
            s.put("data_seed", Long.toString(cfg.seed()));
            s.put("training_events", Long.toString(data.count(TensorSchema.TRAIN)));
            s.put("target", inputs.target());
            s.put("tensors", String.join(",", inputs.inputs().stream().map(TrainInputs.Input::path).toList()));
            s.put("init_from", cfg.initFrom());
            s.put("git_commit", BuildInfo.commit());
            return s;
        }

        private void prepare(boolean resume, boolean overwrite) throws IOException {
            boolean used = Files.isDirectory(dir) && !isEmpty(dir);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InputException(dir + " exists and is not a directory");
            }
            if (used && !resume) {
                if (!overwrite) {
                    throw new InputException("model directory exists: " + dir + " (use --resume to continue its "
                            + "training, or --overwrite to start over)");
                }
                LOG.info("removing the existing model directory {}", dir);
                deleteRecursively(dir);
            }
            if (resume && MlpfTrainer.latestCheckpoint(checkpoints(dir)).isEmpty()) {
                LOG.info("--resume: no checkpoint in {}, starting afresh", checkpoints(dir));
                if (used) {
                    deleteRecursively(dir);
                }
            }
            Files.deleteIfExists(dir.resolve(OutputDir.SUCCESS)); // unfinished again until this run ends
            Files.createDirectories(checkpoints(dir));
        }

        /**
         * Creates the initial model on the driver and writes it as checkpoint 0, which every worker loads: a fresh
         * one, or with {@code mlpf.train.init-from} the trained model's parameters and its normalization (the
         * network's weights are tuned to the inputs as that model normalized them; the new tensors' statistics would
         * shift every input under it).
         */
        private void start(ModelConfig modelConfig, TrainInputs inputs, long total, Map<String, String> settings,
                           Path checkpoints) throws IOException {
            try (MlpfModel model = cfg.fineTunes() ? initialModel(modelConfig)
                    : MlpfModel.create(modelConfig, inputs.stats());
                    MlpfTrainer trainer = new MlpfTrainer(model, cfg.trainConfig(0), total)) {
                settings.forEach(trainer::putSetting);
                Path p = trainer.saveCheckpoint(checkpoints);
                LOG.info("initial model ({} trainable parameters{}) written to {}", model.trainableParameterCount(),
                        cfg.fineTunes() ? ", from " + cfg.initFrom() : "", p);
            }
            Files.deleteIfExists(metrics.file());
        }

        /** The trained model that fine-tuning starts from. */
        private MlpfModel initialModel(ModelConfig modelConfig) throws IOException {
            Path from = Path.of(cfg.initFrom()).toAbsolutePath().normalize();
            try {
                MlpfModel m = MlpfModel.load(from);
                if (!m.config().equals(modelConfig)) {
                    m.close();
                    throw new IOException("its model configuration changed while being read");
                }
                return m;
            } catch (IOException e) {
                throw new InputException("cannot fine-tune from " + from + ": " + e.getMessage(), e);
            }
        }

        /** A checkpoint made with other settings cannot continue: the data order or the schedule would differ. */
        private void checkCompatible(Path checkpoint, Map<String, String> settings, ModelConfig modelConfig)
                throws IOException {
            ModelConfig savedModel = ModelConfig.read(checkpoint.resolve(ModelConfig.FILE_NAME));
            if (!savedModel.equals(modelConfig)) {
                throw new CheckpointMismatchException("cannot resume " + dir + ": its checkpoint "
                        + checkpoint.getFileName() + " has another model configuration than "
                        + TrainJobConfig.MODEL_CONFIG.name() + " = " + cfg.modelConfig()
                        + " (resume with the same settings and data)");
            }
            Map<String, String> saved = ModelDirectory.training(checkpoint).settings();
            for (String k : List.of("workers", "batch_per_worker", "steps_per_epoch", "total_steps", "data_seed",
                    "learning_rate", "target", "tensors", "init_from", "momentum_loss", "pt_weight")) {
                String want = k.equals("learning_rate") || k.equals("momentum_loss") || k.equals("pt_weight")
                        ? cfg.trainConfig(0).asSettings().get(k) : settings.get(k);
                if (saved.containsKey(k) && !saved.get(k).equals(want)) {
                    throw new CheckpointMismatchException("cannot resume " + dir + ": its checkpoint "
                            + checkpoint.getFileName() + " was trained with " + k + " = " + saved.get(k) + ", this run has " + want
                            + " (resume with the same settings and data)");
                }
            }
        }

        private List<WorkerReport> runStage(Dataset<Row> input, EpochSpec spec) {
            SparkContext sc = spark.sparkContext();
            RDD<byte[]> arrow = arrow(spark, input, cfg.batch());
            String interrupt = sc.getLocalProperty("spark.job.interruptOnCancel");
            String description = sc.getLocalProperty("spark.job.description");
            // a failed worker must not leave its peers blocked in the ring: Spark interrupts them when it cancels
            sc.setLocalProperty("spark.job.interruptOnCancel", "true");
            sc.setJobDescription("mlpf train: epoch " + spec.epoch() + " on " + cfg.workers() + " workers");
            try {
                RDD<WorkerReport> out = arrow.barrier().mapPartitions(new EpochTask(spec), false,
                        ClassTag$.MODULE$.apply(WorkerReport.class));
                // a shuffle after the barrier stage: Spark retries a failed barrier ShuffleMapStage, not a ResultStage
                List<WorkerReport> r = new ArrayList<>(out.toJavaRDD().repartition(1).collect());
                r.sort(Comparator.comparingInt(WorkerReport::rank));
                reports.addAll(r);
                stageLoopNanos.add(r.stream().mapToLong(WorkerReport::loopNanos).max().orElse(0));
                if (r.stream().anyMatch(x -> x.attempt() > 0)) {
                    retriedStages++;
                }
                for (WorkerReport w : r) {
                    LOG.info("epoch {} worker {} (attempt {}, {} on {}): {} steps from step {}, {} events, compute {} "
                            + "ms, all-reduce {} ms ({} MB sent)", spec.epoch(), w.rank(), w.attempt(), w.device(),
                            w.host(), w.steps(), w.fromStep(), w.events(), w.computeNanos() / 1_000_000,
                            w.allReduceNanos() / 1_000_000, w.bytesSent() / 1_000_000);
                }
                return r;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown anyway
                throw new IllegalStateException("epoch " + spec.epoch() + " failed after Spark's stage retries (the "
                        + "checkpoints in " + checkpoints(dir) + " are kept: rerun with --resume): " + firstLine(e), e);
            } finally {
                sc.setLocalProperty("spark.job.interruptOnCancel", interrupt);
                sc.setJobDescription(description);
            }
        }

        private List<Double> validationLosses() throws IOException {
            return metrics.epochs().stream().map(MetricsLog.Epoch::valLoss).toList();
        }

        private boolean stopEarly() throws IOException {
            return EarlyStopping.shouldStop(validationLosses(), cfg.patience());
        }

        /** With early stopping, copies the checkpoint of a new best epoch to {@code checkpoints/best}. */
        private void keepBest() throws IOException {
            if (cfg.patience() == 0) {
                return;
            }
            List<MetricsLog.Epoch> epochs = metrics.epochs();
            int best = EarlyStopping.best(epochs.stream().map(MetricsLog.Epoch::valLoss).toList());
            if (best < 0 || best != epochs.size() - 1) {
                return;
            }
            Path source = checkpoints(dir).resolve(String.format("step-%09d", epochs.get(best).step()));
            Path tmp = checkpoints(dir).resolve("." + BEST + ".tmp-" + UUID.randomUUID());
            copyTree(source, tmp);
            Path target = checkpoints(dir).resolve(BEST);
            Path old = checkpoints(dir).resolve("." + BEST + ".old-" + UUID.randomUUID());
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        }

        private TrainSummary finish(TrainInputs inputs, TrainingData data, long samples, double seconds,
                                    Map<String, String> settings) throws IOException {
            List<MetricsLog.Epoch> epochs = metrics.epochs();
            List<Double> valLoss = epochs.stream().map(MetricsLog.Epoch::valLoss).toList();
            boolean stopped = EarlyStopping.shouldStop(valLoss, cfg.patience());
            Path source = MlpfTrainer.latestCheckpoint(checkpoints(dir)).orElseThrow();
            int kept = epochs.size() - 1;
            if (cfg.patience() > 0 && Files.isDirectory(checkpoints(dir).resolve(BEST))) {
                source = checkpoints(dir).resolve(BEST);
                kept = EarlyStopping.best(valLoss);
            }
            publish(source);
            LOG.info("model written to {} (from {})", dir, source.getFileName());
            Evaluation test = !evaluateTest || data.count(TensorSchema.TEST) == 0 ? Evaluation.empty()
                    : ModelEvaluation.run(spark, data.test(), dir, cfg.batch(), cfg.threads(), cfg.loss());
            List<MetricsLog.Step> steps = metrics.steps();
            long stepsRun = reports.stream().filter(r -> r.rank() == 0).mapToLong(WorkerReport::steps).sum();
            double stepMs = mean(reports, WorkerReport::loopNanos, stepsRun);
            double allReduceMs = mean(reports, WorkerReport::allReduceNanos, stepsRun);
            double ringMs = mean(reports, WorkerReport::ringNanos, stepsRun);
            double ringIdleMs = reports.stream().filter(r -> r.rank() == 0 && r.ringIdleNanos() > 0)
                    .mapToLong(WorkerReport::ringIdleNanos).average().orElse(0) / 1e6;
            long bytes = stepsRun == 0 ? 0 : reports.stream().filter(r -> r.rank() == 0)
                    .mapToLong(WorkerReport::bytesSent).sum() / stepsRun;
            double loopSeconds = stageLoopNanos.stream().mapToLong(Long::longValue).sum() / 1e9;
            List<String> devices = new ArrayList<>();
            for (int r = 0; r < cfg.workers(); r++) {
                int rank = r;
                devices.add(reports.stream().filter(x -> x.rank() == rank).map(WorkerReport::device).reduce((a, b) -> b)
                        .orElse("-"));
            }
            double finalTrain = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).trainLoss();
            double valAccuracy = kept >= 0 && kept < epochs.size() ? epochs.get(kept).valAccuracy() : Double.NaN;
            TrainSummary summary = new TrainSummary(dir.toString(), cfg.workers(), devices,
                    steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step(), (int) epochs.stream()
                    .filter(MetricsLog.Epoch::complete).count(), stopped, kept, samples, seconds, loopSeconds,
                    loopSeconds > 0 ? samples / loopSeconds : 0, stepMs, allReduceMs, ringMs, ringIdleMs, bytes,
                    valLoss,
                    finalTrain, valAccuracy, test.elements() == 0 ? Double.NaN : test.accuracy(),
                    test.mostCommonClass(), test.mostCommonClassAccuracy(), test.elements(), retriedStages);
            writeRunInfo(inputs, settings, summary, test, source);
            LossCurve.write(metrics, dir.resolve(LossCurve.FILE_NAME));
            // last: the marker the pipeline (and any reader) takes for a finished model directory
            Files.writeString(dir.resolve(OutputDir.SUCCESS), "", StandardCharsets.UTF_8);
            return summary;
        }

        private static double mean(List<WorkerReport> reports, java.util.function.ToLongFunction<WorkerReport> f,
                                   long steps) {
            return steps == 0 ? 0 : reports.stream().filter(r -> r.rank() == 0).mapToLong(f).sum() / 1e6 / steps;
        }

        /**
         * Writes the model of {@code checkpoint} (without optimizer state) into the model directory: the files go
         * through a staging directory and the manifest ({@code model.json}) moves in last, so that a reader finds
         * no model or a complete one.
         */
        private void publish(Path checkpoint) throws IOException {
            Path staging = dir.resolve(".publish");
            deleteRecursively(staging);
            try (MlpfModel model = MlpfModel.load(checkpoint)) {
                ModelDirectory.save(model, staging, ModelDirectory.training(checkpoint), null);
            }
            Files.deleteIfExists(dir.resolve(ModelDirectory.MANIFEST));
            try (Stream<Path> files = Files.list(staging)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().equals(ModelDirectory.MANIFEST)).toList()) {
                    Files.move(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(staging.resolve(ModelDirectory.MANIFEST), dir.resolve(ModelDirectory.MANIFEST),
                    StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(staging);
        }

        private void writeRunInfo(TrainInputs inputs, Map<String, String> settings, TrainSummary summary,
                                  Evaluation test, Path source) throws IOException {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("format", "mlpf-train-run");
            run.put("version", 1);
            run.put("created_at", Instant.now().toString());
            run.put("mlpf_version", BuildInfo.version());
            run.put("git_commit", BuildInfo.commit());
            run.put("djl_version", BuildInfo.djlVersion());
            run.put("pytorch_version", BuildInfo.pytorchVersion());
            List<Map<String, Object>> data = new ArrayList<>();
            for (TrainInputs.Input in : inputs.inputs()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("path", in.path());
                d.put("summary", in.summary());
                d.put("normalization_elements", in.stats().count());
                data.add(d);
            }
            run.put("tensors", data);
            run.put("target", inputs.target());
            run.put("config", cfg);
            run.put("settings", settings);
            run.put("model_from", source.getFileName().toString());
            run.put("summary", summary);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("elements", test.elements());
            t.put("events", test.events());
            t.put("accuracy", test.elements() == 0 ? null : test.accuracy());
            t.put("most_common_class", test.mostCommonClass());
            t.put("most_common_class_accuracy", test.mostCommonClassAccuracy());
            t.put("loss", test.events() == 0 ? null : test.loss().asMap());
            t.put("confusion_target_by_predicted", test.confusion());
            run.put("test", t);
            String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                    .serializeSpecialFloatingPointValues().serializeNulls().create().toJson(run);
            Path tmp = dir.resolve("." + RUN_FILE + ".tmp-" + UUID.randomUUID());
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(RUN_FILE), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}
