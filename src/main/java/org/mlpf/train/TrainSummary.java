package org.mlpf.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a training run ({@link TrainJob#run}) did.
 *
 * @param modelDir               the model directory written
 * @param workers                data-parallel workers
 * @param devices                device of every worker (by rank), as the workers logged it
 * @param steps                  optimizer steps of the model (including those of a resumed run)
 * @param epochs                 epochs completed
 * @param stoppedEarly           true if early stopping ended the run
 * @param bestEpoch              epoch whose model was kept (the last one without early stopping), -1 if none
 * @param samples                training events processed by this run (all workers)
 * @param seconds                wall time of the run, s
 * @param trainSeconds           time inside the training loops (the slowest worker of each epoch), s
 * @param samplesPerSecond       training events per second inside the loops
 * @param stepMs                 mean step time (rank 0), ms
 * @param allReduceMs            mean gradient all-reduce time per step (rank 0: pack, ring, unpack), ms
 * @param ringMs                 of which the ring (including the wait for the slowest worker), ms
 * @param ringIdleMs             one ring all-reduce of the gradients when no worker computes: the transfer alone, ms
 * @param bytesPerStep           bytes one worker sends per step in the all-reduce
 * @param validationLoss         validation loss per event after every epoch, in order
 * @param finalTrainLoss         mean training loss of the last epoch
 * @param validationAccuracy     validation accuracy of the kept model
 * @param testAccuracy           classification accuracy of the kept model on the test split's real elements (NaN if
 *                               the split is empty)
 * @param testMostCommonClass    most common target class of the test elements
 * @param testBaselineAccuracy   accuracy of always predicting it
 * @param testElements           real elements of the test split
 * @param retriedStages          epoch stages that Spark had to run more than once (a worker failed)
 */
public record TrainSummary(String modelDir, int workers, List<String> devices, long steps, int epochs,
                           boolean stoppedEarly, int bestEpoch, long samples, double seconds, double trainSeconds,
                           double samplesPerSecond, double stepMs, double allReduceMs, double ringMs, double ringIdleMs,
                           long bytesPerStep,
                           List<Double> validationLoss, double finalTrainLoss, double validationAccuracy,
                           double testAccuracy, int testMostCommonClass, double testBaselineAccuracy,
                           long testElements, int retriedStages) {
    public TrainSummary {
        devices = List.copyOf(devices);
        validationLoss = List.copyOf(validationLoss);
    }

    /** Validation loss of the kept model, NaN if none. */
    public double finalValidationLoss() {
        return bestEpoch >= 0 && bestEpoch < validationLoss.size() ? validationLoss.get(bestEpoch) : Double.NaN;
    }

    /** All-reduce time as a fraction of the step time. */
    public double allReduceShare() {
        return stepMs > 0 ? allReduceMs / stepMs : 0;
    }

    /** The lines printed by {@code mlpf train}. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%d workers (%s), %d steps, %d epochs%s, %d training events in %.1f s "
                + "(%.1f events/s in the training loops)", workers, String.join(", ", devices), steps, epochs,
                stoppedEarly ? " (stopped early)" : "", samples, seconds, samplesPerSecond));
        out.add(String.format(Locale.ROOT, "step %.1f ms, gradient all-reduce %.1f ms (%.1f%% of the step; ring %.1f "
                + "ms, of which transfer %.1f ms), %.2f MB sent per worker and step", stepMs, allReduceMs,
                100 * allReduceShare(), ringMs, ringIdleMs, bytesPerStep / 1e6));
        StringBuilder v = new StringBuilder("validation loss per epoch:");
        for (double l : validationLoss) {
            v.append(String.format(Locale.ROOT, " %.4g", l));
        }
        out.add(v.toString());
        out.add(String.format(Locale.ROOT, "final training loss %.4g, validation loss %.4g (epoch %d), validation "
                + "accuracy %.4f", finalTrainLoss, finalValidationLoss(), bestEpoch, validationAccuracy));
        if (retriedStages > 0) {
            out.add(retriedStages + " epoch stage(s) retried after a worker failure, resumed from checkpoints");
        }
        out.add(String.format(Locale.ROOT, "test accuracy %.4f over %d elements; most common class %d alone: %.4f",
                testAccuracy, testElements, testMostCommonClass, testBaselineAccuracy));
        return out;
    }
}
