package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.mlpf.physics.ElementType;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;

/**
 * The model's input encoding: the NDArray form of {@link FeatureEncoding} (one-hot of the element type, 18
 * derived features, the 25 raw features: 55 values, in the same order), then normalization {@code (v - mean) / std}
 * with frozen per-feature statistics from {@link NormalizationStats}, then padding rows set to zero.
 *
 * <p>Shapes: {@code X (B, N, 25) -> (B, N, 55)}. X holds the 25 CMS features in {@link ElementFeature} order
 * ({@code typ_idx} first; padding rows have {@code typ_idx = 0}). The statistics are two frozen parameters
 * ({@code mean}, {@code std}, shape (55)) so that they travel with the saved parameters.
 */
public final class InputEncoding extends AbstractBlock {
    /** Width of the encoding. */
    public static final int WIDTH = FeatureEncoding.WIDTH;
    /** Width of the raw input. */
    public static final int RAW_WIDTH = ElementFeature.NUM_CMS;

    private static final byte VERSION = 1;

    private final Parameter mean;
    private final Parameter std;

    /**
     * @param stats normalization statistics (means and standard deviations of the 55 encoded features), or
     *              {@code null} for the identity (mean 0, std 1)
     */
    public InputEncoding(NormalizationStats stats) {
        super(VERSION);
        float[] m = stats == null ? new float[WIDTH] : stats.means();
        float[] s = stats == null ? ones(WIDTH) : stats.stds();
        mean = addParameter(Parameter.builder().setName("mean").setType(Parameter.Type.OTHER)
                .optShape(new Shape(WIDTH)).optRequiresGrad(false)
                .optInitializer((manager, shape, type) -> Nd.nativeCopy(manager, m, shape)).build());
        std = addParameter(Parameter.builder().setName("std").setType(Parameter.Type.OTHER)
                .optShape(new Shape(WIDTH)).optRequiresGrad(false)
                .optInitializer((manager, shape, type) -> Nd.nativeCopy(manager, s, shape)).build());
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    /** The normalization means in use (55 values). */
    public float[] means() {
        return mean.getArray().toFloatArray();
    }

    /** The normalization standard deviations in use (55 values). */
    public float[] stds() {
        return std.getArray().toFloatArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray meanArr = ps.getValue(mean, inputs.head().getDevice(), training);
        NDArray stdArr = ps.getValue(std, inputs.head().getDevice(), training);
        return Nd.scoped(inputs, () -> new NDList(encode(inputs.head(), meanArr, stdArr)));
    }

    /** Encodes {@code x} (B, N, 25) into (B, N, 55), normalized and with padding rows zeroed. */
    static NDArray encode(NDArray input, NDArray meanArr, NDArray stdArr) {
        NDArray typ = input.get("..., 0");
        NDArray real = typ.neq(0).toType(input.getDataType(), false).expandDims(-1);
        // zero padding rows first: whatever they hold must not reach a logarithm or a square root (NaN * 0 is NaN)
        NDArray x = input.mul(real);
        NDArray oneHot = typ.toType(DataType.INT64, false).oneHot(ElementType.COUNT).toType(x.getDataType(), false);
        NDArray pt = col(x, ElementFeature.PT);
        NDArray eta = col(x, ElementFeature.ETA);
        NDArray phi = col(x, ElementFeature.PHI);
        NDArray e = col(x, ElementFeature.E);
        NDArray logPt = pt.add(1).log();
        NDArray logE = e.add(1).log();
        NDArray coshEta = eta.cosh().clip(-10, 10);
        NDArray ten = Nd.scalar(x, 10);
        NDArray phiEcal = col(x, ElementFeature.PHI_ECAL);
        NDArray phiHcal = col(x, ElementFeature.PHI_HCAL);
        NDList parts = new NDList(oneHot,
                logPt, logPt.sqrt(), logPt.square(),
                eta.sinh().clip(-10, 10), coshEta, eta.abs(),
                phi.sin(), phi.cos(),
                logE, logE.sqrt(), logE.square(),
                logE.sub(coshEta.log()),
                col(x, ElementFeature.LAYER).mul(ten), col(x, ElementFeature.DEPTH).mul(ten),
                phiEcal.sin(), phiEcal.cos(), phiHcal.sin(), phiHcal.cos(),
                x);
        NDArray encoded = NDArrays.concat(parts, -1);
        return encoded.sub(meanArr).div(stdArr).mul(real);
    }

    private static NDArray col(NDArray x, ElementFeature f) {
        int i = f.ordinal();
        return x.get("..., " + i + ":" + (i + 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(WIDTH)};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Shape in = inputShapes[0];
        if (in.get(in.dimension() - 1) != RAW_WIDTH) {
            throw new IllegalArgumentException("input encoding expects " + RAW_WIDTH + " features per element, got "
                    + in);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
