package org.mlpf.train;

import java.util.List;

/**
 * Early stopping on the validation loss: stop once {@code patience} epochs have passed without a new lowest loss,
 * and keep the model of the epoch with the lowest.
 */
final class EarlyStopping {
    private EarlyStopping() {
    }

    /** Index of the lowest finite loss, or -1 if none is finite. */
    static int best(List<Double> validationLoss) {
        int best = -1;
        for (int i = 0; i < validationLoss.size(); i++) {
            double v = validationLoss.get(i);
            if (Double.isFinite(v) && (best < 0 || v < validationLoss.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** True if training should stop after these epochs' validation losses ({@code patience} 0: never). */
    static boolean shouldStop(List<Double> validationLoss, int patience) {
        if (patience <= 0) {
            return false;
        }
        int best = best(validationLoss);
        return best >= 0 && validationLoss.size() - 1 - best >= patience;
    }
}
