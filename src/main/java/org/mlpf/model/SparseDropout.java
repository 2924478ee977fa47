package org.mlpf.model;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;

/**
 * Inverted dropout for the small rates of MLPF (0.8% and 1.6%), drawn in Java: the dropped positions come from gap
 * sampling (geometric gaps give exactly independent Bernoulli(rate) drops) and are zeroed in a constant
 * {@code 1 / (1 - rate)} mask. At these rates that is far cheaper than PyTorch's per-element {@code bernoulli_}
 * (which took 17% of a training step here), and the masks are reproducible: they follow from the seed and step
 * set with {@link #seed} for the current thread (a resumed run draws the same masks). Rates above
 * {@link #MAX_SPARSE_RATE} use DJL's dropout.
 */
public final class SparseDropout {
    /** Largest rate drawn by gap sampling. */
    public static final double MAX_SPARSE_RATE = 0.1;

    private static final ThreadLocal<Stream> STREAM = ThreadLocal.withInitial(
            () -> new Stream(new SplittableRandom().nextLong(), 0));

    private SparseDropout() {
    }

    /** Random stream of one thread: seed, step and the number of masks drawn in this step. */
    private static final class Stream {
        private final long seed;
        private final long step;
        private long calls;

        Stream(long seed, long step) {
            this.seed = seed;
            this.step = step;
        }

        SplittableRandom next() {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + calls++);
        }
    }

    /** Makes the masks of the following forward pass on this thread depend only on {@code seed} and {@code step}. */
    public static void seed(long seed, long step) {
        STREAM.set(new Stream(seed, step));
    }

    /** {@code x} with each value zeroed with probability {@code rate} and the rest scaled by 1 / (1 - rate). */
    static NDArray apply(NDArray x, double rate) {
        if (rate <= 0) {
            return x;
        }
        if (rate > MAX_SPARSE_RATE) {
            return Dropout.dropout(x, (float) rate, true).head();
        }
        long n = x.size();
        SplittableRandom rng = STREAM.get().next();
        double logKeep = Math.log1p(-rate);
        long[] positions = new long[(int) Math.min(n, Math.max(16, 2 * rate * n + 64))];
        int k = 0;
        for (long pos = gap(rng, logKeep); pos < n; pos += 1 + gap(rng, logKeep)) {
            if (k == positions.length) {
                positions = java.util.Arrays.copyOf(positions, positions.length * 2);
            }
            positions[k++] = pos;
        }
        NDArray mask = x.getManager().full(new Shape(n), (float) (1 / (1 - rate)), x.getDataType());
        if (k > 0) {
            try (NDArray idx = x.getManager().create(java.util.Arrays.copyOf(positions, k))) {
                mask.set(new NDIndex("{}", idx), 0f);
            }
        }
        return x.mul(mask.reshape(x.getShape()));
    }

    /** Failures before the first success of Bernoulli(rate) trials: a geometric variate. */
    private static long gap(SplittableRandom rng, double logKeep) {
        double u = 1.0 - rng.nextDouble();
        double g = Math.floor(Math.log(u) / logKeep);
        return g >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) g;
    }
}
