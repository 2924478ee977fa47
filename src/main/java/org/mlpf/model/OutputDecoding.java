package org.mlpf.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;

/**
 * The output heads of PFNetDense (particleflow's {@code OutputDecoding}, docs/model.md). The id branch's
 * decoder input (encoded input concatenated with every common graph layer's output) is layer-normalized into
 * {@code z}; then, per element:
 * <ul>
 * <li>class logits = id(z) (512 -> 256 -> 128 -> 8);</li>
 * <li>charge = charge(z) (256 -> 128 -> 1);</li>
 * <li>eta = eta_elem + eta([z, logits]); sin phi, cos phi = sin/cos(phi_elem) + phi([z, logits])
 * (256 -> 128 -> 1 and -> 2: additive corrections to the element's own direction);</li>
 * <li>energy = e_elem + energy([z, logits, e]) (256 -> 128 -> 64 -> 1), where e is the energy branch's graph-layer
 * outputs;</li>
 * <li>pt = pt_elem * (1 + a) + b with (a, b) = pt([z, logits, e]) (256 -> 128 -> 2).</li>
 * </ul>
 * pt and energy are corrections to the element's own values, like eta and phi: a head that outputs 0 reproduces the
 * element (the track's momentum, the cluster's energy), so training starts from a physical answer instead of
 * having to grow a 100 GeV output from zero-centred weights (version 2; version 1 had {@code pt_elem * a + b} and a
 * bare energy head).
 * The regression heads see the logits with the gradient stopped (as the reference), so regression losses do not
 * pull on the classifier. Every output of a padding element is 0.
 *
 * <p>Shapes: inputs {@code X (B, N, 25)} (raw features), {@code dec (B, N, decoderWidth)},
 * {@code decEnergy (B, N, energyDecoderWidth)}, {@code mask (B, N)}; outputs {@code logits (B, N, 8)} and
 * {@code regression (B, N, 6)} = [charge, pt (GeV), eta, sin phi, cos phi, energy (GeV)], the order of the targets'
 * columns 1..6.
 */
public final class OutputDecoding extends AbstractBlock {
    /** Number of regressed values per element. */
    public static final int NUM_REGRESSION = 6;

    private static final byte VERSION = 2;

    private final LayerNorm layerNorm;
    private final FeedForward id;
    private final FeedForward charge;
    private final FeedForward eta;
    private final FeedForward phi;
    private final FeedForward energy;
    private final FeedForward pt;

    /** @param c the model config (head widths and depths, dropout, LayerNorm epsilon) */
    public OutputDecoding(ModelConfig c) {
        super(VERSION);
        double p = c.headDropout();
        layerNorm = addChildBlock("layernorm", LayerNorm.builder().axis(2).optEpsilon((float) c.layerNormEpsilon())
                .build());
        id = addChildBlock("ffn_id", head(c.id(), ParticleClass.COUNT, p));
        charge = addChildBlock("ffn_charge", head(c.charge(), 1, p));
        eta = addChildBlock("ffn_eta", head(c.eta(), 1, p));
        phi = addChildBlock("ffn_phi", head(c.phi(), 2, p));
        energy = addChildBlock("ffn_energy", head(c.energy(), 1, p));
        pt = addChildBlock("ffn_pt", head(c.pt(), 2, p));
    }

    private static FeedForward head(ModelConfig.Head h, int out, double dropout) {
        return new FeedForward(h.hiddenDim(), h.numLayers(), out, true, dropout);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Nd.scoped(inputs, () -> {
            NDArray x = inputs.get(0);
            NDArray dec = inputs.get(1);
            NDArray decEnergy = inputs.get(2);
            NDArray m = inputs.get(3).expandDims(-1);

            NDArray z = layerNorm.forward(ps, new NDList(dec), training).head();
            NDArray logits = run(id, ps, z, training).mul(m);
            NDArray q = run(charge, ps, z, training);

            NDArray zc = z.concat(logits.stopGradient(), -1);
            NDArray etaCorr = run(eta, ps, zc, training);
            NDArray phiCorr = run(phi, ps, zc, training);
            NDArray phiElem = col(x, ElementFeature.PHI);
            NDArray etaOut = col(x, ElementFeature.ETA).add(etaCorr);
            NDArray sinOut = phiElem.sin().add(phiCorr.get("..., 0:1"));
            NDArray cosOut = phiElem.cos().add(phiCorr.get("..., 1:2"));

            NDArray ze = zc.concat(decEnergy, -1);
            NDArray energyOut = col(x, ElementFeature.E).add(run(energy, ps, ze, training));
            NDArray ab = run(pt, ps, ze, training);
            NDArray ptElem = col(x, ElementFeature.PT);
            NDArray ptOut = ptElem.add(ptElem.mul(ab.get("..., 0:1"))).add(ab.get("..., 1:2"));

            NDArray reg = NDArrays.concat(new NDList(q, ptOut, etaOut, sinOut, cosOut, energyOut), -1).mul(m);
            return new NDList(logits, reg);
        });
    }

    private static NDArray run(FeedForward f, ParameterStore ps, NDArray in, boolean training) {
        return f.forward(ps, new NDList(in), training).head();
    }

    private static NDArray col(NDArray x, ElementFeature f) {
        int i = f.ordinal();
        return x.get("..., " + i + ":" + (i + 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape d = inputShapes[1];
        return new Shape[] {new Shape(d.get(0), d.get(1), ParticleClass.COUNT),
            new Shape(d.get(0), d.get(1), NUM_REGRESSION)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape dec = inputShapes[1];
        Shape decEnergy = inputShapes[2];
        long b = dec.get(0);
        long n = dec.get(1);
        layerNorm.initialize(manager, dataType, dec);
        id.initialize(manager, dataType, dec);
        charge.initialize(manager, dataType, dec);
        Shape zc = new Shape(b, n, dec.get(2) + ParticleClass.COUNT);
        eta.initialize(manager, dataType, zc);
        phi.initialize(manager, dataType, zc);
        Shape ze = new Shape(b, n, zc.get(2) + decEnergy.get(2));
        energy.initialize(manager, dataType, ze);
        pt.initialize(manager, dataType, ze);
    }
}
