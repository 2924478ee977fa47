package org.mlpf.train;

import java.io.Serializable;

/**
 * What one worker did in one epoch's stage, returned to the driver: where it ran, how many steps and events, and
 * where the time went (nanoseconds, summed over its steps).
 *
 * @param rank          the worker
 * @param attempt       Spark stage attempt (0 unless the stage was retried)
 * @param host          executor host
 * @param device        DJL device it trained on
 * @param skipped       true if the epoch had already been completed (a retried or resumed stage)
 * @param fromStep      global step count when it started (the checkpoint it resumed from)
 * @param steps         steps it took
 * @param events        events of its own batches
 * @param loopNanos     wall time of its training steps
 * @param computeNanos  forward + backward
 * @param packNanos     copying gradients into the exchange buffer
 * @param ringNanos     the ring all-reduce
 * @param unpackNanos   writing the averaged gradients back
 * @param applyNanos    the optimizer update
 * @param bytesSent     bytes it sent in gradient all-reduces
 * @param exchangeFloats floats all-reduced per step
 * @param ringIdleNanos time of one ring all-reduce of the gradient buffer with no worker computing (the transfer
 *                      alone), 0 for one worker
 * @param validation    the validation sums over all workers (null if skipped)
 * @param lastStep      global step count at its end
 */
record WorkerReport(int rank, int attempt, String host, String device, boolean skipped, long fromStep, long steps,
                    long events, long loopNanos, long computeNanos, long packNanos, long ringNanos, long unpackNanos,
                    long applyNanos, long bytesSent, long exchangeFloats, long ringIdleNanos, Evaluation validation,
                    long lastStep)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** All-reduce time (pack, ring, unpack). */
    long allReduceNanos() {
        return packNanos + ringNanos + unpackNanos;
    }
}
