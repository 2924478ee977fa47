package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.compare.CompareConfig;
import org.mlpf.compare.CompareJob;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf compare}: the MLPF-vs-PF comparison report. */
@Command(name = "compare", showDefaultValues = true,
        description = {"Compare PF (and MLPF, with --candidates) against the generator on the same events: particle "
                + "efficiency, fake rate, confusion and resolution; MET response, resolution and tails; jet response, "
                + "resolution, matching efficiency and fake rate (with --jets); with uncertainties.",
            "Writes REPORT/tables/*.csv and Parquet, REPORT/plots/*.png, REPORT/summary.md and REPORT/index.html."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--ntuples", required = true, paramLabel = "NTUPLES", description = "ntuple dataset")
    String ntuples;

    @Option(names = "--met", required = true, paramLabel = "MET", description = "output of the met stage")
    String met;

    @Option(names = "--jets", paramLabel = "JETS", description = "output of the jets stage (optional)")
    String jets;

    @Option(names = "--candidates", paramLabel = "MLPF_CANDIDATES", description = "MLPF candidates (optional)")
    String candidates;

    @Option(names = "--out", required = true, paramLabel = "REPORT", description = "report directory")
    String out;

    @Option(names = "--overwrite", description = "replace an existing report directory")
    boolean overwrite;

    @Option(names = "--met-bins", paramLabel = "E,E,...", descriptionKey = "mlpf.compare.met-bins")
    String metBins;

    @Option(names = "--particle-pt-bins", paramLabel = "E,E,...", descriptionKey = "mlpf.compare.particle-pt-bins")
    String particlePtBins;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        CompareConfig cfg = CompareConfig.from(s);
        SparkSession spark = Sessions.create("mlpf compare", s);
        CompareJob.Result r = CompareJob.run(spark, new CompareJob.Inputs(ntuples, met, jets, candidates), out, cfg,
                overwrite);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "%d tables, %d plots for %s in %.1f s (%.0f events/s)%n", r.tables().size(), r.plots(),
                r.events(), r.seconds(), r.eventsPerSecond());
        pw.println("report: " + r.report() + "/index.html");
        return ExitCodes.OK;
    }
}
