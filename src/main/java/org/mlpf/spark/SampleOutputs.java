package org.mlpf.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a per-event dataset as one atomically committed directory per sample, {@code OUT/sample=NAME/}: the layout
 * of every per-event stage output (ntuples, candidates, jets, MET), so that the whole root reads as one dataset
 * partitioned by sample, a sample can be added or redone without touching the others, and a crash never leaves a
 * partial sample visible.
 */
public final class SampleOutputs {
    /** The partition column. */
    public static final String SAMPLE = "sample";

    private SampleOutputs() {
    }

    /** The directory of one sample under {@code root}. */
    public static String dir(String root, String sample) {
        return root + "/" + SAMPLE + "=" + sample;
    }

    /**
     * Writes the rows of {@code sample} (the dataset without its sample column) to {@code root/sample=NAME}.
     *
     * @param options Parquet writer options as key, value pairs
     */
    public static void writeSample(SparkSession spark, Dataset<Row> rows, String root, String sample,
                                   boolean overwrite, String... options) {
        try (OutputDir dir = OutputDir.begin(spark, dir(root, sample), overwrite)) {
            var w = rows.drop(SAMPLE).write();
            for (int i = 0; i + 1 < options.length; i += 2) {
                w = w.option(options[i], options[i + 1]);
            }
            w.parquet(dir.path());
            dir.commit();
        }
    }

    /**
     * Writes the given samples of {@code rows} (which has a sample column) in one Spark job, partitioned by sample into
     * a hidden staging directory under {@code root}, then commits each sample's directory atomically as
     * {@link #writeSample} does. One job instead of one per sample: the rows are computed once without being cached,
     * which matters when computing them is expensive (inference).
     *
     * @param samples the samples {@code rows} holds; rows of other samples are not committed
     * @throws InputException if a sample's output exists and {@code overwrite} is false (checked before writing)
     */
    public static void writeSamplesInOneJob(SparkSession spark, Dataset<Row> rows, String root, List<String> samples,
                                            boolean overwrite, String... options) {
        List<OutputDir> dirs = new ArrayList<>();
        Path staging = new Path(root, ".staging-" + UUID.randomUUID());
        try {
            FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try {
                for (String s : samples) {
                    dirs.add(OutputDir.begin(spark, dir(root, s), overwrite));
                }
                var w = rows.write().partitionBy(SAMPLE);
                for (int i = 0; i + 1 < options.length; i += 2) {
                    w = w.option(options[i], options[i + 1]);
                }
                w.parquet(staging.toString());
                for (int i = 0; i < samples.size(); i++) {
                    Path written = new Path(staging, SAMPLE + "=" + samples.get(i));
                    Path tmp = new Path(dirs.get(i).path());
                    // a sample without rows still gets its (empty) committed directory
                    if (fs.exists(written) ? !fs.rename(written, tmp) : !fs.mkdirs(tmp)) {
                        throw new IOException("cannot move " + written + " to " + tmp);
                    }
                    dirs.get(i).commit();
                }
            } finally {
                dirs.forEach(OutputDir::close);
                fs.delete(staging, true);
            }
        } catch (IOException e) {
            throw new InputException("cannot write the samples of " + root + ": " + e.getMessage(), e);
        }
    }

    /** Writes every sample of {@code rows} (which has a sample column), one committed directory each. */
    public static List<String> writeBySample(SparkSession spark, Dataset<Row> rows, String root, boolean overwrite,
                                             String... options) {
        List<String> samples = new ArrayList<>();
        for (Row r : rows.select(SAMPLE).distinct().orderBy(SAMPLE).collectAsList()) {
            samples.add(r.getString(0));
        }
        for (String s : samples) {
            writeSample(spark, rows.filter(col(SAMPLE).equalTo(s)), root, s, overwrite, options);
        }
        return samples;
    }
}
