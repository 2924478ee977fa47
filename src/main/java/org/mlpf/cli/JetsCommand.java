package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.jets.stage.JetsJob;
import org.mlpf.jets.stage.JetsSummary;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf jets}: the jets stage (gen, PF and MLPF jets per event, Parquet partitioned by sample). */
@Command(name = "jets", showDefaultValues = true,
        description = {"Cluster jets per event: gen jets from stable visible hard-scatter generator particles, PF jets "
                + "from the ntuples' pf_candidates and, with --candidates, MLPF jets from a candidates dataset joined "
                + "on (sample, event_id); optionally with charged-hadron subtraction (CHS) for PF and MLPF.",
                "Writes one row per event and source to OUT (docs/jets.md), partitioned by sample, replacing OUT; "
                        + "events that cannot be clustered go with the reason to OUT/_quarantine."})
public final class JetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES",
            description = "ntuple dataset: a directory (partitioned by sample or not) or one Parquet file")
    String in;

    @Option(names = "--candidates", paramLabel = "MLPF_CANDIDATES",
            description = "MLPF candidates dataset (inference output); without it only gen and PF jets are made")
    String candidates;

    @Option(names = "--out", required = true, paramLabel = "JETS", description = "output directory (replaced)")
    String out;

    @Option(names = "--algorithm", paramLabel = "NAME", descriptionKey = "mlpf.jets.algorithm")
    String algorithm;

    @Option(names = "--R", paramLabel = "R", descriptionKey = "mlpf.jets.r")
    double r;

    @Option(names = "--ptmin", paramLabel = "GEV", descriptionKey = "mlpf.jets.ptmin")
    double ptmin;

    @Option(names = "--chs", paramLabel = "true|false", arity = "1", descriptionKey = "mlpf.jets.chs")
    boolean chs;

    @Option(names = "--chs-dz", paramLabel = "CM", descriptionKey = "mlpf.jets.chs-dz")
    double chsDz;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        JetsConfig cfg = JetsConfig.from(s);
        SparkSession spark = Sessions.create("mlpf jets", s);
        JetsSummary summary = JetsJob.run(spark, in, candidates, out, cfg);
        PrintWriter pw = spec.commandLine().getOut();
        summary.lines().forEach(pw::println);
        return ExitCodes.OK;
    }
}
