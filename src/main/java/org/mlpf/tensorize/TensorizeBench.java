package org.mlpf.tensorize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.mlpf.spark.InputException;
import org.mlpf.spark.ParquetInput;

/**
 * Times tensorize against a plain Spark read + write of the same ntuple bytes in the same run, so that the
 * figure says how far the stage is from Spark's own Parquet rate. Each is run twice; the second run is reported.
 */
public final class TensorizeBench {
    /**
     * One measured run.
     *
     * @param name    what ran
     * @param events  events read
     * @param seconds wall time
     * @param bytes   input bytes
     */
    public record Result(String name, long events, double seconds, long bytes) {
        /** Events per second. */
        public double eventsPerSecond() {
            return events / seconds;
        }

        /** Input MB per second. */
        public double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private TensorizeBench() {
    }

    /** Runs the benchmark on the ntuples at {@code in}, writing into the scratch directory {@code scratch}. */
    public static List<Result> run(SparkSession spark, String in, String scratch, TensorizeConfig cfg) {
        var files = ParquetInput.inspect(spark, in);
        long events = files.stream().mapToLong(ParquetInput.DataFile::rows).sum();
        long bytes = inputBytes(spark, files);
        List<Result> out = new ArrayList<>();
        Result copy = null;
        Result tensorize = null;
        for (int round = 0; round < 2; round++) {
            String copyOut = scratch + "/copy-" + round;
            long t0 = System.nanoTime();
            ParquetInput.read(spark, in, files).write().parquet(copyOut);
            copy = new Result("plain Spark read + write", events, (System.nanoTime() - t0) / 1e9, bytes);
            t0 = System.nanoTime();
            TensorizeJob.run(spark, in, scratch + "/tensors-" + round, cfg, true, 20);
            tensorize = new Result("tensorize", events, (System.nanoTime() - t0) / 1e9, bytes);
        }
        out.add(copy);
        out.add(tensorize);
        return out;
    }

    /** The table printed by {@code mlpf bench tensorize}. */
    public static List<String> table(List<Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-26s %10s %10s %12s %10s", "run", "events", "seconds", "events/s",
                "MB/s"));
        for (Result r : results) {
            lines.add(String.format(Locale.ROOT, "%-26s %10d %10.2f %12.1f %10.1f", r.name(), r.events(), r.seconds(),
                    r.eventsPerSecond(), r.megabytesPerSecond()));
        }
        lines.add(String.format(Locale.ROOT, "tensorize / plain copy time: %.2f", results.get(1).seconds()
                / results.get(0).seconds()));
        return lines;
    }

    private static long inputBytes(SparkSession spark, List<ParquetInput.DataFile> files) {
        long total = 0;
        try {
            for (ParquetInput.DataFile f : files) {
                Path p = new Path(f.path());
                FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
                total += fs.getFileStatus(p).getLen();
            }
        } catch (IOException e) {
            throw new InputException("cannot stat input files: " + e.getMessage(), e);
        }
        return total;
    }
}
