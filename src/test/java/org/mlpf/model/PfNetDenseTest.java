package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlpf.physics.ParticleClass;

class PfNetDenseTest {
    private static final ModelConfig TINY = SyntheticEvents.tinyConfig();
    private static MlpfModel model;

    @BeforeAll
    static void build() {
        List<TensorBatch> data = SyntheticEvents.batches(1, 4, 2, 64);
        model = MlpfModel.create(TINY, SyntheticEvents.stats(data));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static TensorBatch event(long seed, int real, int padded) {
        float[] x = SyntheticEvents.elements(new SplittableRandom(seed), real);
        return TensorBatch.pad(List.of(x), null, padded);
    }

    @Test
    void outputShapesForSeveralElementCountsAndBatchSizes() {
        for (int n : new int[] {16, 48, 128, 256}) {
            for (int b : new int[] {1, 3}) {
                List<float[]> events = new ArrayList<>();
                for (int e = 0; e < b; e++) {
                    events.add(SyntheticEvents.elements(new SplittableRandom(n * 10L + e), n - e * 5));
                }
                TensorBatch batch = TensorBatch.pad(events, null, n);
                float[][] out = ModelTesting.forward(model, batch);
                assertEquals(b * n * ParticleClass.COUNT, out[0].length, "logits of B=" + b + " N=" + n);
                assertEquals(b * n * OutputDecoding.NUM_REGRESSION, out[1].length, "regression of B=" + b + " N=" + n);
                Shape[] declared = model.block().getOutputShapes(new Shape[] {new Shape(b, n, 25)});
                assertEquals(new Shape(b, n, 8), declared[0]);
                assertEquals(new Shape(b, n, 6), declared[1]);
                for (float v : out[1]) {
                    assertTrue(Float.isFinite(v), "finite outputs at N=" + n);
                }
            }
        }
    }

    @Test
    void acatConfigurationHasTheDocumentedParameterCounts() {
        try (MlpfModel acat = MlpfModel.create(ModelConfig.acat2021(), null)) {
            // 1,355,008 in the reference minus 69,632 (energy / pt heads read each energy-layer output and the
            // logits twice there) minus 387 (unused gate outputs of the eta / phi heads): see docs/model.md
            assertEquals(1_284_989, acat.trainableParameterCount());
            assertEquals(5 * 64 * 100 + 2 * 55, acat.frozenParameterCount(), "LSH codebooks + normalization");
        }
    }

    @Test
    void elementCountMustBeAMultipleOfTheBinSizeAndFitTheCodebook() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelTesting.forward(model, event(3, 10, 40)));
        assertTrue(e.getMessage().contains("N = 40 must be a positive multiple of the bin size 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelTesting.forward(model, event(3, 10, 272)));
        assertTrue(e.getMessage().contains("more than maxNumBins = 16"), e.getMessage());
    }

    @Test
    void paddingFeaturesNeverInfluenceRealElements() {
        TensorBatch clean = event(11, 37, 64);
        float[] x = new float[64 * 25];
        clean.x().get(x);
        float[] dirty = x.clone();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 37; i < 64; i++) {
            for (int f = 1; f < 25; f++) {
                dirty[i * 25 + f] = (float) rng.nextDouble(-50, 50);
            }
        }
        float[][] a = ModelTesting.forward(model, clean);
        float[][] b = ModelTesting.forward(model, TensorBatch.of(1, 64, dirty, null));
        for (int k = 0; k < 2; k++) {
            int w = k == 0 ? 8 : 6;
            for (int i = 0; i < 64 * w; i++) {
                if (i / w < 37) {
                    assertEquals(a[k][i], b[k][i], 1e-6f, "real element " + i / w + " changed with padding");
                } else {
                    assertEquals(0f, b[k][i], 0f, "padding outputs are zero");
                }
            }
        }
    }

    @Test
    void skippingAllPaddingBinsIsExact() {
        TensorBatch batch = TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(2), 20),
                SyntheticEvents.elements(new SplittableRandom(3), 45)), null, 128);
        float[][] fast = ModelTesting.forward(model, batch);
        model.block().setSkipPaddingBins(false);
        try {
            float[][] full = ModelTesting.forward(model, batch);
            assertTrue(ModelTesting.maxAbsDiff(fast[0], full[0]) < 1e-4, "logits");
            assertTrue(ModelTesting.maxAbsDiff(fast[1], full[1]) < 1e-4, "regression");
        } finally {
            model.block().setSkipPaddingBins(true);
        }
    }

    @Test
    void permutingRealElementsPermutesTheOutputs() {
        int real = 100;
        int n = 128;
        float[] x = SyntheticEvents.elements(new SplittableRandom(21), real);
        int[] perm = new int[real];
        for (int i = 0; i < real; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = real - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        float[] xp = new float[x.length];
        for (int i = 0; i < real; i++) {
            System.arraycopy(x, perm[i] * 25, xp, i * 25, 25);
        }
        float[][] a = ModelTesting.forward(model, TensorBatch.pad(List.of(x), null, n));
        float[][] b = ModelTesting.forward(model, TensorBatch.pad(List.of(xp), null, n));
        for (int k = 0; k < 2; k++) {
            int w = k == 0 ? 8 : 6;
            for (int i = 0; i < real; i++) {
                for (int c = 0; c < w; c++) {
                    assertEquals(a[k][perm[i] * w + c], b[k][i * w + c], 1e-4f,
                            "output " + k + " of element " + perm[i] + " moved to " + i);
                }
            }
        }
    }

    @Test
    void gradientsReachEveryTrainableParameter() {
        List<TensorBatch> data = SyntheticEvents.batches(9, 1, 2, 64);
        TensorBatch batch = data.get(0);
        try (MlpfModel m = MlpfModel.create(TINY, SyntheticEvents.stats(data));
                NDManager step = m.djlModel().getNDManager().newSubManager()) {
            NDArray x = batch.features(step);
            NDArray y = batch.targets(step);
            NDArray mask = x.get("..., 0").neq(0).toType(DataType.FLOAT32, false);
            try (GradientCollector gc = Engine.getEngine(MlpfModel.ENGINE).newGradientCollector()) {
                NDList out = m.forward(new ParameterStore(m.djlModel().getNDManager(), false), x, true);
                NDList terms = new MlpfLoss().terms(new NDList(y, mask), out);
                gc.backward(NDArrays.add(terms.toArray(new NDArray[0])));
            }
            int trainable = 0;
            for (Pair<String, Parameter> p : m.block().getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                trainable++;
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    float s = g.abs().sum().getFloat();
                    assertTrue(s > 0 && Float.isFinite(s), "no gradient reaches " + p.getKey() + " (" + s + ")");
                }
            }
            assertTrue(trainable > 40, "trainable parameter tensors: " + trainable);
        }
    }

    @Test
    void frozenParametersAreTheCodebooksAndNormalization() {
        List<String> frozen = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (!p.getValue().requiresGradient()) {
                frozen.add(p.getKey());
            }
        }
        assertEquals(TINY.numGraphLayersCommon() + TINY.numGraphLayersEnergy() + 2, frozen.size(), frozen.toString());
        assertTrue(frozen.stream().allMatch(k -> k.endsWith("lsh_projections") || k.endsWith("mean")
                || k.endsWith("std")), frozen.toString());
    }

    @Test
    void kinematicOutputsAreCorrectionsToTheElementsOwn() {
        // with every weight of the eta / phi / pt / energy heads' output layers zeroed, the prediction is the
        // element's own direction, pt and energy (tiny config: one hidden layer in those heads, two in energy's)
        try (MlpfModel m = MlpfModel.create(TINY, null)) {
            for (Pair<String, Parameter> p : m.block().getParameters()) {
                if (p.getKey().matches(".*ffn_(eta|phi|pt)_\\d+dense_1_(weight|bias)")
                        || p.getKey().matches(".*ffn_energy_\\d+dense_2_(weight|bias)")) {
                    NDArray a = p.getValue().getArray();
                    a.subi(a);
                }
            }
            TensorBatch batch = event(8, 30, 32);
            float[][] out = ModelTesting.forward(m, batch);
            for (int i = 0; i < 30; i++) {
                assertEquals(batch.feature(0, i, 2), out[1][i * 6 + 2], 1e-6f, "eta");
                assertEquals(Math.sin(batch.feature(0, i, 3)), out[1][i * 6 + 3], 1e-6, "sin phi");
                assertEquals(Math.cos(batch.feature(0, i, 3)), out[1][i * 6 + 4], 1e-6, "cos phi");
                assertEquals(batch.feature(0, i, 1), out[1][i * 6 + 1], 1e-5f * Math.max(1, batch.feature(0, i, 1)),
                        "pt");
                assertEquals(batch.feature(0, i, 4), out[1][i * 6 + 5], 1e-5f * Math.max(1, batch.feature(0, i, 4)),
                        "energy");
            }
            assertArrayEquals(new float[6], java.util.Arrays.copyOfRange(out[1], 30 * 6, 31 * 6), "padding");
        }
    }
}
