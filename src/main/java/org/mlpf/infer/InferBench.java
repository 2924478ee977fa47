package org.mlpf.infer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.TrainingMetadata;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.Sessions;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeStage;

/**
 * End-to-end throughput of inference for {@code mlpf bench infer}: the whole job (checks, read, tensorize on the fly,
 * predict, merge, write) on the same ntuples and model with 1 and then 2 executors (Spark sessions
 * {@code local[1]}, {@code local[2]}, one task slot per executor thread), each after a warm-up run; and how much of
 * the time the model takes, measured inside the tasks. Without an input it generates one; without a model it uses
 * the ACAT 2021 configuration with random weights and normalization statistics of the input. Never asserted on in
 * tests.
 */
public final class InferBench {
    /**
     * One configuration's measured run.
     *
     * @param master  the Spark master (executors = its task slots)
     * @param summary the run's figures
     */
    public record Result(String master, InferSummary summary) {
    }

    private InferBench() {
    }

    /**
     * Prepares the input and the model if not given, in a session of {@code settings}.
     *
     * @param in     ntuples, or null to generate {@code events} events of {@code sample} into {@code scratch}
     * @param model  model directory, or null for the ACAT 2021 configuration with random weights
     * @return the ntuples and model directory to benchmark
     */
    public static String[] prepare(Settings settings, String in, String model, String sample, long events,
                                   Path scratch, Consumer<String> log) {
        SparkSession spark = Sessions.create("mlpf bench infer (prepare)", settings);
        try {
            String ntuples = in;
            if (ntuples == null) {
                ntuples = scratch.resolve("ntuples").toString();
                GenerateConfig g = GenerateConfig.from(settings);
                // two files per task slot of the largest configuration, so that partitions can be balanced
                g = new GenerateConfig(events, g.pileup(), g.gunPileup(), g.seed(), 4);
                log.accept("generated " + GenerateJob.generate(spark, sample, g, ReconstructionConfig.from(settings),
                        ntuples, true).line());
            }
            String dir = model;
            if (dir == null) {
                TensorizeStage stage = new TensorizeStage(TensorizeConfig.from(settings));
                NormalizationStats stats = stage.normalization(ParquetInput.read(spark, ntuples,
                        ParquetInput.inspect(spark, ntuples)));
                Path p = scratch.resolve("model");
                try (MlpfModel m = MlpfModel.create(ModelConfig.acat2021(), stats)) {
                    ModelDirectory.save(m, p, TrainingMetadata.untrained(), null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                dir = p.toString();
                log.accept("model: ACAT 2021 configuration, random weights, normalization of the input");
            }
            return new String[] {ntuples, dir};
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs inference of {@code ntuples} with {@code model} once per master after one warm-up run, each in its own
     * session (stopped afterwards), writing into {@code scratch}.
     */
    public static List<Result> run(Settings settings, String ntuples, String model, List<String> masters,
                                   Path scratch) {
        List<Result> out = new ArrayList<>();
        InferConfig cfg = InferConfig.from(settings);
        TensorizeConfig tcfg = TensorizeConfig.from(settings);
        for (String master : masters) {
            Settings s = settings.with("spark.master", master, "bench infer");
            SparkSession spark = Sessions.create("mlpf bench infer " + master, s);
            try {
                String target = scratch.resolve("candidates").toString();
                InferJob.run(spark, ntuples, model, target, cfg, tcfg, true);
                out.add(new Result(master, InferJob.run(spark, ntuples, model, target, cfg, tcfg, true)));
            } finally {
                spark.stop();
            }
        }
        return out;
    }

    /** The table printed by {@code mlpf bench infer}. */
    public static List<String> table(List<Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-10s %6s %8s %9s %9s %9s %9s %9s %9s %10s %10s", "executors", "events",
                "seconds", "events/s", "ms/event", "model/ev", "cpu/ev", "input/ev", "cands/ev", "out/slots",
                "out/tasks"));
        for (Result r : results) {
            InferSummary s = r.summary();
            double n = Math.max(s.events(), 1);
            lines.add(String.format(Locale.ROOT, "%-10s %6d %8.2f %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%% %9.1f%%",
                    r.master(), s.events(), s.seconds(), s.eventsPerSecond(), s.msPerEvent(),
                    1000 * s.modelSeconds() / n, 1000 * s.modelCpuSeconds() / n, 1000 * s.inputSeconds() / n,
                    1000 * s.outputSeconds() / n, 100 * s.outsideModelShare(), 100 * s.outsideModelShareInTasks()));
        }
        if (results.size() >= 2) {
            InferSummary a = results.get(0).summary();
            InferSummary b = results.get(results.size() - 1).summary();
            lines.add(String.format(Locale.ROOT, "speed-up %s -> %s: x%.2f", results.get(0).master(),
                    results.get(results.size() - 1).master(), b.eventsPerSecond() / a.eventsPerSecond()));
        }
        lines.add("ms/event: wall time / events, end to end; model/ev, cpu/ev: wall and thread CPU time in model calls "
                + "per event (summed over tasks); input/ev: reading, tensorizing, Arrow, batching; cands/ev: "
                + "building candidates; out/slots: 1 - model time / (wall time x task slots), everything that is not "
                + "the model (idle slots included); out/tasks: the same within the predicting tasks");
        return lines;
    }
}
