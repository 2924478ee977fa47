package org.mlpf.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.generate.gen.Samples;
import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.physics.GenEvent;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.spark.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Tuple2;

/**
 * The Spark layer of sample production: events are generated, simulated and reconstructed inside partitions, each
 * from its own seed (run seed, sample, event index), so the output is the same for any number of partitions or
 * executors; each sample is written to {@code OUT/sample=NAME/} and committed atomically, so producing one sample
 * never touches the others.
 */
public final class GenerateJob {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

    /**
     * What was written for one sample.
     *
     * @param sample       the sample
     * @param path         its output directory
     * @param events       events written
     * @param meanElements mean elements per event
     * @param maxElements  largest number of elements in an event
     * @param seconds      wall time
     */
    public record Summary(String sample, String path, long events, double meanElements, int maxElements,
                          double seconds) {
        /** Events per second. */
        public double eventsPerSecond() {
            return events / Math.max(seconds, 1e-9);
        }

        /** One line for the command's output. */
        public String line() {
            return String.format(Locale.ROOT, "%-10s %8d events, %7.1f elements/event (max %d), %6.1f s, %7.1f events/s",
                    sample, events, meanElements, maxElements, seconds, eventsPerSecond());
        }
    }

    private GenerateJob() {
    }

    /** Generates {@code cfg.events()} events of {@code sample} into {@code out/sample=NAME}. */
    public static Summary generate(SparkSession spark, String sample, GenerateConfig cfg, ReconstructionConfig reco,
                                   String out, boolean overwrite) {
        Samples.byName(sample); // fail on an unknown name before any job starts
        int partitions = cfg.partitions() > 0 ? cfg.partitions() : 2 * spark.sparkContext().defaultParallelism();
        int[] pu = cfg.pileupOf(sample);
        Dataset<Row> rows = spark.range(0, cfg.events(), 1, partitions)
                .mapPartitions(new Generator(sample, cfg.seed(), pu[0], pu[1], reco, cfg.events(), partitions),
                        Encoders.row(NtupleSchema.SCHEMA));
        return write(spark, sample, rows, out, overwrite);
    }

    /**
     * Simulates and reconstructs the events of a generator-output file (read on the driver, then distributed) into
     * {@code out/sample=NAME}; event ids are the events' positions in the file.
     *
     * @throws org.mlpf.generate.io.EventFormatException naming the file and line of a malformed line
     */
    public static Summary simulate(SparkSession spark, Path file, EventFileFormat format, String sample,
                                   long seed, int partitions, ReconstructionConfig reco, String out,
                                   boolean overwrite) {
        List<GenEvent> events = format.readAll(file);
        List<Tuple2<Long, GenEvent>> indexed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            indexed.add(new Tuple2<>((long) i, events.get(i)));
        }
        int p = partitions > 0 ? partitions : Math.max(1, Math.min(events.size(),
                2 * spark.sparkContext().defaultParallelism()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(indexed, p).mapPartitions(it -> {
            Reconstruction reconstruction = new Reconstruction(reco);
            NtupleEvent ev = new NtupleEvent(0, sample);
            List<Row> made = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Long, GenEvent> e = it.next();
                reconstruction.process(e._2(), EventSeeds.seed(seed, sample, e._1()), ev.reset(e._1(), sample));
                made.add(ev.toRow());
            }
            return made.iterator();
        });
        return write(spark, sample, spark.createDataFrame(rows, NtupleSchema.SCHEMA), out, overwrite);
    }

    /** Writes the rows of one sample atomically into {@code out/sample=NAME} and summarizes them. */
    static Summary write(SparkSession spark, String sample, Dataset<Row> rows, String out, boolean overwrite) {
        long t0 = System.nanoTime();
        String target = SampleOutputs.dir(out, sample);
        // Dictionaries buy nothing on float features and cost a third of the write time.
        SampleOutputs.writeSample(spark, rows, out, sample, overwrite, "parquet.enable.dictionary", "false");
        double seconds = (System.nanoTime() - t0) / 1e9;
        Row r = spark.read().parquet(target).agg(count("*"),
                mean(size(col(NtupleSchema.ELEMENTS))), max(size(col(NtupleSchema.ELEMENTS)))).first();
        Summary s = new Summary(sample, target, r.getLong(0), r.isNullAt(1) ? 0 : r.getDouble(1),
                r.isNullAt(2) ? 0 : r.getInt(2), seconds);
        LOG.info("{}", s.line());
        return s;
    }

    /** Makes the rows of one partition of event indices: generation, simulation, PF, row conversion. */
    static final class Generator implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;

        private final String sample;
        private final long seed;
        private final int pileupMin;
        private final int pileupMax;
        private final ReconstructionConfig reco;
        private final long totalEvents;
        private final int partitions;

        Generator(String sample, long seed, int pileupMin, int pileupMax, ReconstructionConfig reco, long totalEvents,
                  int partitions) {
            this.sample = sample;
            this.seed = seed;
            this.pileupMin = pileupMin;
            this.pileupMax = pileupMax;
            this.reco = reco;
            this.totalEvents = totalEvents;
            this.partitions = partitions;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> indices) {
            Sample s = Samples.byName(sample);
            Reconstruction reconstruction = new Reconstruction(reco);
            GenEvent gen = new GenEvent();
            NtupleEvent ev = new NtupleEvent(0, sample);
            TaskContext task = TaskContext.get();
            int part = task == null ? 0 : task.partitionId();
            // spark.range gives partition i the indices [i * n / P, (i + 1) * n / P).
            long size = (part + 1L) * totalEvents / partitions - part * totalEvents / partitions;
            Progress progress = new Progress("generate " + sample + ", partition " + part, size);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return indices.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    long index = indices.next();
                    long eventSeed = EventSeeds.seed(seed, sample, index);
                    SplittableRandom rng = new SplittableRandom(eventSeed);
                    int pileup = pileupMin + rng.nextInt(pileupMax - pileupMin + 1);
                    s.generate(rng, pileup, gen.reset());
                    reconstruction.process(gen, eventSeed, ev.reset(index, sample));
                    progress.step();
                    return ev.toRow();
                }
            };
        }
    }
}
