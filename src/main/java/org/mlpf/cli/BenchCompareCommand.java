package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.compare.CompareConfig;
import org.mlpf.compare.CompareJob;
import org.mlpf.config.Settings;
import org.mlpf.met.MetJob;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf bench compare}: events/s of the MET stage and of the comparison on the same ntuples. */
@Command(name = "compare", showDefaultValues = true,
        description = "Time the MET stage and the comparison (tables, plots, report) on an ntuple dataset; prints "
                + "events/s of each (second of two runs).")
public final class BenchCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES", description = "ntuple dataset")
    String in;

    @Option(names = "--jets", paramLabel = "JETS", description = "jets of the same events (optional)")
    String jets;

    @Override
    public Integer call() throws IOException {
        Settings s = CliSettings.resolve(spec);
        SparkSession spark = Sessions.create("mlpf bench compare", s);
        CompareConfig cfg = CompareConfig.from(s);
        try (Scratch tmp = Scratch.create("mlpf-bench-compare")) {
            Path scratch = tmp.path();
            PrintWriter out = spec.commandLine().getOut();
            double metSeconds = 0;
            CompareJob.Result r = null;
            for (int round = 0; round < 2; round++) {
                String met = scratch.resolve("met-" + round).toString();
                long t0 = System.nanoTime();
                MetJob.run(spark, in, null, met, true);
                metSeconds = (System.nanoTime() - t0) / 1e9;
                r = CompareJob.run(spark, new CompareJob.Inputs(in, met, jets, null),
                        scratch.resolve("report-" + round).toString(), cfg, true);
            }
            long events = r.events().values().stream().mapToLong(Long::longValue).sum();
            out.printf(Locale.ROOT, "%-34s %8s %9s %10s%n", "run", "events", "seconds", "events/s");
            out.printf(Locale.ROOT, "%-34s %8d %9.2f %10.1f%n", "met", events, metSeconds, events / metSeconds);
            out.printf(Locale.ROOT, "%-34s %8d %9.2f %10.1f%n", "compare (" + r.tables().size() + " tables, "
                    + r.plots() + " plots)", events, r.seconds(), r.eventsPerSecond());
            out.printf(Locale.ROOT, "%-34s %8d %9.2f %10.1f%n", "met + compare", events, metSeconds + r.seconds(),
                    events / (metSeconds + r.seconds()));
        }
        return ExitCodes.OK;
    }
}
