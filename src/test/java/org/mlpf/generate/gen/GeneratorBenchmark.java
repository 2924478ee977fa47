package org.mlpf.generate.gen;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

import org.mlpf.generate.EventSeeds;
import org.mlpf.generate.Sample;
import org.mlpf.physics.GenEvent;

/**
 * Timing and content harness of the generator (not a test: nothing is asserted, timing never is). Run after
 * {@code mvn test-compile} with
 * {@code java -cp target/classes:target/test-classes org.mlpf.generate.gen.GeneratorBenchmark [events] [samples...]}.
 * Prints, per sample, events per second of thread CPU time with pileup 0 and with pileup flat in 55-75, particles per event,
 * final-state and charged multiplicities of the hard scatter, and the neutrino MET.
 */
public final class GeneratorBenchmark {
    private static final int PU_MIN = 55;
    private static final int PU_MAX = 75;
    /** CPU time of this thread, not wall-clock: the figures stay meaningful on a machine shared with builds. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GeneratorBenchmark() {
    }

    /** Entry point; arguments: number of timed events per sample and pileup setting, then sample names. */
    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String[] names = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : Samples.names().toArray(new String[0]);
        System.out.println("sample      pileup  events/s  ms/event  entries/ev  final/ev  hs-final/ev  hs-charged/ev"
                + "  met(nu) GeV");
        for (String name : names) {
            Sample s = Samples.byName(name);
            run(s, events / 4, false, true);
            run(s, events, false, false);
            run(s, Math.max(1, events / 10), true, true);
            run(s, Math.max(1, events / 10), true, false);
        }
    }

    private static void run(Sample s, int n, boolean pileup, boolean warmup) {
        GenEvent ev = new GenEvent();
        long entries = 0;
        long fin = 0;
        long hsFinal = 0;
        long hsCharged = 0;
        double met = 0;
        long time = 0;
        for (int i = 0; i < n; i++) {
            long seed = EventSeeds.seed(7, s.name(), i);
            SplittableRandom rng = new SplittableRandom(seed);
            int pu = pileup ? PU_MIN + rng.nextInt(PU_MAX - PU_MIN + 1) : 0;
            ev.reset();
            long t0 = THREADS.getCurrentThreadCpuTime();
            s.generate(rng, pu, ev);
            time += THREADS.getCurrentThreadCpuTime() - t0;
            entries += ev.size();
            double mx = 0;
            double my = 0;
            for (int j = 0; j < ev.size(); j++) {
                if (!ev.isFinal(j)) {
                    continue;
                }
                fin++;
                if (ev.vertexId(j) == 0) {
                    hsFinal++;
                    hsCharged += ev.charge(j) != 0 ? 1 : 0;
                }
                if (Species.isNeutrino(ev.pdgId(j))) {
                    mx += ev.px(j);
                    my += ev.py(j);
                }
            }
            met += Math.hypot(mx, my);
        }
        if (warmup) {
            return;
        }
        System.out.println(String.format(Locale.ROOT, "%-10s %7s %9.0f %9.3f %11.0f %9.0f %12.1f %14.1f %12.1f",
                s.name(), pileup ? PU_MIN + "-" + PU_MAX : "0", n / (time * 1e-9), time * 1e-6 / n,
                (double) entries / n, (double) fin / n, (double) hsFinal / n, (double) hsCharged / n, met / n));
    }
}
