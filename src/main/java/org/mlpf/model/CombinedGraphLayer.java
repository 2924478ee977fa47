package org.mlpf.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One scalable graph layer (the "Scalable CombinedGraph layer" of Pata et al., arXiv:2203.00330; particleflow's
 * {@code CombinedGraphLayer}): a distance network embeds every element ({@code distNumLayers} x Dense(hidden,
 * ELU) -> Dense(distanceDim), then ELU); {@link LshBinning} sorts the elements into bins by that embedding;
 * {@link GaussianKernel} builds a dense adjacency inside every bin; {@code numMessages} {@link GhConv}s (each
 * followed by dropout) update the elements' features over it; {@link Unbinning} restores the element order.
 * Nothing is ever {@code N x N}: every tensor is linear in N.
 *
 * <p>Shapes: inputs {@code x (B, N, F)} and {@code mask (B, N)}; output {@code (B, N, messageDim)}, zero for
 * padding elements. N must be a multiple of the bin size.
 */
public final class CombinedGraphLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final FeedForward distance;
    private final LshBinning binning;
    private final GaussianKernel kernel;
    private final List<GhConv> convs = new ArrayList<>();
    private final Unbinning unbinning;
    private final float dropout;
    private final int messageDim;

    /**
     * @param c    the model config (distance network, binning, kernel, message passing, dropout)
     * @param seed seed of this layer's LSH codebook
     */
    public CombinedGraphLayer(ModelConfig c, long seed) {
        super(VERSION);
        distance = addChildBlock("ffn_dist", new FeedForward(c.distHiddenDim(), c.distNumLayers(), c.distanceDim(),
                false, c.graphDropout()));
        binning = addChildBlock("lsh", new LshBinning(c.distanceDim(), c.binSize(), c.maxNumBins(), seed));
        kernel = addChildBlock("kernel",
                new GaussianKernel(c.kernelDistMult(), c.kernelClipLow(), c.normalizeDegrees()));
        for (int i = 0; i < c.numMessages(); i++) {
            convs.add(addChildBlock("msg_" + i, new GhConv(c.messageDim())));
        }
        unbinning = addChildBlock("unbin", new Unbinning());
        dropout = (float) c.graphDropout();
        messageDim = c.messageDim();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Nd.scoped(inputs, () -> {
            NDArray x = inputs.get(0);
            NDArray mask = inputs.get(1);
            NDArray xDist = Activation.elu(distance.forward(ps, new NDList(x), training).head(), 1f);
            NDList binned = binning.forward(ps, new NDList(xDist, x, mask), training, params);
            NDArray adj = kernel.forward(ps, new NDList(binned.get(0), binned.get(2)), training).head();
            NDArray h = binned.get(1);
            for (GhConv conv : convs) {
                h = conv.forward(ps, new NDList(h, adj), training).head();
                if (training && dropout > 0) {
                    h = SparseDropout.apply(h, dropout);
                }
            }
            return unbinning.forward(ps, new NDList(h, binned.get(3)), training);
        });
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), messageDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = inputShapes[1];
        distance.initialize(manager, dataType, x);
        Shape dist = distance.getOutputShapes(new Shape[] {x})[0];
        binning.initialize(manager, dataType, dist, x, mask);
        Shape[] binned = binning.getOutputShapes(new Shape[] {dist, x, mask});
        kernel.initialize(manager, dataType, binned[0], binned[2]);
        Shape adj = kernel.getOutputShapes(new Shape[] {binned[0], binned[2]})[0];
        Shape h = binned[1];
        for (GhConv conv : convs) {
            conv.initialize(manager, dataType, h, adj);
            h = conv.getOutputShapes(new Shape[] {h, adj})[0];
        }
        unbinning.initialize(manager, dataType, h, binned[3]);
    }
}
