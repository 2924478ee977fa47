package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Undoes {@link LshBinning}: puts every binned element back at its original position, by gathering with the
 * inverse permutation (differentiable; its gradient is a scatter).
 *
 * <p>Shapes: inputs {@code x (B, nbins, binSize, F)} and {@code perm (B, nbins, binSize)} (int64, from
 * {@link LshBinning}); output {@code (B, N, F)} with {@code N = nbins * binSize}.
 */
public final class Unbinning extends AbstractBlock {
    private static final byte VERSION = 1;

    /** A parameter-free block. */
    public Unbinning() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Nd.scoped(inputs, () -> new NDList(unbin(inputs.get(0), inputs.get(1))));
    }

    static NDArray unbin(NDArray x, NDArray perm) {
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(1) * s.get(2);
        NDArray inverse = perm.reshape(b, n).argSort(-1);
        NDArray batchIdx = x.getManager().arange(0L, b, 1L, DataType.INT64).reshape(b, 1);
        return x.reshape(b, n, s.get(3)).get(new NDIndex("{}, {}", batchIdx, inverse));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) * s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
