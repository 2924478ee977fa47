package org.mlpf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.mlpf.config.Settings;
import org.mlpf.infer.InferBench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf bench infer}: end-to-end inference throughput with 1 and 2 executors, and the model's share. */
@Command(name = "infer", showDefaultValues = true,
        description = {"Time the whole inference job (read, tensorize on the fly, predict, write) on the same ntuples "
                + "with 1 and 2 executors (local[1], local[2]) after a warm-up run each; prints events/s, ms/event "
                + "and the share of time spent outside the model (measured inside the tasks).",
            "Without --in, generates --events events of --sample; without --model, uses the ACAT 2021 "
                    + "configuration with random weights."})
public final class BenchInferCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", paramLabel = "NTUPLES", description = "ntuple dataset (default: generated)")
    String in;

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: random ACAT 2021 model)")
    String model;

    @Option(names = "--sample", paramLabel = "NAME", defaultValue = "ttbar",
            description = "sample generated without --in")
    String sample;

    @Option(names = "--events", paramLabel = "N", defaultValue = "48", description = "events generated without --in")
    long events;

    @Option(names = "--masters", split = ",", paramLabel = "URL[,URL...]", defaultValue = "local[1],local[2]",
            description = "Spark masters to compare, one session each")
    List<String> masters;

    @Option(names = "--batch", paramLabel = "B", descriptionKey = "mlpf.infer.batch")
    int batch;

    @Option(names = "--buckets", paramLabel = "N,N,...", descriptionKey = "mlpf.tensorize.buckets")
    String buckets;

    @Override
    public Integer call() throws IOException {
        Settings s = CliSettings.resolve(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("mlpf-bench-infer");
        try {
            String[] prepared = InferBench.prepare(s, in, model, sample, events, scratch, out::println);
            out.flush();
            InferBench.table(InferBench.run(s, prepared[0], prepared[1], masters, scratch)).forEach(out::println);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return ExitCodes.OK;
    }
}
