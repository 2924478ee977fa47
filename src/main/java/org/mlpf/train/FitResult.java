package org.mlpf.train;

import java.nio.file.Path;
import java.util.List;

import org.mlpf.model.LossValues;

/**
 * What {@link MlpfTrainer#fit} did.
 *
 * @param steps           optimizer steps taken in total (including those of a resumed run)
 * @param stepLoss        training loss (total) of every step of this call, in order
 * @param epochTrainLoss  mean training loss of every epoch completed in this call
 * @param validationLoss  validation loss after every epoch completed in this call (empty without validation)
 * @param lastCheckpoint  the last checkpoint written, or {@code null}
 */
public record FitResult(long steps, List<Double> stepLoss, List<LossValues> epochTrainLoss,
        List<LossValues> validationLoss, Path lastCheckpoint) {
    public FitResult {
        stepLoss = List.copyOf(stepLoss);
        epochTrainLoss = List.copyOf(epochTrainLoss);
        validationLoss = List.copyOf(validationLoss);
    }
}
