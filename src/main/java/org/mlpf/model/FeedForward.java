package org.mlpf.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Point-wise feed-forward network (particleflow's {@code point_wise_feed_forward_network}): {@code numLayers}
 * hidden layers Dense + ELU + dropout, the widths halving from {@code hiddenDim} when {@code decrease} is set,
 * then a linear Dense to {@code outputDim}. Acts on the last axis only.
 *
 * <p>Shapes: {@code (..., F) -> (..., outputDim)}.
 */
public final class FeedForward extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Linear> layers = new ArrayList<>();
    private final int outputDim;
    private final float dropout;

    /**
     * @param hiddenDim width of the first hidden layer
     * @param numLayers number of hidden layers (at least 1)
     * @param outputDim width of the linear output layer
     * @param decrease  halve the width after every hidden layer
     * @param dropout   dropout rate after every hidden layer (training only)
     */
    public FeedForward(int hiddenDim, int numLayers, int outputDim, boolean decrease, double dropout) {
        super(VERSION);
        if (numLayers < 1 || hiddenDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("feed-forward widths and layer count must be >= 1");
        }
        this.outputDim = outputDim;
        this.dropout = (float) dropout;
        int width = hiddenDim;
        for (int i = 0; i < numLayers; i++) {
            layers.add(addChildBlock("dense_" + i, Linear.builder().setUnits(width).build()));
            if (decrease) {
                width /= 2;
            }
        }
        layers.add(addChildBlock("dense_" + numLayers, Linear.builder().setUnits(outputDim).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Nd.scoped(inputs, () -> {
            NDArray input = inputs.singletonOrThrow();
            Shape shape = input.getShape();
            // as a matrix (rows = elements): PyTorch then adds the bias inside the GEMM (addmm) instead of in a
            // separate pass over the output, as it does for 3-D input
            NDArray x = input.reshape(-1, shape.get(shape.dimension() - 1));
            int last = layers.size() - 1;
            for (int i = 0; i < last; i++) {
                x = Activation.elu(layers.get(i).forward(ps, new NDList(x), training).singletonOrThrow(), 1f);
                if (training && dropout > 0) {
                    x = SparseDropout.apply(x, dropout);
                }
            }
            NDArray out = layers.get(last).forward(ps, new NDList(x), training).singletonOrThrow();
            return new NDList(out.reshape(shape.slice(0, shape.dimension() - 1).add(outputDim)));
        });
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputDim)};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear l : layers) {
            l.initialize(manager, dataType, shape);
            shape = l.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
