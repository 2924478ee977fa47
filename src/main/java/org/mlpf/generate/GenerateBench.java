package org.mlpf.generate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.spark.sql.SparkSession;
import org.mlpf.generate.gen.Samples;
import org.mlpf.physics.GenEvent;
import org.mlpf.schema.NtupleEvent;

/**
 * Benchmark of sample production: one thread in this JVM, timed per phase with the thread's CPU time (robust to
 * other load on the machine), then the Spark job end to end with the Parquet write.
 */
public final class GenerateBench {
    private GenerateBench() {
    }

    /** Runs the benchmark and returns the printed table. */
    public static List<String> run(SparkSession spark, String sample, GenerateConfig cfg, ReconstructionConfig reco,
                                   int warmup, int events, String scratch) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Sample s = Samples.byName(sample);
        Reconstruction r = new Reconstruction(reco);
        GenEvent gen = new GenEvent();
        NtupleEvent ev = new NtupleEvent(0, sample);
        int[] pu = cfg.pileupOf(sample);
        long[] cpu = new long[3];
        long elements = 0;
        long particles = 0;
        for (int i = 0; i < warmup + events; i++) {
            long seed = EventSeeds.seed(cfg.seed(), sample, i);
            SplittableRandom rng = new SplittableRandom(seed);
            int pileup = pu[0] + rng.nextInt(pu[1] - pu[0] + 1);
            long t0 = mx.getCurrentThreadCpuTime();
            s.generate(rng, pileup, gen.reset());
            long t1 = mx.getCurrentThreadCpuTime();
            r.process(gen, seed, ev.reset(i, sample));
            long t2 = mx.getCurrentThreadCpuTime();
            ev.toRow();
            long t3 = mx.getCurrentThreadCpuTime();
            if (i >= warmup) {
                cpu[0] += t1 - t0;
                cpu[1] += t2 - t1;
                cpu[2] += t3 - t2;
                elements += ev.numElements();
                particles += gen.size();
            }
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "sample %s, pileup %d:%d, %d events after %d warm-up", sample, pu[0], pu[1],
                events, warmup));
        out.add(String.format(Locale.ROOT, "generator particles per event: %.0f, elements per event: %.0f",
                (double) particles / events, (double) elements / events));
        out.add(String.format(Locale.ROOT, "%-28s %10s %12s", "phase (one thread, CPU time)", "ms/event", "events/s"));
        String[] names = {"generator", "simulation + PF + targets", "row conversion"};
        long total = 0;
        for (int k = 0; k < 3; k++) {
            total += cpu[k];
            out.add(row(names[k], cpu[k], events));
        }
        out.add(row("total per core", total, events));
        GenerateJob.Summary spark1 = GenerateJob.generate(spark, sample,
                new GenerateConfig(events, cfg.pileup(), cfg.gunPileup(), cfg.seed(), 0), reco, scratch, true);
        int cores = spark.sparkContext().defaultParallelism();
        out.add(String.format(Locale.ROOT, "spark generate + Parquet write (%s, %d cores): %d events in %.2f s, "
                        + "%.1f events/s, %.1f events/s per core", spark.sparkContext().master(), cores, spark1.events(),
                spark1.seconds(), spark1.eventsPerSecond(), spark1.eventsPerSecond() / cores));
        return out;
    }

    private static String row(String name, long nanos, int events) {
        double ms = nanos / 1e6 / events;
        return String.format(Locale.ROOT, "%-28s %10.2f %12.1f", name, ms, 1000 / ms);
    }
}
