package org.mlpf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlpf bench STAGE}: one benchmark per stage, each printing its figures (events/s, ms/event) as a table
 * after a warm-up. Benchmarks are never asserted on in tests.
 */
@Command(name = "bench", description = "Benchmark a stage: prints events/s or ms/event after a warm-up.",
        subcommands = {BenchGenerateCommand.class, BenchTensorizeCommand.class, BenchModelCommand.class,
            BenchCompareCommand.class,
            BenchJetsCommand.class, BenchTrainCommand.class, BenchInferCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name the stage to benchmark: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
