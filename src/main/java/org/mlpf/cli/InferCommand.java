package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.infer.InferConfig;
import org.mlpf.infer.InferJob;
import org.mlpf.infer.InferSummary;
import org.mlpf.spark.Sessions;
import org.mlpf.tensorize.TensorizeConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf infer}: MLPF candidates per event from tensors or ntuples and a model directory. */
@Command(name = "infer", showDefaultValues = true,
        description = {"Run the MLPF model on the executors: candidates per event (class, charge, pt, eta, phi, "
                + "energy, producing element, track vz, class probabilities) to OUT/sample=NAME/, one committed "
                + "directory per sample, in the candidate schema the jets, met and compare stages read.",
            "IN is a tensors output (one --split of it) or an ntuple dataset, tensorized on the fly in memory "
                    + "(--buckets; events larger than the largest bucket are cut into chunks and merged back). The "
                    + "model directory is checked against the data before any work (docs/inference.md)."})
public final class InferCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES|TENSORS",
            description = "tensors output (or its data/ directory, or part of it) or ntuple dataset")
    String in;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    String model;

    @Option(names = "--out", required = true, paramLabel = "CANDIDATES", description = "candidates dataset root")
    String out;

    @Option(names = "--batch", paramLabel = "B", descriptionKey = "mlpf.infer.batch")
    int batch;

    @Option(names = "--split", paramLabel = "test|val|train|all", descriptionKey = "mlpf.infer.split")
    String split;

    @Option(names = "--buckets", paramLabel = "N,N,...", descriptionKey = "mlpf.tensorize.buckets")
    String buckets;

    @Option(names = "--partitions", paramLabel = "P", descriptionKey = "mlpf.infer.partitions")
    int partitions;

    @Option(names = "--threads", paramLabel = "T", descriptionKey = "mlpf.infer.threads")
    int threads;

    @Option(names = "--overwrite", description = "replace the samples' existing outputs")
    boolean overwrite;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        InferConfig cfg = InferConfig.from(s);
        TensorizeConfig tensorize = TensorizeConfig.from(s);
        SparkSession spark = Sessions.create("mlpf infer", s);
        InferSummary summary = InferJob.run(spark, in, model, out, cfg, tensorize, overwrite);
        PrintWriter pw = spec.commandLine().getOut();
        summary.lines().forEach(pw::println);
        return ExitCodes.OK;
    }
}
