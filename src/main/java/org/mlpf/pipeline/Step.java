package org.mlpf.pipeline;

import java.util.List;
import java.util.SortedMap;

import org.apache.spark.sql.SparkSession;

/**
 * One unit of pipeline work: a stage applied to one sample (or to the whole run), with its committed output, the
 * steps whose outputs it reads, and the parameters that decide its output besides those inputs.
 *
 * @param stage        the stage
 * @param sample       the sample, or null for a step over the whole run (train, compare)
 * @param output       the output path; committed atomically with a {@code _SUCCESS} marker
 * @param dependencies steps whose outputs this step reads
 * @param parameters   configuration values and constants that decide the output
 * @param action       the work
 */
public record Step(Stage stage, String sample, String output, List<Step> dependencies,
                   SortedMap<String, String> parameters, Action action) {
    /** The work of a step: writes (or replaces, with {@code overwrite}) the output and counts the events. */
    @FunctionalInterface
    public interface Action {
        /** Runs the step and returns the number of events it processed. */
        long run(SparkSession spark, boolean overwrite);
    }

    /** "stage" or "stage@sample". */
    public String id() {
        return sample == null ? stage.label() : stage.label() + "@" + sample;
    }
}
