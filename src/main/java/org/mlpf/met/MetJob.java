package org.mlpf.met;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.InputException;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.ParquetInput.DataFile;

/**
 * The MET job: reads ntuples (and MLPF candidates), writes MET per event and source to {@code OUT/sample=NAME/},
 * one atomically committed directory per sample.
 */
public final class MetJob {
    private MetJob() {
    }

    /**
     * What a run wrote.
     *
     * @param samples the samples written, each to {@code OUT/sample=NAME}
     * @param events  events over those samples
     * @param lines   per sample and source: events and mean MET; then the totals, as printable lines
     */
    public record Result(List<String> samples, long events, List<String> lines) {
    }

    /**
     * Runs the MET stage.
     *
     * @param candidates MLPF candidates dataset, or null
     */
    public static Result run(SparkSession spark, String in, String candidates, String out, boolean overwrite) {
        long t0 = System.nanoTime();
        List<DataFile> all = new ArrayList<>();
        Dataset<Row> ntuples = ParquetInput.readChecked(spark, in, NtupleSchema.FORMAT, all);
        Optional<Dataset<Row>> mlpf = candidates == null ? Optional.empty()
                : Optional.of(ParquetInput.readChecked(spark, candidates, CandidateSchema.FORMAT, all));
        MetStage.checkSchemas(ntuples.schema(), mlpf.map(Dataset::schema), in);
        try {
            List<String> samples = SampleOutputs.writeBySample(spark, MetStage.transform(ntuples, mlpf), out,
                    overwrite);
            List<String> lines = new ArrayList<>();
            // the samples this run wrote, not whatever else OUT holds
            String[] dirs = samples.stream().map(n -> SampleOutputs.dir(out, n)).toArray(String[]::new);
            List<Row> stats = spark.read().option("basePath", out).parquet(dirs)
                    .groupBy(MetSchema.SAMPLE, MetSchema.SOURCE)
                    .agg(count("*"), avg(col(MetSchema.MET))).orderBy(MetSchema.SAMPLE, MetSchema.SOURCE).collectAsList();
            long events = 0;
            for (Row r : stats) {
                lines.add(String.format(Locale.ROOT, "%-12s %-5s %8d events, mean MET %8.2f GeV", r.getString(0),
                        r.getString(1), r.getLong(2), r.getDouble(3)));
                events += MetSchema.GEN.equals(r.getString(1)) ? r.getLong(2) : 0;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            lines.add(String.format(Locale.ROOT, "%d events in %.1f s (%.0f events/s)", events, seconds,
                    events / seconds));
            return new Result(List.copyOf(samples), events, List.copyOf(lines));
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked in Java's eyes
            throw InputErrors.whileRunning(in, all, out, e);
        }
    }
}
