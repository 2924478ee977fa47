package org.mlpf.infer;

import java.io.Serializable;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What the tasks of an inference job measured, summed over tasks by Spark accumulators: where the time went
 * (inside the model versus the rest of each task) and how the rows were batched. Retried tasks count twice; the
 * figures are for reporting, never for correctness.
 */
public final class InferMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    final LongAccumulator modelNanos;
    final LongAccumulator modelCpuNanos;
    final LongAccumulator taskNanos;
    final LongAccumulator inputNanos;
    final LongAccumulator outputNanos;
    final LongAccumulator rows;
    final LongAccumulator events;
    final LongAccumulator calls;
    final LongAccumulator emptyRows;
    final LongAccumulator candidates;

    private InferMetrics(SparkSession spark) {
        var sc = spark.sparkContext();
        modelNanos = sc.longAccumulator("mlpf.infer.model-ns");
        modelCpuNanos = sc.longAccumulator("mlpf.infer.model-cpu-ns");
        taskNanos = sc.longAccumulator("mlpf.infer.task-ns");
        inputNanos = sc.longAccumulator("mlpf.infer.input-ns");
        outputNanos = sc.longAccumulator("mlpf.infer.output-ns");
        rows = sc.longAccumulator("mlpf.infer.rows");
        events = sc.longAccumulator("mlpf.infer.events");
        calls = sc.longAccumulator("mlpf.infer.calls");
        emptyRows = sc.longAccumulator("mlpf.infer.empty-rows");
        candidates = sc.longAccumulator("mlpf.infer.candidates");
    }

    /** New accumulators registered with the session's context. */
    public static InferMetrics register(SparkSession spark) {
        return new InferMetrics(spark);
    }

    /** Wall time inside model calls (the predictor: input copy, forward pass, output copy), summed over tasks, s. */
    public double modelSeconds() {
        return modelNanos.value() / 1e9;
    }

    /** CPU time of the task threads inside model calls, s (the compute, with one intra-op thread per task). */
    public double modelCpuSeconds() {
        return modelCpuNanos.value() / 1e9;
    }

    /** Wall time of the inference tasks from their start to their last row, summed over tasks, s. */
    public double taskSeconds() {
        return taskNanos.value() / 1e9;
    }

    /**
     * Wall time the tasks spent getting their rows, summed over tasks, s: reading, tensorizing on the fly, Spark's
     * Arrow conversion, decoding and grouping into calls (Spark pulls rows through the task's thread on demand).
     */
    public double inputSeconds() {
        return inputNanos.value() / 1e9;
    }

    /** Wall time the tasks spent turning predictions into candidate rows, summed over tasks, s. */
    public double outputSeconds() {
        return outputNanos.value() / 1e9;
    }

    /** Tensor rows predicted (events plus extra chunks of large events). */
    public long rows() {
        return rows.value();
    }

    /** Events predicted (rows with element offset 0). */
    public long events() {
        return events.value();
    }

    /** Model calls. */
    public long calls() {
        return calls.value();
    }

    /** Empty rows that padded partly filled calls to the fixed batch size. */
    public long emptyRows() {
        return emptyRows.value();
    }

    /** Candidates made. */
    public long candidates() {
        return candidates.value();
    }
}
