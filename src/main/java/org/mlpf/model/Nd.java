package org.mlpf.model;

import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * NDArray helpers shared by the blocks and the loss. They encode three facts of DJL's PyTorch engine:
 * a Java number passed to {@code mul}/{@code div}/{@code pow}/{@code maximum} lives in Java-owned memory that can be
 * freed before backward reads it (use {@link #scalar}); arrays made from Java data keep pointing at a Java buffer
 * (use {@link #nativeCopy}); and every intermediate array holds its native tensor until closed (use
 * {@link #scoped}).
 */
final class Nd {
    private Nd() {
    }

    /**
     * A 0-d constant in native memory, in the manager and type of {@code like}: safe as an operand where gradients
     * flow.
     */
    static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** A float array in native (PyTorch-owned) memory with the given values, attached to {@code manager}. */
    static NDArray nativeCopy(NDManager manager, float[] values, Shape shape) {
        try (NDArray javaBacked = manager.create(values, shape)) {
            return javaBacked.duplicate();
        }
    }

    /**
     * Runs {@code body} in an {@link NDScope}: every array it creates on this thread is closed when it returns,
     * except its outputs, which are handed to the enclosing scope (if any). Keeps the peak native memory of a
     * forward pass at about one block's intermediates; closing a handle does not free a tensor that autograd
     * saved for backward (autograd holds its own reference).
     *
     * @param inputs arrays the body may pass through unchanged; they are never handed to a scope
     */
    static NDList scoped(NDList inputs, Supplier<NDList> body) {
        NDList out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        for (NDArray a : out) {
            if (!containsIdentity(inputs, a)) {
                NDScope.register(a);
            }
        }
        return out;
    }

    private static boolean containsIdentity(NDList list, NDArray a) {
        for (NDArray x : list) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }
}
