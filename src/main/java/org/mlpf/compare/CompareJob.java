package org.mlpf.compare;

import static org.apache.spark.sql.functions.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.DatasetFormat;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputDir;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.ParquetInput.DataFile;
import org.mlpf.spark.Scala;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comparison job: reads ntuples, MET (and jets and MLPF candidates when given), computes the comparison tables
 * as DataFrame aggregations, then the side-by-side {@code headline} and {@code verdict} from the written ones, and
 * writes {@code REPORT/tables/NAME/} (Parquet) and {@code NAME.csv},
 * {@code REPORT/plots/*.png}, {@code REPORT/summary.md} and {@code REPORT/index.html}, committed atomically.
 */
public final class CompareJob {
    private static final Logger LOG = LoggerFactory.getLogger(CompareJob.class);

    /**
     * What the job wrote.
     *
     * @param report the report directory
     * @param tables table names
     * @param plots  number of plots
     * @param events events per sample
     * @param seconds wall time
     */
    public record Result(String report, List<String> tables, int plots, Map<String, Long> events, double seconds) {
        /** Events per second over all samples. */
        public double eventsPerSecond() {
            return events.values().stream().mapToLong(Long::longValue).sum() / Math.max(seconds, 1e-9);
        }
    }

    /**
     * The inputs of a comparison; {@code jets} and {@code candidates} (MLPF) may be null; {@code samples} limits the
     * comparison to those samples (null: every sample of the inputs).
     */
    public record Inputs(String ntuples, String met, String jets, String candidates, List<String> samples) {
        /** All samples of the inputs. */
        public Inputs(String ntuples, String met, String jets, String candidates) {
            this(ntuples, met, jets, candidates, null);
        }
    }

    private CompareJob() {
    }

    /** Runs the comparison into {@code out}. */
    public static Result run(SparkSession spark, Inputs in, String out, CompareConfig cfg, boolean overwrite) {
        long t0 = System.nanoTime();
        List<DataFile> files = new ArrayList<>();
        Dataset<Row> ntuples = read(spark, in.ntuples(), NtupleSchema.FORMAT, files);
        Dataset<Row> met = read(spark, in.met(), MetSchema.FORMAT, files);
        Optional<Dataset<Row>> mlpf = in.candidates() == null ? Optional.empty()
                : Optional.of(read(spark, in.candidates(), CandidateSchema.FORMAT, files));
        Optional<Dataset<Row>> jets = in.jets() == null ? Optional.empty()
                : Optional.of(read(spark, in.jets(), JetSchema.FORMAT, files));
        if (in.samples() != null) {
            Object[] keep = in.samples().toArray();
            ntuples = ntuples.filter(org.apache.spark.sql.functions.col(NtupleSchema.SAMPLE).isin(keep));
            met = met.filter(org.apache.spark.sql.functions.col(MetSchema.SAMPLE).isin(keep));
            jets = jets.map(j -> j.filter(org.apache.spark.sql.functions.col(JetSchema.SAMPLE).isin(keep)));
            mlpf = mlpf.map(c -> c.filter(org.apache.spark.sql.functions.col(CandidateSchema.SAMPLE).isin(keep)));
        }
        if (mlpf.isPresent()) {
            // Judge PF and MLPF on exactly the same events: those MLPF reconstructed (e.g. only a test split).
            Dataset<Row> events = mlpf.get().select(CandidateSchema.SAMPLE, CandidateSchema.EVENT_ID).distinct();
            ntuples = ntuples.join(events, Scala.seq(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID), "left_semi");
            met = met.join(events, Scala.seq(MetSchema.SAMPLE, MetSchema.EVENT_ID), "left_semi");
            jets = jets.map(j -> j.join(events, Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID), "left_semi"));
        }
        Path plotDir = null;
        try (OutputDir dir = OutputDir.begin(spark, out, overwrite)) {
            Map<String, Long> events = new TreeMap<>();
            for (Row r : ntuples.groupBy(NtupleSchema.SAMPLE).agg(count("*")).collectAsList()) {
                events.put(r.getString(0), r.getLong(1));
            }
            Dataset<Row> pairs = ParticleComparison.pairs(ntuples, mlpf).cache();
            Map<String, Dataset<Row>> frames = new LinkedHashMap<>(ParticleComparison.tables(pairs, cfg));
            frames.putAll(MetComparison.tables(met.cache(), cfg));
            if (jets.isPresent()) {
                Dataset<Row> inputs = JetComparison.inputs(ntuples, mlpf);
                frames.putAll(JetComparison.tables(jets.get().cache(), Optional.of(inputs), cfg));
            }
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset<Row>> e : frames.entrySet()) {
                write(spark, dir, e.getKey(), e.getValue(), tables);
            }
            // The side-by-side tables from the tables just written: the same numbers, without recomputing them.
            Map<String, Dataset<Row>> written = new LinkedHashMap<>();
            for (String name : Verdict.INPUTS) {
                if (tables.containsKey(name)) {
                    written.put(name, spark.read().parquet(dir.resolve("tables/" + name)));
                }
            }
            for (Map.Entry<String, Dataset<Row>> e : Verdict.tables(written, cfg).entrySet()) {
                write(spark, dir, e.getKey(), e.getValue(), tables);
            }
            pairs.unpersist();
            met.unpersist();
            jets.ifPresent(Dataset::unpersist);
            plotDir = Files.createTempDirectory("mlpf-plots");
            List<Plots.Plot> plots = Plots.draw(tables, cfg, plotDir);
            for (Plots.Plot p : plots) {
                dir.copyFromLocal(plotDir.resolve(Path.of(p.file()).getFileName()), p.file());
            }
            List<Report.Section> sections = Report.sections(tables, plots, events, mlpf.isPresent(), cfg);
            dir.writeText("summary.md", Report.markdown(sections));
            dir.writeText("index.html", Report.html(sections));
            dir.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("compared {} events in {} s; report at {}/index.html", events, String.format("%.1f", seconds), out);
            return new Result(dir.target(), List.copyOf(tables.keySet()), plots.size(), events, seconds);
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked in Java's eyes
            throw InputErrors.whileRunning(in.ntuples(), files, out, e);
        } finally {
            deleteQuietly(plotDir);
        }
    }

    /** Collects a table, writes it as Parquet and CSV into the report, and adds it to {@code tables}. */
    private static void write(SparkSession spark, OutputDir dir, String name, Dataset<Row> df,
                              Map<String, Table> tables) {
        long tt = System.nanoTime();
        Table t = Table.of(name, List.of(df.schema().fieldNames()), df.collectAsList());
        LOG.debug("table {}: {} rows in {} s", name, t.rows().size(), (System.nanoTime() - tt) / 1e9);
        tables.put(name, t);
        spark.createDataFrame(t.rows(), df.schema()).coalesce(1).write().parquet(dir.resolve("tables/" + name));
        dir.writeText("tables/" + name + ".csv", t.csv());
    }

    private static Dataset<Row> read(SparkSession spark, String path, DatasetFormat format, List<DataFile> all) {
        return ParquetInput.readChecked(spark, path, format, all);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
