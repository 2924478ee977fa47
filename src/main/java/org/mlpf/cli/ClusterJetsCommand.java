package org.mlpf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.jets.ClusterSequence;
import org.mlpf.jets.JetAlgorithm;
import org.mlpf.jets.JetDefinition;
import org.mlpf.jets.PseudoJet;
import org.mlpf.physics.GenEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlpf cluster-jets}: clusters one event of a generator file and prints its jets as CSV. */
@Command(name = "cluster-jets", showDefaultValues = true,
        description = {"Cluster all particles of one event of a generator file (FastJet's px py pz E text, or HepMC3 "
                + "final-state particles) and print the inclusive jets as CSV: header pt,rap,phi,m,px,py,pz,e, one jet "
                + "per line by decreasing pt, 17 significant digits (GeV; rapidity and phi in [0, 2 pi) as FastJet "
                + "defines them). The jets equal FastJet 3.4's for the same definition."})
public final class ClusterJetsCommand implements Callable<Integer> {
    /** CSV header of the output. */
    static final String HEADER = "pt,rap,phi,m,px,py,pz,e";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "event file")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pxpypze",
            description = "input format: ${COMPLETION-CANDIDATES}")
    EventFileFormat format;

    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "antikt",
            description = "jet algorithm: antikt, kt or cambridge")
    String algorithm;

    @Option(names = "--R", paramLabel = "R", defaultValue = "0.4", description = "jet radius in (rapidity, phi)")
    double r;

    @Option(names = "--ptmin", paramLabel = "GEV", defaultValue = "0", description = "smallest jet pt printed, GeV")
    double ptmin;

    @Option(names = "--event", paramLabel = "N", defaultValue = "0",
            description = "which event of a multi-event file (0-based)")
    int event;

    @Override
    public Integer call() {
        JetDefinition def = definition(spec, algorithm, r);
        if (!(ptmin >= 0)) {
            throw new ParameterException(spec.commandLine(), "--ptmin must be >= 0, got " + ptmin);
        }
        GenEvent ev = selectEvent(spec, format.readAll(input), input, event);
        ClusterSequence cs = ClusterSequence.of(ev, def);
        PrintWriter out = spec.commandLine().getOut();
        out.println(HEADER);
        for (PseudoJet j : ClusterSequence.sortedByPt(cs.inclusiveJets(ptmin))) {
            out.println(csv(j));
        }
        return ExitCodes.OK;
    }

    /** The jet definition of the flags; a bad algorithm or R is a usage error. */
    static JetDefinition definition(CommandSpec spec, String algorithm, double r) {
        try {
            return new JetDefinition(JetAlgorithm.fromName(algorithm), r);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Event {@code index} of {@code events}; out of range is a usage error naming the file's event count. */
    static GenEvent selectEvent(CommandSpec spec, List<GenEvent> events, Path file, int index) {
        if (index < 0 || index >= events.size()) {
            throw new ParameterException(spec.commandLine(), "--event " + index + ": " + file + " has "
                    + events.size() + " event(s), numbered from 0");
        }
        return events.get(index);
    }

    /** One CSV line: pt, rap, phi, m, px, py, pz, e with 17 significant digits (reads back to the same doubles). */
    static String csv(PseudoJet j) {
        return String.join(",", num(j.pt()), num(j.rap()), num(j.phi()), num(j.m()), num(j.px()), num(j.py()),
                num(j.pz()), num(j.e()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
