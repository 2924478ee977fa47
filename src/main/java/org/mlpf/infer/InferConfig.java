package org.mlpf.infer;

import java.io.Serializable;
import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Configuration of the inference stage ({@code mlpf.infer.*}).
 *
 * @param batch      events (or event chunks) per model call B; every call has the fixed shape (B, bucket) and holds
 *                   rows of one bucket with the same number of active bins, so that an event's arithmetic does not
 *                   depend on which events share its call
 * @param split      split of a tensors input to run on: train, val, test or all (ntuples input: every event)
 * @param threads    PyTorch intra-op threads per task
 * @param partitions Spark partitions of the input events; 0 keeps the input's own partitioning unless it has fewer
 *                   partitions than the default parallelism
 * @param arrowRows  rows per Arrow record batch handed from Spark to the model (bounds the memory of one batch)
 * @param bufferMb   memory a task may hold in partly filled model batches (batch > 1), MB; past it the fullest one
 *                   runs padded with empty rows
 * @param noParticleWeight the working point: an element makes a candidate only if its most probable particle class is
 *                   this many times as probable as no particle (1: the plain argmax; docs/physics.md)
 */
public record InferConfig(int batch, String split, int threads, int partitions, int arrowRows, int bufferMb,
                          double noParticleWeight)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Split value meaning every row of a tensors input. */
    public static final String ALL = "all";

    public static final ConfigKey<Integer> BATCH = ConfigKey.ofInt("mlpf.infer.batch", 1, 1024, 1,
            "events per model call; every call has the fixed shape (batch, bucket), so results do not depend on the "
                    + "partitioning");
    public static final ConfigKey<String> SPLIT = ConfigKey.ofChoice("mlpf.infer.split",
            List.of("test", "val", "train", ALL), "test",
            "split of a tensors input to reconstruct (ntuples input: every event)");
    public static final ConfigKey<Integer> THREADS = ConfigKey.ofInt("mlpf.infer.threads", 1, 256, 1,
            "PyTorch intra-op threads per Spark task (one per task slot is fastest on a loaded machine)");
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.ofInt("mlpf.infer.partitions", 0, 1_000_000, 0,
            "Spark partitions of the input events (0: the input's own, raised to the default parallelism)");
    public static final ConfigKey<Integer> ARROW_ROWS = ConfigKey.ofInt("mlpf.infer.arrow-rows", 1, 100_000, 8,
            "rows per Arrow record batch from Spark to the model (a row is 100 x N bytes for a bucket of N)");
    public static final ConfigKey<Integer> BUFFER_MB = ConfigKey.ofInt("mlpf.infer.buffer-mb", 1, 1_000_000, 256,
            "memory per task for partly filled model batches (batch > 1), MB");

    public static final ConfigKey<Double> NO_PARTICLE_WEIGHT = ConfigKey.ofDouble("mlpf.infer.no-particle-weight", 1.0,
            100.0, 1.0, "working point: a candidate is made only where a particle class is this many times as probable "
                    + "as no particle (1: the most probable class)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(BATCH, SPLIT, THREADS, PARTITIONS, ARROW_ROWS, BUFFER_MB,
            NO_PARTICLE_WEIGHT);

    public InferConfig {
        BATCH.check(batch);
        SPLIT.check(split);
        THREADS.check(threads);
        PARTITIONS.check(partitions);
        ARROW_ROWS.check(arrowRows);
        BUFFER_MB.check(bufferMb);
        NO_PARTICLE_WEIGHT.check(noParticleWeight);
    }

    /** Reads the record from a configuration. */
    public static InferConfig from(Settings s) {
        return new InferConfig(s.get(BATCH), s.get(SPLIT), s.get(THREADS), s.get(PARTITIONS), s.get(ARROW_ROWS),
                s.get(BUFFER_MB), s.get(NO_PARTICLE_WEIGHT));
    }

    /** A copy with another batch size. */
    public InferConfig withBatch(int b) {
        return new InferConfig(b, split, threads, partitions, arrowRows, bufferMb, noParticleWeight);
    }

    /** A copy with another split (of a tensors input). */
    public InferConfig withSplit(String s) {
        return new InferConfig(batch, s, threads, partitions, arrowRows, bufferMb, noParticleWeight);
    }
}
