package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.BuildInfo;
import org.mlpf.config.ConfigException;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.tensorize.TensorDatasetSource;
import org.mlpf.testing.TestSpark;

/**
 * The distributed trainer on the test JVM's local[2] session: W = 1 against the single-JVM trainer, W = 2 (two
 * barrier tasks in one JVM, a real TCP ring between them) against one worker with the combined batch, a worker
 * failing mid-epoch, resuming a failed run, and the model directory's contents.
 */
class TrainJobTest {
    private static TrainFixtures.Shared data;
    private static Map<String, float[]> uninterruptedTwoWorkers;
    private static TrainSummary straightSummary;
    private static Path straightDir;

    @TempDir
    static Path sharedTmp;

    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    @BeforeAll
    static void inputs() throws Exception {
        data = TrainFixtures.shared(TestSpark.session());
    }

    @AfterEach
    void noFault() {
        spark.conf().unset(FaultInjection.SPARK_KEY);
    }

    private static TrainJobConfig config(int workers, int batch, int epochs) {
        return TrainJobConfig.defaults().withWorkers(workers).withBatch(batch).withLength(epochs, 0)
                .withModelConfig(data.tinyConfig().toString()).withCheckpointEvery(3);
    }

    private TrainSummary train(TrainJobConfig cfg, Path dir, boolean resume) {
        return TrainJob.run(spark, List.of(data.ttbar().toString()), dir.toString(), cfg, resume);
    }

    private TrainSummary train(TrainJobConfig cfg, Path dir, boolean resume, boolean overwrite) {
        return TrainJob.run(spark, List.of(data.ttbar().toString()), dir.toString(), cfg, resume, overwrite);
    }

    /** Parameters after an epoch of 2 workers with batches of 2, without failures (computed once). */
    private Map<String, float[]> uninterruptedTwoWorkers() throws Exception {
        if (uninterruptedTwoWorkers == null) {
            Path dir = sharedTmp.resolve("straight");
            // early stopping on (it never triggers in one epoch): the model is published from checkpoints/best
            TrainSummary s = train(config(2, 2, 1).withPatience(1), dir, false);
            assertEquals(0, s.retriedStages());
            uninterruptedTwoWorkers = TrainFixtures.parameters(dir);
            straightSummary = s;
            straightDir = dir;
        }
        return uninterruptedTwoWorkers;
    }

    @Test
    void oneWorkerRepeatsTheSingleJvmTrainerExactly() throws Exception {
        TrainJobConfig cfg = config(1, 4, 2);
        TrainSummary s = train(cfg, tmp.resolve("model"), false);
        TensorDatasetSource train = new TensorDatasetSource(spark, List.of(data.ttbar().toString()),
                TensorSchema.TRAIN, 4, cfg.seed(), true);
        Map<String, float[]> single;
        // intra-op threads are set per thread (OpenMP): the same count as the worker, for the same reduction order
        JniUtils.setNumThreads(cfg.threads());
        try (MlpfModel m = MlpfModel.create(TrainFixtures.tiny(),
                NormalizationStats.read(data.ttbar().resolve(NormalizationStats.FILE_NAME)));
                MlpfTrainer t = new MlpfTrainer(m, cfg.trainConfig(0), 2 * train.batchesPerEpoch())) {
            FitResult r = t.fit(train, null, null);
            assertEquals(r.steps(), s.steps());
            single = TrainFixtures.parameters(m);
        }
        assertEquals(0.0, TrainFixtures.maxDiff(single, TrainFixtures.parameters(tmp.resolve("model"))),
                "one distributed worker takes the single-JVM trainer's steps bit for bit");
        assertEquals(2, s.epochs());
        assertEquals(2, s.validationLoss().size());
        assertEquals(List.of("cpu()"), s.devices());
    }

    @Test
    void twoWorkersMatchOneWorkerWithTheCombinedBatch() throws Exception {
        Map<String, float[]> twoWorkers = uninterruptedTwoWorkers();
        TrainSummary two = straightSummary;
        TrainSummary one = train(config(1, 4, 1), tmp.resolve("one"), false);
        assertEquals(one.steps(), two.steps(), "the same steps: each of W batches of B is one batch of W x B");
        double d = TrainFixtures.maxDiff(TrainFixtures.parameters(tmp.resolve("one")), twoWorkers);
        assertTrue(d < 1e-5, "parameters after " + one.steps() + " steps differ by " + d);
        assertEquals(one.validationLoss().get(0), two.validationLoss().get(0), 1e-3 * one.validationLoss().get(0));
        assertTrue(two.bytesPerStep() > 4L * 23_701, "each worker sends its gradients' size: " + two.bytesPerStep());
        assertEquals(0, one.bytesPerStep(), "one worker exchanges nothing");
    }

    @Test
    void aWorkerFailingMidEpochIsRetriedAndTrainingGoesOnFromTheLastCheckpoint() throws Exception {
        Map<String, float[]> straight = uninterruptedTwoWorkers();
        Path dir = tmp.resolve("faulty");
        // worker 1 fails before step 5 in the stage's first attempt; the newest checkpoint then is step 3
        spark.conf().set(FaultInjection.SPARK_KEY, "1:5");
        TrainSummary s = train(config(2, 2, 1), dir, false);
        assertEquals(1, s.retriedStages());
        assertEquals(0.0, TrainFixtures.maxDiff(straight, TrainFixtures.parameters(dir)),
                "the retried stage resumes from the checkpoint and repeats the same steps");
        List<Long> steps = new MetricsLog(dir).steps().stream().map(MetricsLog.Step::step).toList();
        assertEquals(s.steps(), steps.size(), "one metrics record per step, none repeated: " + steps);
        assertEquals(1L, steps.get(0));
        assertEquals(s.steps(), (long) steps.get(steps.size() - 1));
    }

    @Test
    void resumingAFailedRunEndsWithTheParametersOfAnUninterruptedOne() throws Exception {
        Map<String, float[]> straight = uninterruptedTwoWorkers();
        Path dir = tmp.resolve("resumed");
        // worker 0 fails before step 7 in every attempt: the job fails; the newest checkpoint is step 6
        spark.conf().set(FaultInjection.SPARK_KEY, "0:7:always");
        assertThrows(RuntimeException.class, () -> train(config(2, 2, 1), dir, false));
        assertFalse(ModelDirectory.isModelDirectory(dir), "a failed run publishes no model");
        spark.conf().unset(FaultInjection.SPARK_KEY);
        InputException exists = assertThrows(InputException.class, () -> train(config(2, 2, 1), dir, false));
        assertTrue(exists.getMessage().contains("--resume"), exists.getMessage());
        ConfigException other = assertThrows(CheckpointMismatchException.class,
                () -> train(config(2, 3, 1), dir, true));
        assertTrue(other.getMessage().contains("batch_per_worker = 2"), other.getMessage());
        Path wider = tmp.resolve("wider-model-config.json");
        SyntheticEvents.tinyConfigFor(1024).write(wider);
        ConfigException model = assertThrows(CheckpointMismatchException.class,
                () -> train(config(2, 2, 1).withModelConfig(wider.toString()), dir, true));
        assertTrue(model.getMessage().contains("another model configuration"), model.getMessage());
        train(config(2, 2, 1), dir, true);
        assertEquals(0.0, TrainFixtures.maxDiff(straight, TrainFixtures.parameters(dir)),
                "resumed from the last checkpoint with the same data order and seeds");
    }

    @Test
    void theModelDirectoryHoldsWhatInferenceAndBookkeepingNeed() throws Exception {
        uninterruptedTwoWorkers();
        Path dir = straightDir;
        TrainSummary s = straightSummary;
        try (MlpfModel m = MlpfModel.load(dir)) {
            assertEquals(TrainFixtures.tiny(), m.config());
            NormalizationStats stats = NormalizationStats.read(data.ttbar().resolve(NormalizationStats.FILE_NAME));
            assertArrayEquals(stats.means(), m.normalization().means(), "the tensors' statistics");
        }
        assertEquals(s.steps(), ModelDirectory.training(dir).steps());
        assertTrue(ModelDirectory.optimizerState(dir).isEmpty(), "the published model has no optimizer state");
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve(TrainJob.RUN_FILE))).getAsJsonObject();
        assertEquals(BuildInfo.commit(), run.get("git_commit").getAsString());
        JsonObject input = run.getAsJsonArray("tensors").get(0).getAsJsonObject();
        assertEquals(data.ttbar().toAbsolutePath().toString(), input.get("path").getAsString());
        assertEquals("gen", input.getAsJsonObject("summary").get("target").getAsString());
        assertEquals(s.testElements(), run.getAsJsonObject("test").get("elements").getAsLong());
        assertEquals(TrainJob.BEST, run.get("model_from").getAsString());
        assertEquals(0, s.bestEpoch());
        assertTrue(ModelDirectory.isModelDirectory(dir.resolve(TrainJob.CHECKPOINTS).resolve(TrainJob.BEST)));
        assertTrue(s.testElements() > 0 && s.testAccuracy() >= 0 && s.testAccuracy() <= 1);
        MetricsLog log = new MetricsLog(dir);
        assertEquals(s.steps(), log.steps().size());
        assertEquals(List.of(s.steps()), log.epochs().stream().map(MetricsLog.Epoch::step).toList());
        byte[] png = Files.readAllBytes(dir.resolve(LossCurve.FILE_NAME));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        Map<String, String> settings = ModelDirectory.training(dir).settings();
        assertEquals("2", settings.get("workers"));
        assertEquals("4", settings.get("global_batch"));
        assertEquals(BuildInfo.commit(), settings.get("git_commit"));
        assertEquals(List.of("cpu()", "cpu()"), s.devices());
    }

    @Test
    void severalTensorsOutputsAreReadTogetherWithMergedStatistics() throws Exception {
        Path qcd = TrainFixtures.qcd(spark);
        TrainInputs in = TrainInputs.open(spark, List.of(data.ttbar().toString(), qcd.toString()), "gen");
        NormalizationStats merged = NormalizationStats.read(data.ttbar().resolve(NormalizationStats.FILE_NAME))
                .merge(NormalizationStats.read(qcd.resolve(NormalizationStats.FILE_NAME)));
        assertEquals(merged.count(), in.stats().count());
        assertArrayEquals(merged.means(), in.stats().means());
        assertArrayEquals(merged.stds(), in.stats().stds());
        TrainingData both = new TrainingData(in.data());
        assertEquals(40 + 16, both.count(TensorSchema.TRAIN) + both.count(TensorSchema.VALIDATION)
                + both.count(TensorSchema.TEST));
        InputException twice = assertThrows(InputException.class, () -> TrainInputs.open(spark,
                List.of(data.ttbar().toString(), data.ttbar().toString()), "auto"));
        assertTrue(twice.getMessage().endsWith("given twice"), twice.getMessage());
    }

    @Test
    void fineTuningStartsFromTheTrainedModelWithItsNormalization() throws Exception {
        Path source = tmp.resolve("source");
        train(config(1, 4, 1), source, false);
        Map<String, float[]> trained = TrainFixtures.parameters(source);
        Path tuned = tmp.resolve("tuned");
        // other data (qcd, other normalization statistics), one step: Adam's first step moves a weight by at most
        // the learning rate, a fresh initialization by far more
        TrainJobConfig ft = config(1, 4, 1).withLength(1, 1).withInitFrom(source.toString());
        TrainSummary s = TrainJob.run(spark, List.of(TrainFixtures.qcd(spark).toString()), tuned.toString(), ft,
                false);
        assertEquals(1, s.steps());
        double moved = TrainFixtures.maxDiff(trained, TrainFixtures.parameters(tuned));
        assertTrue(moved > 0 && moved <= 2e-3 * 1.01, "one step of lr 2e-3 from the trained weights: " + moved);
        try (MlpfModel fresh = MlpfModel.create(TrainFixtures.tiny(), null)) {
            assertTrue(TrainFixtures.maxDiff(trained, TrainFixtures.parameters(fresh)) > 0.05, "not a fresh model");
        }
        NormalizationStats kept = NormalizationStats.read(tuned.resolve(NormalizationStats.FILE_NAME));
        assertArrayEquals(NormalizationStats.read(source.resolve(NormalizationStats.FILE_NAME)).means(), kept.means(),
                "the trained model's normalization, not the new tensors'");
        assertFalse(java.util.Arrays.equals(NormalizationStats.read(TrainFixtures.qcd(spark)
                .resolve(NormalizationStats.FILE_NAME)).means(), kept.means()), "the fixture's two samples differ");
        assertEquals(source.toString(), ModelDirectory.training(tuned).settings().get("init_from"));
    }

    @Test
    void fineTuningNeedsAModelDirectoryOtherThanItsOwn() {
        TrainJobConfig missing = config(1, 4, 1).withInitFrom(tmp.resolve("nothing").toString());
        ConfigException e = assertThrows(ConfigException.class, () -> train(missing, tmp.resolve("m"), false));
        assertTrue(e.getMessage().startsWith("bad value '" + tmp.resolve("nothing") + "' for mlpf.train.init-from"),
                e.getMessage());
        Path own = tmp.resolve("own");
        train(config(1, 4, 1), own, false);
        ConfigException self = assertThrows(ConfigException.class,
                () -> train(config(1, 4, 1).withInitFrom(own.toString()), own, false, true));
        assertTrue(self.getMessage().contains("use --resume"), self.getMessage());
        assertTrue(Files.isRegularFile(own.resolve(ModelConfig.FILE_NAME)), "the model is still there");
    }

    @Test
    void aTargetOtherThanTheTensorsIsRefusedBeforeAnyWork() {
        TrainJobConfig cfg = new TrainJobConfig(1, 1, 4, 2e-3, 0, 0, 3, 0, 1, "cand", 1, 600,
                data.tinyConfig().toString(), TrainJobConfig.NONE, "absolute", 0);
        ConfigException e = assertThrows(ConfigException.class, () -> train(cfg, tmp.resolve("m"), false));
        assertEquals("--target cand does not match the tensors: " + data.ttbar() + " was tensorized with target gen "
                + "(summary.json); train with --target gen or tensorize again with --target cand", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));
        InputException missing = assertThrows(InputException.class, () -> TrainJob.run(spark,
                List.of(tmp.resolve("absent").toString()), tmp.resolve("m").toString(), cfg, false));
        assertTrue(missing.getMessage().endsWith("absent: no such tensors directory"), missing.getMessage());
    }

    @Test
    void tooManyWorkersForTheMasterIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> train(config(3, 2, 1), tmp.resolve("m"),
                false));
        assertTrue(e.getMessage().startsWith("3 training workers need 3 task slots at once, master local[2] has 2"),
                e.getMessage());
    }
}
