package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gated graph convolution on dense in-bin adjacencies (particleflow's {@code GHConvDense}):
 * <pre>
 *   f_hom = P (x theta)              (messages from the bin's neighbours; P from {@link GaussianKernel})
 *   f_het = x W_h                    (the element itself)
 *   gate  = sigmoid(x W_t + b_t)
 *   out   = ELU(gate * f_hom + (1 - gate) * f_het)
 * </pre>
 * The three projections run as one matmul with a fused weight {@code [theta; W_h; W_t]} of shape (3 O, F) in
 * Dense's (out, in) layout (rows 0..O-1 theta, O..2O-1 W_h, 2O..3O-1 W_t) and the gate bias {@code b_t} (O).
 *
 * <p>Padding: P has zero rows and columns for padding elements, so padding never reaches a real element whatever
 * its features; a padding row of the output is 0 when its input row is 0, which holds throughout
 * {@link PfNetDense} (the encoding zeroes padding rows), so no mask is applied here.
 *
 * <p>Shapes: inputs {@code x (B, nbins, binSize, F)} and {@code P (B, nbins, binSize, binSize)}; output
 * {@code (B, nbins, binSize, O)}.
 */
public final class GhConv extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outputDim;
    private final Parameter weight;
    private final Parameter gateBias;

    /** @param outputDim output width O */
    public GhConv(int outputDim) {
        super(VERSION);
        this.outputDim = outputDim;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        gateBias = addParameter(Parameter.builder().setName("gate_bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outputDim)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray w = ps.getValue(weight, inputs.head().getDevice(), training);
        NDArray bt = ps.getValue(gateBias, inputs.head().getDevice(), training);
        return Nd.scoped(inputs, () -> new NDList(conv(inputs.get(0), inputs.get(1), w, bt)));
    }

    private NDArray conv(NDArray x, NDArray p, NDArray w, NDArray bt) {
        // one bias vector for the fused projection: zero for theta and W_h, b_t for the gate
        NDArray bias = x.getManager().zeros(new Shape(2L * outputDim), x.getDataType()).concat(bt);
        Shape s = x.getShape();
        // as a matrix (rows = elements), so that the bias is added inside the GEMM
        NDArray projected = Linear.linear(x.reshape(-1, s.get(s.dimension() - 1)), w, bias).head()
                .reshape(s.slice(0, s.dimension() - 1).add(3L * outputDim));
        NDList h = projected.split(new long[] {outputDim, 2L * outputDim}, s.dimension() - 1);
        NDArray fHom = p.matMul(h.get(0));
        NDArray fHet = h.get(1);
        NDArray gate = Activation.sigmoid(h.get(2));
        return Activation.elu(fHet.add(gate.mul(fHom.sub(fHet))), 1f);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(outputDim)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        weight.setShape(new Shape(3L * outputDim, s.get(s.dimension() - 1)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
