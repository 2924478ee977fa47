package org.mlpf.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.testing.StandaloneCluster;
import org.mlpf.testing.TestSpark;
import org.mlpf.train.FaultInjection;
import org.mlpf.train.TrainFixtures;
import org.mlpf.train.TrainJob;
import org.mlpf.train.TrainJobConfig;
import org.mlpf.train.TrainSummary;

/**
 * {@code mlpf train} with spark-submit on a standalone cluster of two one-core workers: two executor JVMs, one
 * worker each, gradients all-reduced over TCP between them; one worker fails on purpose mid-epoch and Spark retries
 * the stage from the last checkpoint. The parameters must match one local worker training on the combined batches.
 */
class DistributedTrainingIT {
    @TempDir
    static Path tmp;

    private static StandaloneCluster cluster;
    private static TrainFixtures.Shared data;

    @BeforeAll
    static void startCluster() throws Exception {
        // the cluster's JVMs start while this JVM makes the tensors
        CompletableFuture<StandaloneCluster> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneCluster.start(tmp, 2, 1, "2g");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        data = TrainFixtures.shared(TestSpark.session());
        cluster = starting.get(300, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoExecutorsTrainLikeOneWorkerWithTheCombinedBatchThroughAWorkerFailure() throws Exception {
        Path clusterModel = tmp.resolve("model-cluster");
        StandaloneCluster.Result r = cluster.submit(List.of("--spark-conf", "spark.executor.memory=1g",
                "--spark-conf", "spark.executor.cores=1", "--spark-conf", FaultInjection.SPARK_KEY + "=1:3",
                "train", "--in", data.ttbar().toString(), "--model-dir", clusterModel.toString(), "--workers", "2",
                "--batch", "2", "--epochs", "1", "--set", "mlpf.train.checkpoint-every=2",
                "--set", "mlpf.train.model-config=" + data.tinyConfig()), 600);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("2 workers (cpu(), cpu()), 9 steps, 1 epochs"), r.output());
        assertTrue(r.output().contains("1 epoch stage(s) retried after a worker failure"), r.output());
        long workersUsed = cluster.executorDirs().stream().map(p -> p.getParent().getParent().getFileName())
                .distinct().count();
        assertEquals(2, workersUsed, "one executor on each worker: " + cluster.executorDirs());

        Path localModel = tmp.resolve("model-local");
        TrainJobConfig one = TrainJobConfig.defaults().withWorkers(1).withBatch(4).withLength(1, 0)
                .withModelConfig(data.tinyConfig().toString());
        TrainSummary s = TrainJob.run(TestSpark.session(), List.of(data.ttbar().toString()), localModel.toString(),
                one, false);
        assertEquals(9, s.steps()); // two buckets: a global batch of 4 per bucket, the last of each shorter
        Map<String, float[]> a = TrainFixtures.parameters(clusterModel);
        Map<String, float[]> b = TrainFixtures.parameters(localModel);
        double d = TrainFixtures.maxDiff(a, b);
        assertTrue(d < 1e-5, "two executors vs one worker with the combined batch: parameters differ by " + d);
    }
}
