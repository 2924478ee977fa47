package org.mlpf.model;

import java.util.ArrayList;
import java.util.List;

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
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NormalizationStats;

/**
 * PFNetDense, the GNN-LSH model of MLPF (docs/model.md; Pata et al., arXiv:2203.00330; particleflow
 * {@code mlpf/tfmodel/model.py}, Nov 2021): {@link InputEncoding}, then two stacks of {@link CombinedGraphLayer}s
 * on the encoded input: the id / charge / direction branch ({@code numGraphLayersCommon}, each layer feeding the
 * next) and the energy / pt branch ({@code numGraphLayersEnergy}); the decoder concatenates the encoded input (skip
 * connection) with every common layer's output, and {@link OutputDecoding} produces class logits and the six
 * regressed values.
 *
 * <p>Shapes: input {@code X (B, N, 25)} float32 (the 25 CMS features in {@link ElementFeature} order, padding rows
 * all zero with {@code typ_idx = 0}); outputs {@code logits (B, N, 8)} and {@code regression (B, N, 6)} =
 * [charge (e), pt (GeV), eta, sin phi, cos phi, energy (GeV)]; both are 0 for padding. N must be a positive multiple
 * of {@code binSize} and at most {@code maxNumBins * binSize}.
 *
 * <p>Cost: time and memory are linear in N (no N x N tensor). Padding costs nothing beyond the last bin that holds a
 * real element: the forward pass runs on the shortest prefix of whole bins that contains every real element, with
 * the LSH rotations of the full padded size, and pads the outputs with zeros. This is exact, because padding never
 * influences real elements and sorts after all of them.
 */
public final class PfNetDense extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final InputEncoding encoding;
    private final List<CombinedGraphLayer> common = new ArrayList<>();
    private final List<CombinedGraphLayer> energy = new ArrayList<>();
    private final OutputDecoding decoding;
    private boolean skipPaddingBins = true;

    /**
     * @param config hyper-parameters
     * @param stats  normalization statistics of the encoded features, or {@code null} for none (identity)
     */
    public PfNetDense(ModelConfig config, NormalizationStats stats) {
        super(VERSION);
        this.config = config;
        encoding = addChildBlock("enc", new InputEncoding(stats));
        for (int i = 0; i < config.numGraphLayersCommon(); i++) {
            common.add(addChildBlock("cg_" + i, new CombinedGraphLayer(config, config.seed() * 31 + i)));
        }
        for (int i = 0; i < config.numGraphLayersEnergy(); i++) {
            energy.add(addChildBlock("cg_energy_" + i, new CombinedGraphLayer(config, config.seed() * 31 + 1000 + i)));
        }
        decoding = addChildBlock("output_dec", new OutputDecoding(config));
    }

    /** The hyper-parameters. */
    public ModelConfig config() {
        return config;
    }

    /** The input encoding block (holds the normalization statistics). */
    public InputEncoding encoding() {
        return encoding;
    }

    /**
     * Turns the padding shortcut off or on (on by default); with it off every padded bin is computed. For tests
     * that check the shortcut is exact.
     */
    void setSkipPaddingBins(boolean skip) {
        this.skipPaddingBins = skip;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != InputEncoding.RAW_WIDTH) {
            throw new IllegalArgumentException("PFNetDense expects X of shape (B, N, " + InputEncoding.RAW_WIDTH
                    + "), got " + s);
        }
        long n = s.get(1);
        config.checkElementCount(n);
        return Nd.scoped(inputs, () -> {
            NDArray mask = x.get("..., 0").neq(0).toType(DataType.FLOAT32, false);
            // padding rows zeroed once, so that no padding value reaches any computation
            NDArray xz = x.mul(mask.expandDims(-1));
            long active = skipPaddingBins ? activeElements(mask) : n;
            NDArray xa = active == n ? xz : xz.get(":, :{}", active);
            NDArray ma = active == n ? mask : mask.get(":, :{}", active);
            PairList<String, Object> p = new PairList<>();
            p.add(LshBinning.TOTAL_ELEMENTS, n);
            NDList out = forwardActive(ps, xa, ma, training, p);
            if (active == n) {
                return out;
            }
            NDList padded = new NDList();
            for (NDArray o : out) {
                Shape os = o.getShape();
                NDArray zeros = o.getManager().zeros(new Shape(os.get(0), n - active, os.get(2)), o.getDataType());
                padded.add(o.concat(zeros, 1));
            }
            return padded;
        });
    }

    /** Length of the shortest prefix of whole bins holding every real element (at least one bin). */
    private long activeElements(NDArray mask) {
        long n = mask.getShape().get(1);
        NDArray positions = mask.getManager().arange(1f, n + 1f, 1f, DataType.FLOAT32);
        long lastReal = (long) mask.mul(positions).max().getFloat();
        long bin = config.binSize();
        return Math.max(bin, (lastReal + bin - 1) / bin * bin);
    }

    private NDList forwardActive(ParameterStore ps, NDArray x, NDArray mask, boolean training,
            PairList<String, Object> p) {
        NDArray enc = encoding.forward(ps, new NDList(x), training).head();
        NDList decParts = new NDList(enc);
        NDArray h = enc;
        for (CombinedGraphLayer cg : common) {
            h = cg.forward(ps, new NDList(h, mask), training, p).head();
            decParts.add(h);
        }
        NDList energyParts = new NDList();
        h = enc;
        for (CombinedGraphLayer cg : energy) {
            h = cg.forward(ps, new NDList(h, mask), training, p).head();
            energyParts.add(h);
        }
        NDArray dec = NDArrays.concat(decParts, -1);
        NDArray decEnergy = energyParts.size() == 1 ? energyParts.head() : NDArrays.concat(energyParts, -1);
        return decoding.forward(ps, new NDList(x, dec, decEnergy, mask), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), ParticleClass.COUNT),
            new Shape(x.get(0), x.get(1), OutputDecoding.NUM_REGRESSION)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long b = x.get(0);
        long n = x.get(1);
        Shape mask = new Shape(b, n);
        encoding.initialize(manager, dataType, x);
        Shape h = encoding.getOutputShapes(new Shape[] {x})[0];
        for (CombinedGraphLayer cg : common) {
            cg.initialize(manager, dataType, h, mask);
            h = cg.getOutputShapes(new Shape[] {h, mask})[0];
        }
        Shape he = encoding.getOutputShapes(new Shape[] {x})[0];
        for (CombinedGraphLayer cg : energy) {
            cg.initialize(manager, dataType, he, mask);
            he = cg.getOutputShapes(new Shape[] {he, mask})[0];
        }
        decoding.initialize(manager, dataType, x, new Shape(b, n, config.decoderWidth()),
                new Shape(b, n, config.energyDecoderWidth()), mask);
    }

    /** Number of trainable scalars (excludes the frozen LSH codebooks and normalization statistics). */
    public long trainableParameterCount() {
        return count(true);
    }

    /** Number of frozen scalars (LSH codebooks and normalization statistics). */
    public long frozenParameterCount() {
        return count(false);
    }

    private long count(boolean trainable) {
        long total = 0;
        for (Parameter p : getParameters().values()) {
            if (p.requiresGradient() == trainable) {
                total += p.getShape().size();
            }
        }
        return total;
    }
}
