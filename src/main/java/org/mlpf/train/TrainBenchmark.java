package org.mlpf.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;

/**
 * Throughput of data-parallel training for several worker counts at a fixed batch per worker (weak scaling): runs
 * the train job for a fixed number of steps per worker count and reads the per-step timing of rank 0 (a synchronous
 * step lasts as long as its slowest worker) from the metrics, after a warm-up.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /**
     * One worker count's figures.
     *
     * @param workers          W
     * @param batch            events per worker per step
     * @param steps            timed steps
     * @param samplesPerSecond training events per second (all workers)
     * @param stepMs           mean step, ms
     * @param computeMs        mean forward + backward of rank 0, ms
     * @param computeCpuMs     its CPU time, ms (lower than computeMs when other processes compete for the cores)
     * @param allReduceMs      mean gradient all-reduce of rank 0 (pack, ring incl. waiting for the slowest worker,
     *                         unpack), ms
     * @param ringMs           of which the ring, ms
     * @param ringIdleMs       one ring all-reduce of the gradients with no worker computing: the transfer alone, ms
     * @param bytesPerStep     bytes rank 0 sends per step
     * @param efficiency       samples/s over W times those of the smallest worker count, per worker
     */
    public record Result(int workers, int batch, long steps, double samplesPerSecond, double stepMs, double computeMs,
                         double computeCpuMs, double allReduceMs, double ringMs, double ringIdleMs, long bytesPerStep,
                         double efficiency) {
    }

    /**
     * Trains {@code steps + warmup} steps with each worker count in {@code workers} (ascending) and times the last
     * {@code steps}.
     *
     * @param work a scratch directory for the model directories
     */
    public static List<Result> run(SparkSession spark, List<String> tensors, Path work, TrainJobConfig base,
                                   List<Integer> workers, int steps, int warmup) throws IOException {
        List<Result> out = new ArrayList<>();
        for (int w : workers) {
            TrainJobConfig cfg = base.withWorkers(w).withLength(TrainJobConfig.EPOCHS_MAX, steps + warmup)
                    .withCheckpointEvery(0).withPatience(0);
            Path dir = work.resolve("model-w" + w);
            TrainSummary summary = TrainJob.run(spark, tensors, dir.toString(), cfg, false, true, false);
            List<MetricsLog.Step> all = new MetricsLog(dir).steps();
            List<MetricsLog.Step> timed = all.subList(Math.min(warmup, all.size()), all.size());
            double ms = timed.stream().mapToDouble(MetricsLog.Step::stepMs).sum();
            long events = timed.stream().mapToLong(MetricsLog.Step::events).sum();
            double sps = ms > 0 ? events / (ms / 1000) : 0;
            double first = out.isEmpty() ? sps / w : out.get(0).samplesPerSecond() / out.get(0).workers();
            out.add(new Result(w, base.batch(), timed.size(), sps, mean(timed, MetricsLog.Step::stepMs),
                    mean(timed, MetricsLog.Step::computeMs), mean(timed, MetricsLog.Step::computeCpuMs),
                    mean(timed, MetricsLog.Step::allreduceMs),
                    mean(timed, MetricsLog.Step::ringMs), summary.ringIdleMs(),
                    Math.round(mean(timed, x -> x.bytesSent())),
                    first > 0 ? sps / (w * first) : 0));
        }
        return out;
    }

    private static double mean(List<MetricsLog.Step> steps, java.util.function.ToDoubleFunction<MetricsLog.Step> f) {
        return steps.stream().mapToDouble(f).average().orElse(0);
    }

    /**
     * Generates {@code events} events of {@code sample} with {@code pileup} interactions (MIN:MAX) and tensorizes
     * them under {@code dir}: inputs for a benchmark when none are given. Returns the tensors directory.
     */
    public static String sampleTensors(SparkSession spark, Path dir, String sample, long events, String pileup,
                                       Settings settings) {
        GenerateConfig g = GenerateConfig.from(settings);
        GenerateConfig gen = new GenerateConfig(events, pileup, pileup, g.seed(), g.partitions());
        String ntuples = dir.resolve("ntuples").toString();
        GenerateJob.generate(spark, sample, gen, ReconstructionConfig.from(settings), ntuples, true);
        String tensors = dir.resolve("tensors").toString();
        TensorizeConfig t = TensorizeConfig.from(settings);
        TensorizeJob.run(spark, ntuples + "/sample=" + sample, tensors, new TensorizeConfig(t.buckets(), t.target(),
                List.of(0.9, 0.05, 0.05), t.seed(), "split", t.shardEvents()), true, 20);
        return tensors;
    }
}
