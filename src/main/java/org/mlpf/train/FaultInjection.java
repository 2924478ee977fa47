package org.mlpf.train;

import java.io.Serializable;

/**
 * A deliberate worker failure, for testing recovery: the worker of rank {@link #rank} throws just before it computes
 * global step {@link #step} (1-based), in the first attempt of the stage only (Spark then retries the stage, which
 * resumes from the last checkpoint) or in every attempt (the job fails after Spark's stage retries; a later
 * {@code --resume} continues). Set through the Spark property {@value #SPARK_KEY} = {@code RANK:STEP} or
 * {@code RANK:STEP:always}; never in production configs.
 *
 * @param rank         the failing worker
 * @param step         the global step it fails at
 * @param everyAttempt fail in every attempt of the stage, not only the first
 */
public record FaultInjection(int rank, long step, boolean everyAttempt) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Spark property that requests a fault (read by the driver). */
    public static final String SPARK_KEY = "spark.mlpf.test.failTrainTask";

    /** Parses {@code RANK:STEP[:always]}; null or empty gives null (no fault). */
    public static FaultInjection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] p = spec.trim().split(":");
        if (p.length < 2 || p.length > 3 || (p.length == 3 && !p[2].equals("always"))) {
            throw new IllegalArgumentException(SPARK_KEY + " = " + spec + ": expected RANK:STEP or RANK:STEP:always");
        }
        return new FaultInjection(Integer.parseInt(p[0]), Long.parseLong(p[1]), p.length == 3);
    }

    /** Throws if worker {@code rank} in stage attempt {@code attempt} is to fail before step {@code step}. */
    void check(int workerRank, long globalStep, int attempt) {
        if (workerRank == rank && globalStep == step && (everyAttempt || attempt == 0)) {
            throw new IllegalStateException("injected fault: worker " + rank + " fails before step " + step
                    + " (stage attempt " + attempt + ")");
        }
    }
}
