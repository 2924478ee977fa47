package org.mlpf.train;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfLoss;

/**
 * The gradient all-reduce of one data-parallel step: packs every trainable parameter's gradient, scaled by the
 * worker's event count, together with the loss terms (also times events) and the event count into one float array;
 * sums it over the workers with a {@link RingAllReduce}; divides by the total event count and writes the result back
 * into every gradient. The workers thus step with the gradient of the mean loss over the union of their batches,
 * exactly what one worker would compute on the combined batch (up to float rounding), also when the batches differ
 * in size or a worker has none (the last step of an epoch). Gradients are copied into their own memory
 * ({@code set(NDIndex(":"), ...)}), never pointed at Java buffers.
 */
final class GradientExchange {
    private static final int TERMS = MlpfLoss.TERM_NAMES.size();

    private final List<Pair<String, Parameter>> params;
    private final int[] offsets;
    private final float[] buffer;
    private long packNanos;
    private long ringNanos;
    private long unpackNanos;
    private long lastEvents;

    GradientExchange(List<Pair<String, Parameter>> params) {
        this.params = List.copyOf(params);
        this.offsets = new int[params.size() + 1];
        long total = 0;
        for (int i = 0; i < params.size(); i++) {
            offsets[i] = Math.toIntExact(total);
            total += params.get(i).getValue().getArray().size();
        }
        offsets[params.size()] = Math.toIntExact(total);
        this.buffer = new float[Math.toIntExact(total + TERMS + 1)];
    }

    /** Floats exchanged per step: every trainable value, the loss terms and the event count. */
    int length() {
        return buffer.length;
    }

    /**
     * All-reduces this worker's gradients and loss.
     *
     * @param own    the loss of this worker's batch, or {@code null} if it had none this step
     * @param events events in this worker's batch (0 if none)
     * @return the mean loss over all workers' events
     */
    LossValues allReduce(RingAllReduce ring, LossValues own, int events, NDManager manager) throws IOException {
        long t0 = System.nanoTime();
        pack(own, events);
        long t1 = System.nanoTime();
        ring.allReduce(buffer);
        long t2 = System.nanoTime();
        int p = offsets[params.size()];
        float total = buffer[p + TERMS];
        if (!(total > 0)) {
            throw new IllegalStateException("no worker had a batch in this step");
        }
        lastEvents = Math.round(total);
        unpack(total, manager);
        double[] terms = new double[TERMS];
        for (int i = 0; i < TERMS; i++) {
            terms[i] = buffer[p + i] / total;
        }
        long t3 = System.nanoTime();
        packNanos += t1 - t0;
        ringNanos += t2 - t1;
        unpackNanos += t3 - t2;
        return new LossValues(terms);
    }

    private void pack(LossValues own, int events) {
        int p = offsets[params.size()];
        if (events == 0) {
            java.util.Arrays.fill(buffer, 0f);
            return;
        }
        float scale = events;
        for (int i = 0; i < params.size(); i++) {
            float[] g;
            try (NDArray grad = params.get(i).getValue().getArray().getGradient()) {
                g = grad.toFloatArray();
            }
            int o = offsets[i];
            for (int k = 0; k < g.length; k++) {
                buffer[o + k] = g[k] * scale;
            }
        }
        double[] t = own.terms();
        for (int i = 0; i < TERMS; i++) {
            buffer[p + i] = (float) (t[i] * events);
        }
        buffer[p + TERMS] = events;
    }

    private void unpack(float total, NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            for (int i = 0; i < params.size(); i++) {
                int o = offsets[i];
                int n = offsets[i + 1] - o;
                for (int k = 0; k < n; k++) {
                    buffer[o + k] /= total;
                }
                NDArray w = params.get(i).getValue().getArray();
                Shape shape = w.getShape();
                try (NDArray grad = w.getGradient();
                        NDArray src = m.create(FloatBuffer.wrap(buffer, o, n).slice(), shape)) {
                    grad.set(new NDIndex(":"), src);
                }
            }
        }
    }

    /** Events of all workers' batches in the last step. */
    long lastEvents() {
        return lastEvents;
    }

    /** Time spent packing gradients into the buffer, ns (cumulative). */
    long packNanos() {
        return packNanos;
    }

    /** Time spent in the ring all-reduce, ns (cumulative). */
    long ringNanos() {
        return ringNanos;
    }

    /** Time spent writing the averaged gradients back, ns (cumulative). */
    long unpackNanos() {
        return unpackNanos;
    }
}
