package org.mlpf.model;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Locality-sensitive hashing of elements into fixed-size bins (the "LSH binning" of the scalable CombinedGraph
 * layer of Pata et al., arXiv:2203.00330). A frozen random-rotation codebook W (distanceDim x maxNumBins/2,
 * Gaussian, seeded) projects the learned distance embedding; an element's hash is the argmax over
 * {@code [xW, -xW]} using the first {@code max(1, nbins/2)} rotations, so nearby embeddings tend to share a hash.
 * Elements are sorted by hash, and inside a hash bucket by their projection on the first rotation (so that bin
 * membership depends on the elements' embeddings, never on their positions: permutation equivariance), padding
 * after every real element; the sorted sequence is cut into {@code nbins = N / binSize} bins of {@code binSize}
 * consecutive elements.
 *
 * <p>Shapes: inputs {@code xDist (B, N, D)}, {@code xNode (B, N, F)}, {@code mask (B, N)} (1 real, 0 padding);
 * outputs {@code xDist (B, nbins, binSize, D)}, {@code xNode (B, nbins, binSize, F)}, {@code mask (B, nbins,
 * binSize)} and {@code perm (B, nbins, binSize)} (int64 element indices; {@link Unbinning} inverts it). N must be a
 * multiple of {@code binSize}. The number of rotations follows the padded event size, which the caller may pass as
 * forward parameter {@link #TOTAL_ELEMENTS} when it runs on a truncated prefix of the event (see {@link PfNetDense}).
 */
public final class LshBinning extends AbstractBlock {
    /** Forward parameter: the padded element count of the full event (Integer), when the input is a prefix. */
    public static final String TOTAL_ELEMENTS = "mlpf.total_elements";

    private static final byte VERSION = 1;

    private final int binSize;
    private final int maxNumBins;
    private final Parameter codebook;

    /**
     * @param distanceDim width D of the distance embedding
     * @param binSize     elements per bin
     * @param maxNumBins  largest number of bins; the codebook has maxNumBins / 2 columns
     * @param seed        seed of the codebook (a Gaussian matrix drawn in Java, so it does not depend on the engine)
     */
    public LshBinning(int distanceDim, int binSize, int maxNumBins, long seed) {
        super(VERSION);
        this.binSize = binSize;
        this.maxNumBins = maxNumBins;
        codebook = addParameter(Parameter.builder().setName("lsh_projections").setType(Parameter.Type.OTHER)
                .optShape(new Shape(distanceDim, maxNumBins / 2)).optRequiresGrad(false)
                .optInitializer((manager, shape, type) -> Nd.nativeCopy(manager, gaussian(shape, seed), shape))
                .build());
    }

    private static float[] gaussian(Shape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return v;
    }

    /** Number of rotations used for an event of {@code totalElements} padded elements. */
    int numRotations(long totalElements) {
        long nbins = totalElements / binSize;
        if (nbins > maxNumBins) {
            throw new IllegalArgumentException("padded element count N = " + totalElements + " needs " + nbins
                    + " bins, more than maxNumBins = " + maxNumBins);
        }
        return (int) Math.max(1, nbins / 2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray w = ps.getValue(codebook, inputs.head().getDevice(), training);
        return Nd.scoped(inputs, () -> bin(inputs.get(0), inputs.get(1), inputs.get(2), w, totalElements(inputs,
                params)));
    }

    private static long totalElements(NDList inputs, PairList<String, Object> params) {
        if (params != null) {
            Object v = params.get(TOTAL_ELEMENTS);
            if (v != null) {
                return ((Number) v).longValue();
            }
        }
        return inputs.head().getShape().get(1);
    }

    private NDList bin(NDArray xDist, NDArray xNode, NDArray mask, NDArray w, long totalElements) {
        Shape s = xDist.getShape();
        long b = s.get(0);
        long n = s.get(1);
        if (n % binSize != 0 || n == 0) {
            throw new IllegalArgumentException("element count N = " + n + " is not a positive multiple of the bin size "
                    + binSize);
        }
        long nbins = n / binSize;
        int rot = numRotations(Math.max(totalElements, n));
        NDArray proj = xDist.matMul(w.get(new NDIndex(":, :{}", rot)));
        // argmax over [xW, -xW] without building it: the largest |projection|, shifted by rot when negative
        // (identical up to exact ties of |projections|; PyTorch's argmax over short rows is slow)
        NDArray largest = proj.abs().argMax(-1);
        NDArray negative = proj.gather(largest.expandDims(-1), 2).squeeze(-1).lt(0).toType(DataType.INT64, false);
        NDArray hash = largest.add(negative.mul(rot)).toType(DataType.FLOAT64, false);
        // Inside a hash bucket, order by a continuous projection of the embedding (atan maps it into (0, 1)), not
        // by position: bin membership then depends only on the elements, which makes the layer
        // permutation-equivariant (up to exact duplicates). Padding sorts after every real element.
        NDArray within = proj.get("..., 0").toType(DataType.FLOAT64, false).atan()
                .mul(Nd.scalar(hash, 0.5 / Math.PI)).add(0.25);
        NDArray padding = mask.eq(0).toType(DataType.FLOAT64, false);
        NDArray key = hash.add(within).add(padding.mul(Nd.scalar(hash, 2.0 * rot + 1)));
        NDArray perm = key.argSort(-1);
        NDArray batchIdx = xDist.getManager().arange(0L, b, 1L, DataType.INT64).reshape(b, 1);
        NDIndex rows = new NDIndex("{}, {}", batchIdx, perm);
        Shape binned = new Shape(b, nbins, binSize);
        return new NDList(
                xDist.get(rows).reshape(binned.add(s.get(2))),
                xNode.get(rows).reshape(binned.add(xNode.getShape().get(2))),
                mask.get(rows).reshape(binned),
                perm.reshape(binned));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape d = inputShapes[0];
        Shape f = inputShapes[1];
        long nbins = d.get(1) / binSize;
        Shape binned = new Shape(d.get(0), nbins, binSize);
        return new Shape[] {binned.add(d.get(2)), binned.add(f.get(2)), binned, binned};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
