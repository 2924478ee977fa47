package org.mlpf.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.Settings;
import org.mlpf.infer.InferJob;
import org.mlpf.infer.InferTestData;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.pipeline.Pipeline;
import org.mlpf.pipeline.PipelinePlan;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.StandaloneCluster;
import org.mlpf.testing.TestSpark;

/**
 * Runs stages with spark-submit (jobs/submit.sh, the application jar, conf/cluster.conf) on a real standalone
 * cluster of one master and two workers on loopback, and checks the outputs equal a local run's: inference (bit
 * for bit, one model load per executor) and the whole pipeline (every stage's output, the model's parameters and
 * the report's tables), whose tensorize and met steps cover what a separate stage test used to.
 */
class StandaloneClusterIT {
    @TempDir
    static Path tmp;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(tmp, 2, 2, "2g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private StandaloneCluster.Result submit(String... stageArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spark-conf", "spark.executor.memory=1g", "--spark-conf",
                "spark.executor.cores=1"));
        args.addAll(List.of(stageArgs));
        StandaloneCluster.Result r = cluster.submit(args, 600);
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    /**
     * Inference on executors in their own JVMs: the same candidates, bit for bit, as a local run with another
     * partitioning, and each executor loads the model once whatever number of partitions it runs.
     */
    @Test
    void inferenceOnTheClusterGivesTheCandidatesOfALocalRun() throws Exception {
        Path clusterOut = tmp.resolve("candidates-cluster");
        StandaloneCluster.Result r = submit("infer", "--in", InferTestData.ntuples().toString(), "--model",
                InferTestData.model().toString(), "--out", clusterOut.toString(), "--buckets", "64,128", "--batch", "2",
                "--partitions", "6");
        assertTrue(r.output().contains("time outside the model"), r.output());
        Path localOut = tmp.resolve("candidates-local");
        InferJob.run(TestSpark.session(), InferTestData.ntuples().toString(), InferTestData.model().toString(),
                localOut.toString(), InferTestData.config(2, 0), InferTestData.tensorizeConfig(), false);
        assertEquals(InferTestData.candidates(TestSpark.session(), localOut),
                InferTestData.candidates(TestSpark.session(), clusterOut));

        // 6 partitions on at most 4 executors (2 workers x 2 cores, 1 core each): some executor ran several
        int executors = 0;
        long partitions = 0;
        long most = 0;
        for (Path dir : cluster.executorDirs()) {
            Path stderr = dir.resolve("stderr");
            String log = Files.exists(stderr) ? Files.readString(stderr) : "";
            long ran = log.lines().filter(l -> l.contains("infer partition") && l.contains(" calls (")).count();
            if (ran > 0) {
                executors++;
                partitions += ran;
                most = Math.max(most, ran);
                assertEquals(1, log.lines().filter(l -> l.contains("ExecutorModels: loaded model")).count(),
                        "one model load per executor JVM: " + stderr);
            }
        }
        assertTrue(executors >= 2, executors + " executors predicted");
        assertEquals(6, partitions);
        assertTrue(most >= 2, "an executor ran " + most + " partitions with one model load");
    }

    /**
     * The whole pipeline (generate, tensorize, train, infer, jets, met, compare) through jobs/submit.sh on the
     * cluster gives the outputs of the same pipeline run locally: ntuples, tensors, model parameters, candidates,
     * jets, MET and the report's tables.
     */
    @Test
    void thePipelineOnTheClusterGivesTheOutputsOfALocalRun() throws Exception {
        Path tiny = tmp.resolve("tiny-model-config.json");
        SyntheticEvents.tinyConfigFor(1024).write(tiny);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("mlpf.pipeline.samples", "ttbar:6,gun-pi:24,qcd:4");
        set.put("mlpf.pipeline.train-samples", "gun-pi,ttbar");
        set.put("mlpf.pipeline.eval-samples", "ttbar,qcd");
        set.put("mlpf.generate.pileup", "0:2");
        set.put("mlpf.tensorize.buckets", "128,256,512,1024");
        set.put("mlpf.tensorize.split", "0.5,0.25,0.25");
        set.put("mlpf.train.model-config", tiny.toString());
        set.put("mlpf.train.workers", "1");
        set.put("mlpf.train.epochs", "1");
        set.put("mlpf.train.batch", "2");
        set.put("mlpf.train.max-steps", "4");

        Path clusterRoot = tmp.resolve("pipeline-cluster");
        List<String> args = new ArrayList<>(List.of("pipeline", "--root", clusterRoot.toString()));
        set.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        List<Path> before = cluster.executorDirs();
        StandaloneCluster.Result r = submit(args.toArray(new String[0]));
        assertTrue(r.output().contains("report: "), r.output());
        // The work ran in executors that both workers started for this application, not in the driver.
        List<Path> executors = cluster.executorDirs().stream().filter(p -> !before.contains(p)).toList();
        long workersUsed = executors.stream().map(p -> p.getParent().getParent().getFileName()).distinct().count();
        assertEquals(2, workersUsed, "executor directories of the pipeline: " + executors);

        // The same pipeline in this JVM, from the same configuration file (conf/cluster.conf, as submit.sh uses).
        Path localRoot = tmp.resolve("pipeline-local");
        Settings s = Settings.load(ProjectFiles.file("conf/cluster.conf"))
                .with("mlpf.pipeline.root", localRoot.toString(), "test");
        for (Map.Entry<String, String> e : set.entrySet()) {
            s = s.with(e.getKey(), e.getValue(), "test");
        }
        new Pipeline(TestSpark.session(), localRoot.toString(), "test").run(PipelinePlan.steps(s, null),
                new Pipeline.Options(null, null, Set.of()), new TreeMap<>());

        for (String dataset : List.of("ntuples", "candidates", "jets", "met", "tensors/sample=ttbar/data",
                "tensors/sample=gun-pi/data", "tensors/sample=qcd/data")) {
            List<Row> local = byKey(localRoot.resolve(dataset));
            assertTrue(!local.isEmpty(), dataset);
            assertEquals(local, byKey(clusterRoot.resolve(dataset)), dataset);
        }
        assertArrayEquals(Files.readAllBytes(localRoot.resolve("model/parameters.params")),
                Files.readAllBytes(clusterRoot.resolve("model/parameters.params")), "model parameters");
        try (Stream<Path> csv = Files.list(localRoot.resolve("report/tables"))) {
            List<Path> tables = csv.filter(x -> x.toString().endsWith(".csv")).toList();
            assertTrue(tables.size() >= 10, "report tables: " + tables);
            for (Path f : tables) {
                assertEquals(Files.readString(f), Files.readString(clusterRoot.resolve("report/tables")
                        .resolve(f.getFileName())), f.getFileName().toString());
            }
        }
    }

    /** Every row of a dataset, ordered by the key columns it has. */
    private static List<Row> byKey(Path dir) {
        var df = TestSpark.session().read().parquet(dir.toString());
        List<String> cols = List.of(df.columns());
        List<String> order = new ArrayList<>();
        for (String c : List.of("sample", "split", "bucket", "event_id", "source", "chunk")) {
            if (cols.contains(c)) {
                order.add(c);
            }
        }
        return df.orderBy(order.get(0), order.subList(1, order.size()).toArray(new String[0])).collectAsList();
    }
}
