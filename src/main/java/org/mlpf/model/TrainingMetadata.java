package org.mlpf.model;

import java.util.Map;

/**
 * What a model directory records about how its parameters were obtained ({@code training.json}): progress
 * counters (so that training can resume from a checkpoint), the last losses and the training settings.
 *
 * @param steps          optimizer steps taken
 * @param epoch          current epoch (0-based): the epoch in progress, or the next one after a completed epoch
 * @param batchInEpoch   batches of {@code epoch} already consumed
 * @param learningRate   learning rate of the last step
 * @param trainLoss      last training loss per term (see {@link MlpfLoss#TERM_NAMES}) and "total"
 * @param validationLoss last validation loss per term and "total" (empty if none was run)
 * @param settings       training settings as key/value strings (optimizer, schedule, batch counts)
 */
public record TrainingMetadata(long steps, int epoch, long batchInEpoch, double learningRate,
        Map<String, Double> trainLoss, Map<String, Double> validationLoss, Map<String, String> settings) {
    /** File name inside a model directory. */
    public static final String FILE_NAME = "training.json";

    public TrainingMetadata {
        trainLoss = Map.copyOf(trainLoss);
        validationLoss = Map.copyOf(validationLoss);
        settings = Map.copyOf(settings);
    }

    /** Metadata of an untrained model. */
    public static TrainingMetadata untrained() {
        return new TrainingMetadata(0, 0, 0, 0, Map.of(), Map.of(), Map.of());
    }
}
