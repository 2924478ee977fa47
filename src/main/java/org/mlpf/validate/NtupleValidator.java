package org.mlpf.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.input_file_name;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.ParquetInput.DataFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a Parquet ntuple dataset: first every file's footer and schema, then, in one distributed pass,
 * every value (list lengths, type and class codes, finite numbers, ranges) together with the summary counts,
 * then the uniqueness of event ids within each sample.
 */
public final class NtupleValidator {
    private static final Logger LOG = LoggerFactory.getLogger(NtupleValidator.class);

    private NtupleValidator() {
    }

    /**
     * Validates the dataset at {@code path}.
     *
     * @throws org.mlpf.spark.InputException             if the path is missing, empty or holds unreadable files
     * @throws org.mlpf.schema.SchemaMismatchException if a file is not an ntuple of the current version
     */
    public static ValidationReport validate(SparkSession spark, String path, ValidateConfig cfg) {
        long t0 = System.nanoTime();
        List<DataFile> files = new ArrayList<>();
        Dataset<Row> df = ParquetInput.readChecked(spark, path, NtupleSchema.FORMAT, files);
        Dataset<Row> withFile = df.withColumn(EventChecker.FILE_COLUMN, input_file_name());
        EventChecker checker = new EventChecker(withFile.schema(), cfg);
        ValidationSummary summary;
        List<Violation> duplicates = new ArrayList<>();
        try {
            summary = withFile.javaRDD().mapPartitions(checker::checkPartition).reduce(ValidationSummary::merge);
            Dataset<Row> dup = withFile.groupBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID)
                    .agg(count("*").as("n"), first(EventChecker.FILE_COLUMN).as("file"))
                    .filter(col("n").gt(1))
                    .orderBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID);
            for (Row r : dup.takeAsList(cfg.maxOffenders())) {
                duplicates.add(new Violation(r.getString(3), r.isNullAt(1) ? -1 : r.getLong(1), NtupleSchema.EVENT_ID,
                        Long.toString(r.getLong(1)), "event_id appears " + r.getLong(2) + " times in sample "
                        + r.getString(0)));
            }
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown anyway
            throw InputErrors.whileReading(path, files, e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("validated {} events in {} files in {} s ({} events/s)", summary.events(), files.size(),
                String.format("%.2f", seconds), String.format("%.0f", summary.events() / Math.max(seconds, 1e-9)));
        return new ValidationReport(path, files.size(), summary, duplicates);
    }
}
