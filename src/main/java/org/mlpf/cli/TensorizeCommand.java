package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;
import org.mlpf.tensorize.TensorizeSummary;
import org.mlpf.validate.ValidateConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlpf tensorize}: ntuples to padded event tensors, normalization statistics and a summary. */
@Command(name = "tensorize", showDefaultValues = true,
        description = {"Turn Parquet ntuples into padded event tensors: OUT/data/split=S/bucket=N/*.parquet, "
                + "OUT/normalization.json, OUT/summary.json, OUT/quarantine/.",
            "Each event goes to the smallest bucket that holds it; prints rows per split and the padding efficiency "
                    + "per bucket."})
public final class TensorizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "NTUPLES", description = "ntuple dataset")
    String in;

    @Option(names = "--out", required = true, paramLabel = "TENSORS", description = "output directory")
    String out;

    @Option(names = "--pad", paramLabel = "N", description = "one fixed padded size (shorthand for --buckets N)")
    Integer pad;

    @Option(names = "--buckets", paramLabel = "N,N,...", descriptionKey = "mlpf.tensorize.buckets")
    String buckets;

    @Option(names = "--target", paramLabel = "gen|cand", descriptionKey = "mlpf.tensorize.target")
    String target;

    @Option(names = "--split", paramLabel = "TRAIN,VAL,TEST", descriptionKey = "mlpf.tensorize.split")
    String split;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "mlpf.tensorize.seed")
    long seed;

    @Option(names = "--oversize", paramLabel = "error|drop|split", descriptionKey = "mlpf.tensorize.oversize")
    String oversize;

    @Option(names = "--shard-events", paramLabel = "N", descriptionKey = "mlpf.tensorize.shard-events")
    int shardEvents;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        if (pad != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--buckets")) {
                throw new ParameterException(spec.commandLine(), "--pad and --buckets exclude each other");
            }
            s = s.with(TensorizeConfig.BUCKETS.name(), pad.toString(), "command line --pad");
        }
        TensorizeConfig cfg = TensorizeConfig.from(s);
        SparkSession spark = Sessions.create("mlpf tensorize", s);
        TensorizeSummary summary = TensorizeJob.run(spark, in, out, cfg, overwrite,
                ValidateConfig.from(s).maxOffenders());
        PrintWriter pw = spec.commandLine().getOut();
        summary.lines().forEach(pw::println);
        pw.println("tensors written to " + out);
        return ExitCodes.OK;
    }
}
