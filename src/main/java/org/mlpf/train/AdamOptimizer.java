package org.mlpf.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Adam whose state (first and second moments per parameter, step count) can be saved and restored, so that training
 * resumed from a checkpoint continues the same trajectory; DJL's own {@code Adam} keeps its state private. The
 * update is the engine's fused Adam kernel ({@code NDArrayEx.adamUpdate}), which also zeroes the gradient:
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
 * </pre>
 * Moments live in native memory owned by this optimizer ({@link #close()} frees them).
 */
public final class AdamOptimizer implements AutoCloseable {
    private static final String MAGIC = "mlpf-adam";
    private static final int VERSION = 1;

    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private long step;

    /**
     * @param parent manager whose sub-manager holds the moments (the model's)
     */
    public AdamOptimizer(NDManager parent, double beta1, double beta2, double epsilon) {
        this.manager = parent.newSubManager();
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
    }

    /** Steps taken. */
    public long step() {
        return step;
    }

    /**
     * One Adam step over {@code params} with the gradients currently held by their arrays, at learning rate
     * {@code lr}; the gradients are zero afterwards.
     */
    public void update(List<Pair<String, Parameter>> params, double lr) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        float lrCorrected = (float) (lr * Math.sqrt(c2) / c1);
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            NDArray[] mv = moments.computeIfAbsent(p.getKey(), k -> new NDArray[] {zerosLike(w), zerosLike(w)});
            try (NDArray g = w.getGradient()) {
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, mv[0], mv[1]), new NDList(w), (float) lr,
                        lrCorrected, 0f, 1f, -1f, beta1, beta2, epsilon, true, false);
            }
        }
    }

    private NDArray zerosLike(NDArray w) {
        return manager.zeros(w.getShape(), w.getDataType());
    }

    /** The state as bytes: step count and both moments of every parameter, by name. */
    public byte[] save() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(step);
            out.writeInt(moments.size());
            for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
                out.writeUTF(e.getKey());
                for (NDArray a : e.getValue()) {
                    byte[] enc = a.encode();
                    out.writeInt(enc.length);
                    out.write(enc);
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state written by {@link #save()}.
     *
     * @param names the parameter names this optimizer will update; the state must name only these
     */
    public void load(byte[] state, List<String> names) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new IOException("not an optimizer state of this version");
            }
            long savedStep = in.readLong();
            int count = in.readInt();
            Map<String, NDArray[]> loaded = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                if (!names.contains(name)) {
                    throw new IOException("optimizer state names parameter " + name + ", which the model lacks");
                }
                NDArray[] mv = new NDArray[2];
                for (int k = 0; k < 2; k++) {
                    byte[] enc = new byte[in.readInt()];
                    in.readFully(enc);
                    try (NDArray javaBacked = manager.decode(enc)) {
                        mv[k] = javaBacked.duplicate();
                    }
                }
                loaded.put(name, mv);
            }
            moments.values().forEach(a -> new NDList(a).close());
            moments.clear();
            moments.putAll(loaded);
            step = savedStep;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
