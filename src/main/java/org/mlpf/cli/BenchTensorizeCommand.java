package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;
import org.mlpf.tensorize.TensorizeBench;
import org.mlpf.tensorize.TensorizeConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf bench tensorize}: tensorize next to a plain Spark copy of the same ntuples. */
@Command(name = "tensorize", showDefaultValues = true,
        description = "Time tensorize and a plain Spark read + write of the same ntuples in the same run; prints "
                + "events/s and MB/s of both.")
public final class BenchTensorizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES", description = "ntuple dataset to tensorize")
    String in;

    @Option(names = "--buckets", paramLabel = "N,N,...", descriptionKey = "mlpf.tensorize.buckets")
    String buckets;

    @Option(names = "--oversize", paramLabel = "error|drop|split", descriptionKey = "mlpf.tensorize.oversize")
    String oversize;

    @Override
    public Integer call() throws IOException {
        Settings s = CliSettings.resolve(spec);
        SparkSession spark = Sessions.create("mlpf bench tensorize", s);
        try (Scratch tmp = Scratch.create("mlpf-bench-tensorize")) {
            Path scratch = tmp.path();
            List<TensorizeBench.Result> results = TensorizeBench.run(spark, in, scratch.toString(),
                    TensorizeConfig.from(s));
            PrintWriter out = spec.commandLine().getOut();
            TensorizeBench.table(results).forEach(out::println);
        }
        return ExitCodes.OK;
    }
}
