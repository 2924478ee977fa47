package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;
import org.mlpf.generate.gen.Samples;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf generate}: event generation, fast simulation and baseline PF into Parquet ntuples. */
@Command(name = "generate", showDefaultValues = true,
        description = {"Generate events of built-in samples, simulate the detector, run the baseline PF and write "
                + "ntuples to OUT/sample=NAME/ (one atomically committed directory per sample).",
            "Samples: ttbar, qcd, ztautau, gun-e, gun-mu, gun-pi, gun-pi0, gun-tau, gun-gamma, gun-k0l "
                    + "(docs/generator.md). Output is identical for any number of partitions."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--sample", required = true, split = ",", paramLabel = "NAME[,NAME...]",
            description = "samples to produce")
    List<String> samples;

    @Option(names = "--events", paramLabel = "N", descriptionKey = "mlpf.generate.events")
    long events;

    @Option(names = "--pileup", paramLabel = "MIN:MAX",
            description = "pileup interactions per event for every sample given (default: mlpf.generate.pileup for "
                    + "physics samples, mlpf.generate.gun-pileup for guns)")
    String pileup;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "mlpf.generate.seed")
    long seed;

    @Option(names = "--partitions", paramLabel = "P", descriptionKey = "mlpf.generate.partitions")
    int partitions;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "ntuple dataset root")
    String out;

    @Option(names = "--overwrite", description = "replace the samples' existing outputs")
    boolean overwrite;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        if (pileup != null) {
            s = s.with(GenerateConfig.PILEUP.name(), pileup, "command line --pileup")
                    .with(GenerateConfig.GUN_PILEUP.name(), pileup, "command line --pileup");
        }
        GenerateConfig cfg = GenerateConfig.from(s);
        ReconstructionConfig reco = ReconstructionConfig.from(s);
        for (String name : samples) {
            try {
                Samples.byName(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        SparkSession spark = Sessions.create("mlpf generate", s);
        PrintWriter pw = spec.commandLine().getOut();
        for (String name : samples) {
            pw.println(GenerateJob.generate(spark, name, cfg, reco, out, overwrite).line());
        }
        pw.println("ntuples written to " + out);
        return ExitCodes.OK;
    }
}
