package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;
import org.mlpf.physics.ParticleClass;

/** The small pieces of the train job: config, early stopping, evaluation sums, metrics log, local-cluster settings. */
class TrainPartsTest {
    @TempDir
    Path tmp;

    @Test
    void configNamesTheBadKeyAndDerivesPerWorkerSeeds() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.defaults()
                .with("mlpf.train.workers", "0", "test"));
        assertTrue(e.getMessage().contains("mlpf.train.workers") && e.getMessage().contains("[1, 1024]"),
                e.getMessage());
        TrainJobConfig c = TrainJobConfig.defaults();
        assertEquals(c.seed(), c.trainConfig(0).seed(), "rank 0 drops out like the single-JVM trainer");
        assertNotEquals(c.trainConfig(0).seed(), c.trainConfig(1).seed(), "other ranks draw other dropout masks");
        assertEquals(c.learningRate(), c.trainConfig(1).learningRate());
        ConfigException bad = assertThrows(ConfigException.class, () -> c.withModelConfig(tmp.resolve("none.json")
                .toString()).model());
        assertTrue(bad.getMessage().startsWith("bad value '" + tmp.resolve("none.json")
                + "' for mlpf.train.model-config"), bad.getMessage());
        assertEquals(org.mlpf.model.ModelConfig.acat2021(), c.model(), "the default is the ACAT 2021 model");
    }

    @Test
    void theMomentumLossReachesTheTrainerOfEveryRankAndItsMetadata() {
        TrainJobConfig c = TrainJobConfig.from(Settings.defaults().with("mlpf.train.momentum-loss", "log", "test"));
        for (int rank : new int[] {0, 1}) {
            assertEquals(MlpfLoss.Momentum.LOG, c.trainConfig(rank).loss().momentum());
            assertEquals(100, c.trainConfig(rank).loss().pt());
        }
        assertEquals("log", c.trainConfig(0).asSettings().get("momentum_loss"));
        assertEquals(MlpfLoss.Momentum.ABSOLUTE, TrainJobConfig.defaults().trainConfig(0).loss().momentum());
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.defaults()
                .with("mlpf.train.momentum-loss", "relative", "test"));
        assertTrue(e.getMessage().contains("mlpf.train.momentum-loss"), e.getMessage());
    }

    @Test
    void earlyStoppingWaitsForPatienceEpochsWithoutImprovement() {
        assertFalse(EarlyStopping.shouldStop(List.of(5.0, 4.0, 4.5), 2));
        assertTrue(EarlyStopping.shouldStop(List.of(5.0, 4.0, 4.5, 4.1), 2));
        assertFalse(EarlyStopping.shouldStop(List.of(5.0, 6.0, 7.0), 0), "patience 0 is off");
        assertEquals(1, EarlyStopping.best(List.of(5.0, 4.0, Double.NaN, 4.5)));
        assertEquals(-1, EarlyStopping.best(List.of(Double.NaN)));
    }

    @Test
    void evaluationSumsGiveLossPerEventAccuracyAndTheMostCommonClassBaseline() {
        long[] c1 = new long[ParticleClass.COUNT * ParticleClass.COUNT];
        c1[0] = 6; // target 0 predicted 0
        c1[1] = 2; // target 0 predicted 1
        c1[ParticleClass.COUNT + 1] = 3; // target 1 predicted 1
        Evaluation a = Evaluation.ofBatch(new LossValues(new double[] {1, 0, 0, 0, 0, 0, 0}), 2, c1);
        Evaluation b = Evaluation.ofBatch(new LossValues(new double[] {4, 0, 0, 0, 0, 0, 0}), 1, new long[64]);
        Evaluation sum = a.plus(b);
        assertEquals(3, sum.events());
        assertEquals(2.0, sum.loss().total(), 1e-12, "(1 x 2 + 4 x 1) / 3 events");
        assertEquals(9.0 / 11, sum.accuracy(), 1e-12);
        assertEquals(0, sum.mostCommonClass());
        assertEquals(8.0 / 11, sum.mostCommonClassAccuracy(), 1e-12);
        assertEquals(sum, Evaluation.fromFloats(sum.toFloats()));
    }

    @Test
    void metricsAfterACheckpointAreDroppedOnRestart() throws Exception {
        MetricsLog log = new MetricsLog(tmp);
        for (long s = 1; s <= 5; s++) {
            log.append(new MetricsLog.Step("step", 0, s, 1e-3, 10.0 / s, Map.of("cls", 1.0), 4, 1, 1, 0, 0, 0, 1));
        }
        log.append(new MetricsLog.Epoch("epoch", 0, 5, true, 3, 2, Map.of(), 0.5, 10, 1));
        log.truncateAfter(3);
        assertEquals(List.of(1L, 2L, 3L), log.steps().stream().map(MetricsLog.Step::step).toList());
        assertTrue(log.epochs().isEmpty());
        Files.writeString(log.file(), Files.readString(log.file()) + "{\"type\":\"st");
        log.truncateAfter(2);
        assertEquals(2, log.steps().size(), "a line cut by a crash is dropped too");
    }

    @Test
    void localClusterMastersGetTheExecutorSettingsTheyNeed() throws Exception {
        Settings local = Settings.defaults().with("spark.master", "local[2]", "test");
        assertEquals(local.entries(), LocalClusterSettings.prepare(local, Map.of(), "a.jar").entries());
        Settings lc = Settings.defaults().with("spark.master", "local-cluster[2,1,1024]", "test");
        ConfigException e = assertThrows(ConfigException.class, () -> LocalClusterSettings.prepare(lc, Map.of(),
                "a.jar"));
        assertTrue(e.getMessage().contains("SPARK_HOME"), e.getMessage());
        Files.createDirectories(tmp.resolve("jars"));
        Settings s = LocalClusterSettings.prepare(lc.with("spark.executor.memory", "2g", "test"),
                Map.of("SPARK_HOME", tmp.toString()), "target/classes" + File.pathSeparator + "/abs/b.jar");
        assertEquals(Path.of("target/classes").toAbsolutePath() + File.pathSeparator + "/abs/b.jar",
                s.raw("spark.executor.extraClassPath").orElseThrow());
        assertEquals("2.12", s.raw("spark.executorEnv.SPARK_SCALA_VERSION").orElseThrow());
        assertEquals("2g", s.raw("spark.executor.memory").orElseThrow(), "explicit settings win");
        assertTrue(s.raw("spark.executor.extraJavaOptions").orElseThrow().contains("--add-opens"));
        assertNull(s.raw("spark.executorEnv.MALLOC_TOP_PAD_").orElse(null));
    }

    @Test
    void faultSpecificationsParse() {
        assertNull(FaultInjection.parse(""));
        assertEquals(new FaultInjection(1, 5, false), FaultInjection.parse("1:5"));
        assertEquals(new FaultInjection(0, 7, true), FaultInjection.parse("0:7:always"));
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("1:5:sometimes"));
    }

    @Test
    void partitionValuesLandInTheirOwnPartition() {
        for (int w : new int[] {1, 2, 3, 8}) {
            int[] v = TrainingData.partitionValues(w);
            for (int p = 0; p < w; p++) {
                assertEquals(p, Math.floorMod(org.apache.spark.unsafe.hash.Murmur3_x86_32.hashInt(v[p], 42), w));
            }
        }
    }
}
