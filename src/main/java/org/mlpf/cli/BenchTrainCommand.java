package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;
import org.mlpf.train.LocalClusterSettings;
import org.mlpf.train.TrainBenchmark;
import org.mlpf.train.TrainJobConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlpf bench train}: training throughput (events/s) and scaling efficiency for several worker counts at a
 * fixed batch per worker, each worker an executor JVM of its own (by default a {@code local-cluster} master with one
 * core per executor), with the cost of the gradient all-reduce per step.
 */
@Command(name = "train", showDefaultValues = true,
        description = {"Time data-parallel training for each worker count (same batch per worker): events/s, scaling "
                + "efficiency, step time, all-reduce time and bytes per step.",
            "Runs on local-cluster[W,1,2048] (one executor JVM per worker) unless --master is given; generates a small "
                    + "ttbar sample when no --in is given."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--workers", split = ",", paramLabel = "W[,W...]", defaultValue = "1,2",
            description = "worker counts, ascending")
    List<Integer> workers;

    @Option(names = "--in", split = ",", paramLabel = "TENSORS",
            description = "tensorize outputs to train on (default: a generated sample)")
    List<String> in;

    @Option(names = "--batch", paramLabel = "B", descriptionKey = "mlpf.train.batch")
    int batch;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "20", description = "timed steps per worker count")
    int steps;

    @Option(names = "--warmup", paramLabel = "K", defaultValue = "4", description = "untimed steps before them")
    int warmup;

    @Option(names = "--sample", paramLabel = "NAME", defaultValue = "ttbar",
            description = "sample generated when no --in is given")
    String sample;

    @Option(names = "--events", paramLabel = "N", defaultValue = "64", description = "events of the generated sample")
    long events;

    @Option(names = "--pileup", paramLabel = "MIN:MAX", defaultValue = "0:5",
            description = "pileup of the generated sample")
    String pileup;

    @Override
    public Integer call() throws IOException {
        if (workers.isEmpty() || workers.stream().anyMatch(w -> w < 1) || steps < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--workers must list counts >= 1, --steps be >= 1 and "
                    + "--warmup >= 0");
        }
        List<Integer> ws = workers.stream().sorted().distinct().toList();
        Settings s = CliSettings.resolve(spec);
        boolean explicitMaster = s.source("spark.master").map(x -> x.startsWith("command line")).orElse(false);
        if (!explicitMaster) {
            s = s.with("spark.master", "local-cluster[" + ws.get(ws.size() - 1) + ",1,2048]", "bench train default");
        }
        s = LocalClusterSettings.prepare(s);
        TrainJobConfig cfg = TrainJobConfig.from(s);
        SparkSession spark = Sessions.create("mlpf bench train", s);
        Path work = Files.createTempDirectory("mlpf-bench-train");
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<String> tensors = in != null ? in
                    : List.of(TrainBenchmark.sampleTensors(spark, work, sample, events, pileup, s));
            out.printf(Locale.ROOT, "master %s, model %s, batch %d per worker, %d timed steps after %d, %d intra-op "
                    + "thread(s) per worker, tensors %s%n", spark.sparkContext().master(), cfg.modelConfig(),
                    cfg.batch(), steps, warmup, cfg.threads(), String.join(",", tensors));
            out.printf(Locale.ROOT, "%7s %10s %11s %9s %11s %8s %13s %8s %9s %8s %11s%n", "workers", "events/s",
                    "efficiency", "step ms", "compute ms", "cpu ms", "allreduce ms", "ring ms", "idle ring",
                    "MB/step", "allreduce%");
            for (TrainBenchmark.Result r : TrainBenchmark.run(spark, tensors, work, cfg, ws, steps, warmup)) {
                out.printf(Locale.ROOT, "%7d %10.2f %11.3f %9.1f %11.1f %8.1f %13.1f %8.1f %9.1f %8.2f %10.1f%%%n",
                        r.workers(), r.samplesPerSecond(), r.efficiency(), r.stepMs(), r.computeMs(), r.computeCpuMs(),
                        r.allReduceMs(), r.ringMs(), r.ringIdleMs(), r.bytesPerStep() / 1e6,
                        r.stepMs() > 0 ? 100 * r.allReduceMs() / r.stepMs() : 0);
                out.flush();
            }
        } finally {
            deleteRecursively(work);
        }
        return ExitCodes.OK;
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
