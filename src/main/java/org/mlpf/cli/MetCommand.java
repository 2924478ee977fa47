package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.met.MetJob;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf met}: MET per event for gen, baseline PF and (with --candidates) MLPF. */
@Command(name = "met", showDefaultValues = true,
        description = "Compute MET per event and source (gen from invisible particles, pf from the ntuple's PF "
                + "candidates, mlpf from --candidates) as DataFrame operations; writes OUT/sample=NAME/ (one committed directory per sample).")
public final class MetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES", description = "ntuple dataset")
    String in;

    @Option(names = "--candidates", paramLabel = "MLPF_CANDIDATES", description = "MLPF candidates dataset (optional)")
    String candidates;

    @Option(names = "--out", required = true, paramLabel = "MET", description = "output directory")
    String out;

    @Option(names = "--overwrite", description = "replace the samples' existing outputs")
    boolean overwrite;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        SparkSession spark = Sessions.create("mlpf met", s);
        PrintWriter pw = spec.commandLine().getOut();
        MetJob.run(spark, in, candidates, out, overwrite).lines().forEach(pw::println);
        pw.println("MET written to " + out);
        return ExitCodes.OK;
    }
}
