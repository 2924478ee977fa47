package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * In-bin adjacency from a Gaussian kernel of the learned distance embedding (particleflow's
 * {@code NodePairGaussianKernel}), masked for padding and optionally degree-normalised (the normalisation of
 * {@code GHConvDense}, computed here once per graph layer because all its convolutions share it):
 * <pre>
 *   K_ij = clip(exp(-distMult * |x_i - x_j|), clipLow, 1)          for every pair i, j in a bin
 *   A_ij = K_ij m_i m_j                                              (m: 1 real, 0 padding)
 *   P    = D^-1/2 A D^-1/2,  D = diag(clip(sum_j A_ij, 0, 1000) + 1e-6)   (or P = A without normalisation)
 * </pre>
 * The squared distance is {@code |x_i|^2 + |x_j|^2 - 2 x_i.x_j} (one batched matmul per bin), floored at 1e-6
 * before the square root so that the gradient stays finite on the diagonal.
 *
 * <p>Shapes: inputs {@code xDist (B, nbins, binSize, D)} and {@code mask (B, nbins, binSize)}; output
 * {@code P (B, nbins, binSize, binSize)}, whose rows and columns of padding elements are 0. Memory is
 * {@code N * binSize}, never {@code N^2}.
 */
public final class GaussianKernel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final double distMult;
    private final float clipLow;
    private final boolean normalizeDegrees;

    /**
     * @param distMult         factor of the distance in the exponent (0.120898)
     * @param clipLow          smallest kernel value (0.001998)
     * @param normalizeDegrees apply the symmetric degree normalisation
     */
    public GaussianKernel(double distMult, double clipLow, boolean normalizeDegrees) {
        super(VERSION);
        this.distMult = distMult;
        this.clipLow = (float) clipLow;
        this.normalizeDegrees = normalizeDegrees;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Nd.scoped(inputs, () -> new NDList(adjacency(inputs.get(0), inputs.get(1))));
    }

    private NDArray adjacency(NDArray x, NDArray mask) {
        NDArray sq = x.square().sum(new int[] {-1}, true);
        NDArray gram = x.matMul(x.transpose(0, 1, 3, 2));
        NDArray d2 = sq.add(sq.transpose(0, 1, 3, 2)).sub(gram.add(gram));
        NDArray dist = d2.clip(1e-6f, Float.MAX_VALUE).sqrt();
        NDArray k = dist.mul(Nd.scalar(dist, -distMult)).exp().clip(clipLow, 1f);
        NDArray m = mask.expandDims(-1);
        NDArray side = m;
        if (normalizeDegrees) {
            // degrees of the masked adjacency: row sums over real neighbours only, as one small matmul
            NDArray degree = k.matMul(m).clip(0f, 1000f).add(1e-6f);
            side = m.div(degree.sqrt());
        }
        return k.mul(side).mul(side.transpose(0, 1, 3, 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2), s.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
