package org.mlpf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;
import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf simulate}: the detector simulation and baseline PF on real generator output. */
@Command(name = "simulate", showDefaultValues = true,
        description = {"Simulate the detector and run the baseline PF on generator output (HepMC3 ASCII, or "
                + "'px py pz E [pdgid]' text as in FastJet's examples) into OUT/sample=NAME/.",
            "A missing PDG id is identified from the particle's mass (docs/simulation.md); a malformed line stops "
                    + "with its line number."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "generator output file")
    Path in;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES}; default: hepmc3 for *.hepmc* files, pxpypze otherwise")
    EventFileFormat format;

    @Option(names = "--sample", paramLabel = "NAME", description = "sample name (default: the file name without "
            + "extension)")
    String sample;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "mlpf.generate.seed")
    long seed;

    @Option(names = "--partitions", paramLabel = "P", descriptionKey = "mlpf.generate.partitions")
    int partitions;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "ntuple dataset root")
    String out;

    @Option(names = "--overwrite", description = "replace the sample's existing output")
    boolean overwrite;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        String file = in.getFileName().toString();
        EventFileFormat f = format != null ? format
                : file.toLowerCase(java.util.Locale.ROOT).contains(".hepmc") ? EventFileFormat.hepmc3
                : EventFileFormat.pxpypze;
        String name = sample != null ? sample
                : file.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        GenerateConfig cfg = GenerateConfig.from(s);
        SparkSession spark = Sessions.create("mlpf simulate", s);
        PrintWriter pw = spec.commandLine().getOut();
        pw.println(GenerateJob.simulate(spark, in, f, name, cfg.seed(), cfg.partitions(), ReconstructionConfig.from(s),
                out, overwrite).line());
        pw.println("ntuples written to " + out);
        return ExitCodes.OK;
    }
}
