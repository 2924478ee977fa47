package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.spark.Sessions;
import org.mlpf.validate.NtupleValidator;
import org.mlpf.validate.ValidateConfig;
import org.mlpf.validate.ValidationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf validate}: checks an ntuple dataset and prints its summary; exit 1 with the offenders if invalid. */
@Command(name = "validate", showDefaultValues = true,
        description = {"Check a Parquet ntuple dataset: schema, list lengths (elements, ygen, ycand), element type and "
                + "class codes, finite numbers, ranges (|eta|, phi in [-pi, pi], E >= 0), unique event ids.",
                "Prints a summary (events, elements per event, class counts); exits 1 listing the first offenders "
                        + "(file, event id, field, value) if any rule is broken."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "PATH",
            description = "ntuple dataset: a directory (partitioned by sample or not) or one Parquet file")
    String in;

    @Option(names = "--max-offenders", paramLabel = "N", descriptionKey = "mlpf.validate.max-offenders")
    int maxOffenders;

    @Option(names = "--max-abs-eta", paramLabel = "X", descriptionKey = "mlpf.validate.max-abs-eta")
    double maxAbsEta;

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        ValidateConfig cfg = ValidateConfig.from(s);
        SparkSession spark = Sessions.create("mlpf validate", s);
        ValidationReport report = NtupleValidator.validate(spark, in, cfg);
        PrintWriter out = spec.commandLine().getOut();
        report.summaryLines().forEach(out::println);
        if (report.ok()) {
            out.println("OK: " + in + " is a valid ntuple dataset");
            return ExitCodes.OK;
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        report.problemLines().forEach(err::println);
        return ExitCodes.BAD_DATA;
    }
}
