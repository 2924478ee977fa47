package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateBench;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf bench generate}: events/s per core of sample production and elements per event. */
@Command(name = "generate", showDefaultValues = true,
        description = "Time sample production: per phase on one thread (CPU time), then the Spark job with the "
                + "Parquet write; prints events/s per core and elements per event.")
public final class BenchGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--sample", defaultValue = "ttbar", paramLabel = "NAME", description = "sample")
    String sample;

    @Option(names = "--pileup", paramLabel = "MIN:MAX", description = "pileup (default: the sample's configured range)")
    String pileup;

    @Option(names = "--events", defaultValue = "100", paramLabel = "N", description = "measured events")
    int events;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N", description = "warm-up events")
    int warmup;

    @Override
    public Integer call() throws IOException {
        Settings s = CliSettings.resolve(spec);
        if (pileup != null) {
            s = s.with(GenerateConfig.PILEUP.name(), pileup, "command line --pileup")
                    .with(GenerateConfig.GUN_PILEUP.name(), pileup, "command line --pileup");
        }
        SparkSession spark = Sessions.create("mlpf bench generate", s);
        try (Scratch tmp = Scratch.create("mlpf-bench-generate")) {
            Path scratch = tmp.path();
            PrintWriter out = spec.commandLine().getOut();
            GenerateBench.run(spark, sample, GenerateConfig.from(s), ReconstructionConfig.from(s), warmup, events,
                    scratch.toString()).forEach(out::println);
        }
        return ExitCodes.OK;
    }
}
