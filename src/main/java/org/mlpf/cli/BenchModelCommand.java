package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import ai.djl.translate.TranslateException;
import org.mlpf.config.BuildInfo;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.spark.InputException;
import org.mlpf.train.ModelBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlpf bench model}: inference time per event of the MLPF model at several event sizes on random events,
 * peak memory, parameter count, and the time of a training step. Prints one line per size exactly as
 * {@code ms_per_event N=<n> threads=<t>: <median ms>}.
 */
@Command(name = "model", showDefaultValues = true,
        description = {"Time MLPF inference (the PFNetDense GNN-LSH, ACAT 2021 configuration, random weights unless "
                + "--model) on random events of each size, after a warm-up; then a training step.",
            "Prints 'ms_per_event N=<n> threads=<t>: <median ms>' per size, a detail line (fastest run, CPU time of "
                    + "the calling thread, peak resident memory), the scaling between sizes and "
                    + "'train_step_ms B=<b> N=<n> threads=<t>: <median ms>'."})
public final class BenchModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--elements", split = ",", paramLabel = "N[,N...]", defaultValue = "1600,3200,6400,12800",
            description = "padded elements per event; multiples of the bin size (64), at most 12800")
    List<Integer> elements;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "PyTorch intra-op threads (one inter-op thread)")
    int threads;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "events per inference call")
    int batch;

    @Option(names = "--fill", paramLabel = "F", defaultValue = "1.0",
            description = "fraction of each event's elements that are real; the rest is padding")
    double fill;

    @Option(names = "--warmup", paramLabel = "K", defaultValue = "3", description = "untimed calls per size")
    int warmup;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "10", description = "timed calls per size")
    int repeats;

    @Option(names = "--train-elements", paramLabel = "N", defaultValue = "1600",
            description = "padded elements per event of the training-step timing")
    int trainElements;

    @Option(names = "--train-batch", paramLabel = "B", defaultValue = "4",
            description = "events per training step")
    int trainBatch;

    @Option(names = "--train-steps", paramLabel = "S", defaultValue = "5",
            description = "timed training steps (0: no training timing)")
    int trainSteps;

    @Option(names = "--model", paramLabel = "DIR",
            description = "time this model directory instead of the default configuration with random weights")
    Path modelDir;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "also profile one inference at the largest size with PyTorch's profiler: write its Chrome "
                    + "trace to FILE and print the operators with the most self time")
    Path profile;

    @Override
    public Integer call() throws IOException, TranslateException {
        check(!elements.isEmpty(), "--elements: give at least one size");
        check(batch >= 1 && repeats >= 1 && warmup >= 0 && trainSteps >= 0, "--batch and --repeats must be >= 1, "
                + "--warmup and --train-steps >= 0");
        check(fill > 0 && fill <= 1, "--fill = " + fill + ": must be in (0, 1]");
        check(threads >= 1, "--threads = " + threads + ": must be >= 1");
        PrintWriter out = spec.commandLine().getOut();
        int effective = ModelBenchmark.setThreads(threads);
        try (MlpfModel model = openModel()) {
            for (int n : elements) {
                try {
                    model.config().checkElementCount(n);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--elements: " + e.getMessage());
                }
            }
            out.printf(Locale.ROOT, "model: PFNetDense%s, %,d trainable parameters (+%,d frozen: LSH codebooks, "
                    + "normalization); pytorch %s, djl %s; intra-op threads %d; batch %d; %.0f%% real elements%n",
                    modelDir == null ? " (ACAT 2021 configuration, random weights, normalized inputs)"
                            : " from " + modelDir,
                    model.trainableParameterCount(), model.frozenParameterCount(), BuildInfo.pytorchVersion(),
                    BuildInfo.djlVersion(), effective, batch, 100 * fill);
            List<ModelBenchmark.Inference> results = new ArrayList<>();
            for (int n : elements) {
                ModelBenchmark.Inference r = ModelBenchmark.inference(model, n, batch, fill, warmup, repeats);
                results.add(r);
                out.printf(Locale.ROOT, "ms_per_event N=%d threads=%d: %.1f%n", n, threads, r.medianMsEvent());
                out.printf(Locale.ROOT, "  N=%d: fastest %.1f ms/event, thread CPU %.1f ms/event, peak RSS %d MB%n", n,
                        r.minMsEvent(), r.cpuMsEvent(), r.peakRssMb());
                out.flush();
            }
            for (int i = 1; i < results.size(); i++) {
                ModelBenchmark.Inference a = results.get(i - 1);
                ModelBenchmark.Inference b = results.get(i);
                out.printf(Locale.ROOT, "scaling N=%d -> N=%d (x%.2f elements): x%.2f time%n", a.elements(),
                        b.elements(), (double) b.elements() / a.elements(), b.medianMsEvent() / a.medianMsEvent());
            }
            if (profile != null) {
                int n = elements.stream().mapToInt(Integer::intValue).max().orElseThrow();
                out.printf(Locale.ROOT, "profile N=%d (trace in %s), self time per operator:%n", n, profile);
                for (ModelBenchmark.OpTime t : ModelBenchmark.profile(model, n, batch, profile, 15)) {
                    out.printf(Locale.ROOT, "  %-28s %8.1f ms  %5d calls%n", t.name(), t.ms(), t.calls());
                }
            }
            if (trainSteps > 0) {
                ModelBenchmark.TrainStep t = ModelBenchmark.trainStep(model.config(), trainElements, trainBatch,
                        trainSteps);
                out.printf(Locale.ROOT, "train_step_ms B=%d N=%d threads=%d: %.1f%n", t.batch(), t.elements(), threads,
                        t.medianMsStep());
            }
        }
        return ExitCodes.OK;
    }

    private MlpfModel openModel() {
        if (modelDir == null) {
            // random weights, but inputs normalized as tensorize would, so that activations have realistic scales
            return MlpfModel.create(ModelConfig.acat2021(),
                    ModelBenchmark.normalization(ModelBenchmark.randomBatch(1, 6400, 1.0, 1)));
        }
        try {
            return MlpfModel.load(modelDir);
        } catch (IOException e) {
            throw new InputException("--model: " + e.getMessage(), e);
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
