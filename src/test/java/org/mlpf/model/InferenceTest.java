package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlpf.physics.ParticleClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class InferenceTest {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceTest.class);
    private static MlpfModel model;

    @BeforeAll
    static void build() {
        model = MlpfModel.create(SyntheticEvents.tinyConfig(), SyntheticEvents.stats(SyntheticEvents.batches(1, 2, 2,
                64)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void predictionsAreProbabilitiesAndKinematicsPerElement() throws TranslateException {
        TensorBatch batch = TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(3), 40),
                SyntheticEvents.elements(new SplittableRandom(4), 21)), null, 48);
        float[][] raw = ModelTesting.forward(model, batch);
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            ElementPredictions out = p.predict(batch);
            assertEquals(2, out.batchSize());
            assertEquals(48, out.numElements());
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 48; i++) {
                    assertEquals(batch.isReal(b, i), out.isReal(b, i));
                    float sum = 0;
                    for (int c = 0; c < ParticleClass.COUNT; c++) {
                        sum += out.probability(b, i, c);
                    }
                    assertEquals(1f, sum, 1e-5f, "probabilities sum to 1");
                    int row = b * 48 + i;
                    assertEquals(raw[1][row * 6 + 1], out.pt(b, i), "pt");
                    assertEquals(raw[1][row * 6 + 5], out.energy(b, i), "energy");
                    assertEquals(Math.atan2(raw[1][row * 6 + 3], raw[1][row * 6 + 4]), out.phi(b, i), 1e-6, "phi");
                    if (!out.isReal(b, i)) {
                        assertEquals(0f, out.pt(b, i), 0f, "padding");
                    }
                }
            }
        }
    }

    @Test
    void badElementCountFailsBeforeAnyWork() {
        TensorBatch batch = TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(3), 10)), null, 20);
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            TranslateException e = assertThrows(TranslateException.class, () -> p.predict(batch));
            assertTrue(String.valueOf(e.getCause()).contains("N = 20 must be a positive multiple of the bin size 16"),
                    String.valueOf(e.getCause()));
        }
    }

    @Test
    void nativeMemoryStaysFlatOverThousandsOfInferences() throws TranslateException, IOException {
        NDManager owner = model.djlModel().getNDManager();
        List<TensorBatch> batches = List.of(
                TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(5), 60)), null, 64),
                TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(6), 30)), null, 32));
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            for (int i = 0; i < 300; i++) {
                p.predict(batches.get(i % 2));
            }
            int arrays = count(owner);
            long[] rss = new long[6];
            for (int round = 0; round < rss.length; round++) {
                for (int i = 0; i < 300; i++) {
                    p.predict(batches.get(i % 2));
                }
                System.gc();
                rss[round] = rssKb();
            }
            LOG.info("over 2100 inferences: {} arrays attached to the model's manager tree (was {}), RSS after each "
                    + "300 (kB): {}", count(owner), arrays, java.util.Arrays.toString(rss));
            assertEquals(arrays, count(owner), "arrays attached to the model's managers");
            // Coarse guard for native leaks outside any manager. The resident size also moves with the JVM and the
            // allocator (+-10 MB in the shared test JVM), so compare the lowest values of the first and last three
            // rounds: a steady leak of >= 20 kB per inference (say, the (64, 87) decoder input of every call) trips it.
            long early = Math.min(rss[0], Math.min(rss[1], rss[2]));
            long late = Math.min(rss[3], Math.min(rss[4], rss[5]));
            assertTrue(late - early < 16 * 1024, "resident memory grew by " + (late - early) + " kB: "
                    + java.util.Arrays.toString(rss));
        }
    }

    private static int count(NDManager m) {
        int n = m.getManagedArrays().size();
        return n;
    }

    private static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    @Test
    void predictorOnAFreshThreadTurnsAutogradOffAndAgrees() throws Exception {
        TensorBatch batch = TensorBatch.pad(List.of(SyntheticEvents.elements(new SplittableRandom(9), 30)), null, 32);
        ElementPredictions here;
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            here = p.predict(batch);
        }
        ElementPredictions[] there = new ElementPredictions[1];
        boolean[] gradMode = new boolean[2];
        Thread t = new Thread(() -> {
            gradMode[0] = JniUtils.isGradMode();
            try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
                there[0] = p.predict(batch);
            } catch (TranslateException e) {
                throw new IllegalStateException(e);
            }
            gradMode[1] = JniUtils.isGradMode();
        });
        t.start();
        t.join();
        assertTrue(gradMode[0], "PyTorch starts new threads in grad mode");
        assertFalse(gradMode[1], "the translator turned it off");
        for (int i = 0; i < 32; i++) {
            assertEquals(here.pt(0, i), there[0].pt(0, i));
            assertEquals(here.predictedClass(0, i), there[0].predictedClass(0, i));
        }
    }
}
