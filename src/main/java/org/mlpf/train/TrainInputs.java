package org.mlpf.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.config.ConfigException;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputDir;
import org.mlpf.tensorize.TensorizeSummary;

/**
 * The tensorize outputs a training run reads (one per sample in the pipeline): their summaries (the data version),
 * their normalization statistics merged into one, their common target, and their rows.
 *
 * @param tensors the outputs, as given
 * @param inputs  each output's summary (raw JSON, recorded in the run's metadata) and statistics
 * @param target  the target they were all made with (gen or cand)
 * @param stats   the merged normalization statistics
 * @param data    every row of every output
 */
record TrainInputs(List<String> tensors, List<Input> inputs, String target, NormalizationStats stats,
                   Dataset<Row> data) {
    /**
     * One tensorize output.
     *
     * @param path    its directory
     * @param summary its {@code summary.json}
     * @param stats   its {@code normalization.json}
     */
    record Input(String path, JsonElement summary, NormalizationStats stats) {
    }

    /**
     * Opens {@code tensors}, checking each is a complete tensorize output made with {@code target} (or with one
     * common target if {@code target} is "auto").
     *
     * @throws InputException  if an output is missing or incomplete, or the outputs mix targets
     * @throws ConfigException if {@code target} differs from the outputs'
     */
    static TrainInputs open(SparkSession spark, List<String> tensors, String target) {
        if (tensors.isEmpty()) {
            throw new InputException("no tensors given (--in TENSORS[,TENSORS...])");
        }
        Set<Path> seen = new HashSet<>();
        List<Input> inputs = new ArrayList<>();
        String common = null;
        String first = null;
        NormalizationStats merged = null;
        for (String t : tensors) {
            Path dir = Path.of(t).toAbsolutePath().normalize();
            if (!seen.add(dir)) {
                throw new InputException("tensors " + t + " given twice");
            }
            if (!Files.isDirectory(dir)) {
                throw new InputException(t + ": no such tensors directory");
            }
            if (!OutputDir.isCommitted(spark, dir.toString())) {
                throw new InputException(t + ": not a complete tensorize output (no " + OutputDir.SUCCESS + ")");
            }
            JsonElement summaryJson;
            TensorizeSummary summary;
            NormalizationStats stats;
            try {
                String text = Files.readString(dir.resolve(TensorSchema.SUMMARY_FILE), StandardCharsets.UTF_8);
                summaryJson = JsonParser.parseString(text);
                summary = new Gson().fromJson(text, TensorizeSummary.class);
                stats = NormalizationStats.read(dir.resolve(NormalizationStats.FILE_NAME));
            } catch (IOException | JsonParseException e) {
                throw new InputException(t + ": unreadable tensorize metadata: " + e.getMessage(), e);
            }
            if (summary == null || summary.target() == null) {
                throw new InputException(t + ": " + TensorSchema.SUMMARY_FILE + " names no target");
            }
            if (!target.equals("auto") && !target.equals(summary.target())) {
                throw new ConfigException("--target " + target + " does not match the tensors: " + t
                        + " was tensorized with target " + summary.target() + " (" + TensorSchema.SUMMARY_FILE
                        + "); train with --target " + summary.target() + " or tensorize again with --target " + target);
            }
            if (common != null && !common.equals(summary.target())) {
                throw new InputException("the tensors mix targets: " + first + " has " + common + ", " + t + " has "
                        + summary.target());
            }
            common = summary.target();
            first = first == null ? t : first;
            inputs.add(new Input(dir.toString(), summaryJson, stats));
            try {
                // the first output's statistics as read (not merged into empty ones), so that one input is exact
                merged = merged == null ? NormalizationStats.read(dir.resolve(NormalizationStats.FILE_NAME))
                        : merged.merge(stats);
            } catch (IOException e) {
                throw new InputException(t + ": unreadable tensorize metadata: " + e.getMessage(), e);
            }
        }
        // one read per output: partition discovery (split=, bucket=) refuses several roots in one read
        Dataset<Row> data = null;
        for (Input in : inputs) {
            Dataset<Row> d = spark.read().parquet(in.path() + "/" + TensorSchema.DATA_DIR);
            data = data == null ? d : data.unionByName(d);
        }
        return new TrainInputs(List.copyOf(tensors), List.copyOf(inputs), common, merged, data);
    }
}
