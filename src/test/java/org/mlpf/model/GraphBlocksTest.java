package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphBlocksTest {
    private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        manager = Engine.getEngine(MlpfModel.ENGINE).newBaseManager();
        ps = new ParameterStore(manager, false);
        JniUtils.setGradMode(false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray random(long seed, Shape shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return manager.create(v, shape);
    }

    private NDArray mask(int n, int real) {
        float[] m = new float[n];
        Arrays.fill(m, 0, real, 1f);
        return manager.create(m, new Shape(1, n));
    }

    @Test
    void lshBinningSortsRealElementsByHashIntoWholeBinsWithPaddingLast() {
        int n = 16;
        int real = 11;
        LshBinning lsh = new LshBinning(4, 4, 8, 3);
        NDArray xDist = random(1, new Shape(1, n, 4));
        NDArray xNode = manager.arange(0f, n, 1f).reshape(1, n, 1);
        NDArray mask = mask(n, real);
        lsh.initialize(manager, DataType.FLOAT32, xDist.getShape(), xNode.getShape(), mask.getShape());
        NDList out = lsh.forward(ps, new NDList(xDist, xNode, mask), false);
        assertEquals(new Shape(1, 4, 4, 4), out.get(0).getShape());
        assertEquals(new Shape(1, 4, 4, 1), out.get(1).getShape());
        long[] perm = out.get(3).toLongArray();
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                Arrays.stream(perm).sorted().toArray(), "a permutation");
        float[] binnedNode = out.get(1).toFloatArray();
        float[] binnedMask = out.get(2).toFloatArray();
        for (int k = 0; k < n; k++) {
            assertEquals(perm[k], (long) binnedNode[k], "gathered with the permutation");
            assertEquals(k < real ? 1f : 0f, binnedMask[k], "real elements first, padding last");
        }
        // hashes recomputed in Java: argmax over [xW, -xW] with the first nbins/2 = 2 rotations, non-decreasing
        float[] w = lsh.getParameters().get("lsh_projections").getArray().toFloatArray();
        float[] x = xDist.toFloatArray();
        int previous = -1;
        for (int k = 0; k < real; k++) {
            int e = (int) perm[k];
            double[] proj = new double[2];
            for (int r = 0; r < 2; r++) {
                for (int d = 0; d < 4; d++) {
                    proj[r] += x[e * 4 + d] * w[d * 4 + r];
                }
            }
            double[] both = {proj[0], proj[1], -proj[0], -proj[1]};
            int hash = 0;
            for (int h = 1; h < 4; h++) {
                if (both[h] > both[hash]) {
                    hash = h;
                }
            }
            assertTrue(hash >= previous, "sorted by hash at position " + k);
            previous = hash;
        }
    }

    @Test
    void unbinningInvertsBinning() {
        int n = 32;
        LshBinning lsh = new LshBinning(3, 8, 8, 5);
        NDArray xDist = random(2, new Shape(2, n, 3));
        NDArray xNode = random(3, new Shape(2, n, 5));
        NDArray mask = manager.ones(new Shape(2, n));
        lsh.initialize(manager, DataType.FLOAT32, xDist.getShape(), xNode.getShape(), mask.getShape());
        NDList binned = lsh.forward(ps, new NDList(xDist, xNode, mask), false);
        Unbinning unbin = new Unbinning();
        NDArray back = unbin.forward(ps, new NDList(binned.get(1), binned.get(3)), false).head();
        assertEquals(xNode.getShape(), back.getShape());
        assertArrayEquals(xNode.toFloatArray(), back.toFloatArray());
    }

    @Test
    void gaussianKernelMatchesTheFormulaAndMasksPadding() {
        for (boolean normalize : new boolean[] {false, true}) {
            int bs = 4;
            int d = 3;
            NDArray x = random(4, new Shape(1, 2, bs, d)).mul(3);
            float[] m = {1, 1, 1, 0, 1, 1, 0, 0};
            NDArray mask = manager.create(m, new Shape(1, 2, bs));
            GaussianKernel kernel = new GaussianKernel(0.120898, 0.001998, normalize);
            float[] p = kernel.forward(ps, new NDList(x, mask), false).head().toFloatArray();
            float[] xv = x.toFloatArray();
            for (int bin = 0; bin < 2; bin++) {
                double[][] a = new double[bs][bs];
                double[] degree = new double[bs];
                for (int i = 0; i < bs; i++) {
                    for (int j = 0; j < bs; j++) {
                        double s = 0;
                        for (int k = 0; k < d; k++) {
                            double diff = xv[(bin * bs + i) * d + k] - xv[(bin * bs + j) * d + k];
                            s += diff * diff;
                        }
                        double k = Math.min(1, Math.max(0.001998, Math.exp(-0.120898 * Math.sqrt(Math.max(s, 1e-6)))));
                        a[i][j] = k * m[bin * bs + i] * m[bin * bs + j];
                        degree[i] += a[i][j];
                    }
                }
                for (int i = 0; i < bs; i++) {
                    for (int j = 0; j < bs; j++) {
                        double expected = normalize
                                ? a[i][j] / Math.sqrt(degree[i] + 1e-6) / Math.sqrt(degree[j] + 1e-6) : a[i][j];
                        float got = p[(bin * bs + i) * bs + j];
                        assertEquals(expected, got, 1e-5,
                                "P[" + bin + "][" + i + "][" + j + "] normalize=" + normalize);
                        if (m[bin * bs + i] == 0 || m[bin * bs + j] == 0) {
                            assertEquals(0f, got, "padding row or column");
                        }
                    }
                }
            }
        }
    }

    @Test
    void ghConvMatchesTheGatedFormula() {
        int bs = 4;
        int f = 3;
        int o = 2;
        NDArray x = random(6, new Shape(1, 1, bs, f));
        NDArray p = random(7, new Shape(1, 1, bs, bs)).abs();
        Engine.getEngine(MlpfModel.ENGINE).setRandomSeed(3);
        GhConv conv = new GhConv(o);
        conv.initialize(manager, DataType.FLOAT32, x.getShape(), p.getShape());
        conv.getParameters().get("gate_bias").getArray().addi(0.3f);
        float[] out = conv.forward(ps, new NDList(x, p), false).head().toFloatArray();
        float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
        float[] bt = conv.getParameters().get("gate_bias").getArray().toFloatArray();
        float[] xv = x.toFloatArray();
        float[] pv = p.toFloatArray();
        double[][] theta = new double[bs][o];
        for (int i = 0; i < bs; i++) {
            for (int c = 0; c < o; c++) {
                for (int k = 0; k < f; k++) {
                    theta[i][c] += xv[i * f + k] * w[c * f + k];
                }
            }
        }
        for (int i = 0; i < bs; i++) {
            for (int c = 0; c < o; c++) {
                double hom = 0;
                for (int j = 0; j < bs; j++) {
                    hom += pv[i * bs + j] * theta[j][c];
                }
                double het = 0;
                double gate = bt[c];
                for (int k = 0; k < f; k++) {
                    het += xv[i * f + k] * w[(o + c) * f + k];
                    gate += xv[i * f + k] * w[(2 * o + c) * f + k];
                }
                gate = 1 / (1 + Math.exp(-gate));
                double v = gate * hom + (1 - gate) * het;
                double elu = v > 0 ? v : Math.expm1(v);
                assertEquals(elu, out[i * o + c], 1e-5, "element " + i + " channel " + c);
            }
        }
    }

    @Test
    void feedForwardHalvesItsHiddenWidths() {
        FeedForward ff = new FeedForward(32, 3, 5, true, 0);
        ff.initialize(manager, DataType.FLOAT32, new Shape(2, 7, 11));
        assertEquals(new Shape(32, 11), ff.getParameters().get("01dense_0_weight").getShape());
        assertEquals(new Shape(16, 32), ff.getParameters().get("02dense_1_weight").getShape());
        assertEquals(new Shape(8, 16), ff.getParameters().get("03dense_2_weight").getShape());
        assertEquals(new Shape(5, 8), ff.getParameters().get("04dense_3_weight").getShape());
        NDArray out = ff.forward(ps, new NDList(random(1, new Shape(2, 7, 11))), false).head();
        assertEquals(new Shape(2, 7, 5), out.getShape());
    }

    @Test
    void combinedGraphLayerShapesForSeveralSizes() {
        ModelConfig c = SyntheticEvents.tinyConfig();
        CombinedGraphLayer cg = new CombinedGraphLayer(c, 1);
        cg.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 9), new Shape(1, 16));
        for (int n : new int[] {16, 64, 256}) {
            NDArray out = cg.forward(ps, new NDList(random(n, new Shape(2, n, 9)), manager.ones(new Shape(2, n))),
                    false).head();
            assertEquals(new Shape(2, n, c.messageDim()), out.getShape());
            assertEquals(out.getShape(), cg.getOutputShapes(new Shape[] {new Shape(2, n, 9), new Shape(2, n)})[0]);
        }
    }

    @Test
    void everyBlockRoundTripsThroughSaveAndLoad() throws Exception {
        ModelConfig c = SyntheticEvents.tinyConfig();
        int n = 32;
        NDArray x9 = random(11, new Shape(2, n, 9));
        NDArray mask = mask(n, 27).repeat(0, 2);
        BlockRoundTrip.check(manager, () -> new FeedForward(16, 2, 3, true, 0), new NDList(x9));
        BlockRoundTrip.check(manager, () -> new LshBinning(9, 8, 8, System.nanoTime()),
                new NDList(x9, x9, mask));
        NDArray binnedX = random(12, new Shape(2, 4, 8, 9));
        NDArray binnedMask = manager.ones(new Shape(2, 4, 8));
        BlockRoundTrip.check(manager, () -> new GaussianKernel(0.1, 0.002, true), new NDList(binnedX, binnedMask));
        BlockRoundTrip.check(manager, () -> new GhConv(5), new NDList(binnedX, random(13, new Shape(2, 4, 8, 8))));
        BlockRoundTrip.check(manager, () -> new CombinedGraphLayer(c, System.nanoTime()), new NDList(x9, mask));
        BlockRoundTrip.check(manager, () -> new OutputDecoding(c), new NDList(random(14, new Shape(2, n, 25)),
                random(15, new Shape(2, n, c.decoderWidth())), random(16, new Shape(2, n, c.energyDecoderWidth())),
                mask));
        BlockRoundTrip.check(manager, () -> new PfNetDense(c, null),
                new NDList(SyntheticEvents.batches(3, 1, 2, n).get(0).features(manager)));
    }
}
