package org.mlpf.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.StandaloneCluster;
import org.mlpf.testing.TestSpark;

/**
 * A pipeline run killed with SIGKILL midway (in the training, after its first checkpoints) and started again
 * finishes with the same outputs as an uninterrupted run (samples, tensors, model parameters, candidates, jets,
 * MET, report tables), and the killed run leaves no partial data visible. Runs the real launcher (jobs/mlpf) in
 * subprocesses.
 */
class PipelineKillIT {
    @TempDir
    Path tmp;

    private List<String> command(Path root) {
        return List.of(ProjectFiles.file("jobs/mlpf").toString(), "pipeline", "--root", root.toString(),
                "--set", "mlpf.pipeline.samples=ttbar:6,gun-pi:40,qcd:4", "--set", "mlpf.pipeline.train-samples=gun-pi",
                "--set", "mlpf.pipeline.eval-samples=ttbar,qcd", "--set", "mlpf.generate.pileup=0:3",
                "--set", "mlpf.tensorize.buckets=128,256,512,1024", "--set", "spark.master=local[2]",
                "--set", "mlpf.train.epochs=3", "--set", "mlpf.train.batch=2", "--set", "mlpf.train.checkpoint-every=1");
    }

    private static final Map<String, String> ENV = Map.of("MLPF_SKIP_BUILD", "1", "MLPF_JAVA_OPTS", "-Xmx2g");

    @Test
    void killedRunRestartedGivesTheSameOutputsAndNoPartialData() throws Exception {
        Path whole = tmp.resolve("whole");
        StandaloneCluster.Result r = StandaloneCluster.run(command(whole), ENV, 900);
        assertEquals(0, r.exitCode(), r.output());

        Path killed = tmp.resolve("killed");
        ProcessBuilder pb = new ProcessBuilder(command(killed)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).directory(ProjectFiles.root().toFile());
        pb.environment().putAll(ENV);
        Process p = pb.start();
        Path checkpoints = killed.resolve("model/checkpoints");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (checkpointCount(checkpoints) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the run must still be going when it is killed:\n" + Files.readString(
                tmp.resolve("killed.log")));
        // jobs/mlpf execs the JVM: this is the driver. SIGKILL: no shutdown hook, no cleanup.
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(60, TimeUnit.SECONDS);

        assertNoPartialData(killed);
        assertTrue(Files.exists(killed.resolve(RootLock.FILE)), "the killed run's lock is left behind");
        StandaloneCluster.Result again = StandaloneCluster.run(command(killed), ENV, 900);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("skipped"), "finished steps are not redone:\n" + again.output());
        assertTrue(again.output().contains("resuming from"), "the training resumes from its checkpoint:\n"
                + again.output());
        assertNoPartialData(killed);
        assertFalse(Files.exists(killed.resolve(RootLock.FILE)), "the rerun took over the stale lock and released it");

        SparkSession spark = TestSpark.session();
        for (String dataset : List.of("ntuples", "candidates", "jets", "met")) {
            assertEquals(rows(spark, whole.resolve(dataset)), rows(spark, killed.resolve(dataset)), dataset);
        }
        for (String sample : List.of("ttbar", "gun-pi", "qcd")) {
            String data = "tensors/sample=" + sample + "/data";
            assertEquals(rows(spark, whole.resolve(data)), rows(spark, killed.resolve(data)), data);
        }
        assertArrayEquals(Files.readAllBytes(whole.resolve("model/parameters.params")),
                Files.readAllBytes(killed.resolve("model/parameters.params")), "model parameters");
        try (Stream<Path> csv = Files.list(whole.resolve("report/tables"))) {
            for (Path f : csv.filter(x -> x.toString().endsWith(".csv")).toList()) {
                assertEquals(Files.readString(f), Files.readString(killed.resolve("report/tables")
                        .resolve(f.getFileName())), f.getFileName().toString());
            }
        }
    }

    private static long checkpointCount(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("step-")).count();
        }
    }

    /** Every visible sample directory of every stage output is committed; temporaries are hidden (dot names). */
    private static void assertNoPartialData(Path root) throws IOException {
        List<String> uncommitted = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 3)) {
            s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith("sample="))
                    .filter(d -> !Files.exists(d.resolve("_SUCCESS"))).forEach(d -> uncommitted.add(d.toString()));
        }
        assertTrue(uncommitted.isEmpty(), "visible but uncommitted: " + uncommitted);
        if (Files.exists(root.resolve("report"))) {
            assertTrue(Files.exists(root.resolve("report/_SUCCESS")), "a visible report is complete");
        }
        assertFalse(Files.exists(root.resolve("manifest.json.tmp")));
    }

    private static List<Row> rows(SparkSession spark, Path dir) {
        var df = spark.read().parquet(dir.toString());
        String[] cols = df.columns();
        List<String> order = new ArrayList<>();
        for (String c : List.of("sample", "split", "bucket", "event_id", "source", "chunk")) {
            if (List.of(cols).contains(c)) {
                order.add(c);
            }
        }
        return df.orderBy(order.get(0), order.subList(1, order.size()).toArray(new String[0])).collectAsList();
    }
}
