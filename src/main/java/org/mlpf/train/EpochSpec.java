package org.mlpf.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.types.StructType;

/**
 * What the workers of one epoch's barrier stage need to know, shipped with the task closure.
 *
 * @param epoch           the epoch (0-based)
 * @param config          the job's settings
 * @param batchesPerEpoch global training batches per epoch
 * @param stepsPerEpoch   steps per epoch: {@code ceil(batchesPerEpoch / workers)}
 * @param totalSteps      steps of the whole run (the horizon of the learning-rate decay)
 * @param modelDir        the model directory (checkpoints under {@code checkpoints/}, metrics)
 * @param schema          schema of the Arrow batches
 * @param settings        extra training metadata for checkpoints (workers, batch, data...)
 * @param fault           a deliberate failure, or null
 */
record EpochSpec(int epoch, TrainJobConfig config, long batchesPerEpoch, long stepsPerEpoch, long totalSteps,
                 String modelDir, StructType schema, Map<String, String> settings, FaultInjection fault)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    EpochSpec {
        settings = new LinkedHashMap<>(settings);
    }

    /** Global step count at the start of this epoch. */
    long firstStep() {
        return (long) epoch * stepsPerEpoch;
    }

    /** Steps of this epoch that the run takes (fewer than {@link #stepsPerEpoch} when the step limit ends it). */
    long stepsThisEpoch() {
        return Math.min(stepsPerEpoch, totalSteps - firstStep());
    }
}
