package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;
import org.mlpf.train.LocalClusterSettings;
import org.mlpf.train.TrainJob;
import org.mlpf.train.TrainJobConfig;
import org.mlpf.train.TrainSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlpf train}: data-parallel training of the MLPF model across Spark executors into a model directory. */
@Command(name = "train", showDefaultValues = true,
        description = {"Train the MLPF model on tensorize outputs with W data-parallel workers (a Spark barrier stage "
                + "per epoch, gradients summed every step by a TCP ring between the workers) into a model directory: "
                + "the model, run.json, metrics.jsonl, loss-curve.png and checkpoints/ (docs/training.md).",
            "Prints throughput, all-reduce cost, validation loss per epoch and the test-split accuracy against the "
                    + "most common class. The model directory must be on a file system every executor sees."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, split = ",", paramLabel = "TENSORS",
            description = "tensorize outputs (e.g. one per sample: ROOT/tensors/sample=NAME)")
    List<String> in;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "model directory to write")
    String modelDir;

    @Option(names = "--workers", paramLabel = "W", descriptionKey = "mlpf.train.workers")
    int workers;

    @Option(names = "--epochs", paramLabel = "E", descriptionKey = "mlpf.train.epochs")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", descriptionKey = "mlpf.train.batch")
    int batch;

    @Option(names = "--target", paramLabel = "gen|cand", descriptionKey = "mlpf.train.target")
    String target;

    @Option(names = "--resume", description = "continue from the newest checkpoint in the model directory (same "
            + "settings and data), with the result of an uninterrupted run")
    boolean resume;

    @Option(names = "--overwrite", description = "replace an existing model directory")
    boolean overwrite;

    @Option(names = "--init-from", paramLabel = "MODEL_DIR", descriptionKey = "mlpf.train.init-from")
    String initFrom;

    @Override
    public Integer call() {
        if (resume && overwrite) {
            throw new ParameterException(spec.commandLine(), "--resume and --overwrite exclude each other");
        }
        Settings s = LocalClusterSettings.prepare(CliSettings.resolve(spec));
        TrainJobConfig cfg = TrainJobConfig.from(s);
        cfg.model();
        SparkSession spark = Sessions.create("mlpf train", s);
        TrainSummary summary = TrainJob.run(spark, in, modelDir, cfg, resume, overwrite);
        PrintWriter pw = spec.commandLine().getOut();
        summary.lines().forEach(pw::println);
        pw.println("model written to " + summary.modelDir());
        return ExitCodes.OK;
    }
}
