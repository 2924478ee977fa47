package org.mlpf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.jets.ClusterSequence;
import org.mlpf.jets.JetDefinition;
import org.mlpf.jets.Strategy;
import org.mlpf.physics.GenEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlpf bench jets}: times the clustering of one event after a warm-up; the last line is
 * {@code ms_per_clustering N=<particles>: <ms>} (the mean), for scripts.
 */
@Command(name = "jets", showDefaultValues = true,
        description = {"Time the jet clustering of one event: a warm-up (at least max(10, REPEAT/4) clusterings and "
                + "3 s, so that the JIT has compiled and settled the hot code), then REPEAT timed clusterings on one thread.",
                "Prints mean, min, median and max; the last line is 'ms_per_clustering N=<particles>: <mean ms>'."})
public final class BenchJetsCommand implements Callable<Integer> {
    private static final long MIN_WARMUP_NANOS = 3_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "event file")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pxpypze",
            description = "input format: ${COMPLETION-CANDIDATES}")
    EventFileFormat format;

    @Option(names = "--event", paramLabel = "N", defaultValue = "0", description = "which event of the file (0-based)")
    int event;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "antikt",
            description = "jet algorithm: antikt, kt or cambridge")
    String algorithm;

    @Option(names = "--R", paramLabel = "R", defaultValue = "0.4", description = "jet radius")
    double r;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "Best",
            description = "clustering strategy (FastJet's names: Best, N2Plain, N2Tiled, N2MinHeapTiled, N2MHTLazy9, "
                    + "N2MHTLazy25, N3Dumb); the jets do not depend on it")
    String strategy;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "200", description = "timed clusterings")
    int repeat;

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be >= 1, got " + repeat);
        }
        JetDefinition def;
        try {
            def = ClusterJetsCommand.definition(spec, algorithm, r).withStrategy(Strategy.fromName(strategy));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        GenEvent ev = ClusterJetsCommand.selectEvent(spec, format.readAll(input), input, event);
        PrintWriter out = spec.commandLine().getOut();
        ClusterSequence first = ClusterSequence.of(ev, def);
        out.printf(Locale.ROOT, "bench jets: %s event %d, N=%d particles, %s, strategy %s%n", input, event, ev.size(),
                def.description(), first.strategyUsed().fastJetName());
        long sink = 0;
        int warmups = 0;
        long w0 = System.nanoTime();
        while (warmups < Math.max(10, repeat / 4) || System.nanoTime() - w0 < MIN_WARMUP_NANOS) {
            sink += ClusterSequence.of(ev, def).inclusiveJets(0).size();
            warmups++;
        }
        out.printf(Locale.ROOT, "warm-up: %d clusterings in %.2f s%n", warmups, (System.nanoTime() - w0) / 1e9);
        double[] ms = new double[repeat];
        for (int k = 0; k < repeat; k++) {
            long t0 = System.nanoTime();
            sink += ClusterSequence.of(ev, def).inclusiveJets(0).size();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "timed: %d clusterings: mean %.3f ms, min %.3f, median %.3f, max %.3f%n", repeat, mean,
                sorted[0], sorted[repeat / 2], sorted[repeat - 1]);
        out.printf(Locale.ROOT, "inclusive jets: %d (checksum %d)%n", first.inclusiveJets(0).size(), sink);
        out.printf(Locale.ROOT, "ms_per_clustering N=%d: %.3f%n", ev.size(), mean);
        return ExitCodes.OK;
    }
}
