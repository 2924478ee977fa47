package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.model.ElementPredictions;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.model.TensorBatch;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/** Determinism and chunk merging: the candidates of an event depend on the event and the model only. */
class InferStageTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();
    private final InferFixture fx = InferFixture.get();

    private InferSummary infer(String in, Path out, InferConfig cfg) {
        return InferJob.run(spark, in, fx.model.toString(), out.toString(), cfg, InferFixture.tensorizeConfig(),
                false);
    }

    @Test
    void candidatesAreTheSameBitForBitWhateverThePartitioning() {
        int loadsBefore = ExecutorModels.loads();
        InferSummary one = infer(fx.tensors.toString(), tmp.resolve("one"), InferFixture.inferConfig(2, 1));
        InferSummary three = infer(fx.tensors.toString(), tmp.resolve("three"), InferFixture.inferConfig(2, 3));
        Map<String, List<String>> a = InferJobTest.candidates(spark, tmp.resolve("one"));
        assertEquals(a, InferJobTest.candidates(spark, tmp.resolve("three")));
        assertEquals(2 * InferFixture.SIZES.length, a.size());
        // the partitionings put events into calls with other events: more partly filled calls with 3 partitions
        assertTrue(three.emptyRows() > one.emptyRows(), one.emptyRows() + " vs " + three.emptyRows());
        assertTrue(ExecutorModels.loads() - loadsBefore <= 1, "one model per JVM, not per partition");
    }

    /**
     * What makes partitioning irrelevant: at a fixed call shape, an event's outputs do not depend on its row in the
     * call or on the other events, down to the last bit. Checked with the ACAT 2021 widths (random weights), whose
     * matrix products take BLAS's blocked kernels, and with the trained tiny model.
     */
    @Test
    void anEventsOutputsDoNotDependOnItsRowOrItsBatchMatesAtAFixedShape() throws TranslateException, IOException {
        ModelConfig acat = ModelConfig.acat2021();
        List<TensorBatch> data = SyntheticEvents.batches(3, 2, 2, 256);
        try (MlpfModel model = MlpfModel.create(acat, SyntheticEvents.stats(data))) {
            checkRowInvariance(model, 256, 130);
        }
        try (MlpfModel model = MlpfModel.load(fx.model)) {
            checkRowInvariance(model, 128, 70);
        }
    }

    /** Four events of {@code real} elements (one active length) in calls (3, n) in different rows and company. */
    private static void checkRowInvariance(MlpfModel model, int n, int real) throws TranslateException, IOException {
        SplittableRandom rng = new SplittableRandom(11);
        List<float[]> ev = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ev.add(SyntheticEvents.elements(rng, real));
        }
        float[] empty = new float[0];
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            ElementPredictions first = p.predict(TensorBatch.pad(List.of(ev.get(0), ev.get(1), ev.get(2)), null, n));
            ElementPredictions second = p.predict(TensorBatch.pad(List.of(ev.get(3), empty, ev.get(0)), null, n));
            ElementPredictions third = p.predict(TensorBatch.pad(List.of(ev.get(2), ev.get(0), ev.get(3)), null, n));
            for (int i = 0; i < n; i++) {
                String where = "element " + i + " of N = " + n;
                assertEquals(bits(first, 0, i), bits(second, 2, i), where);
                assertEquals(bits(first, 0, i), bits(third, 1, i), where);
                assertEquals(bits(first, 2, i), bits(third, 0, i), where);
                assertEquals(bits(second, 0, i), bits(third, 2, i), where);
            }
        }
    }

    private static List<Integer> bits(ElementPredictions p, int b, int i) {
        List<Integer> out = new ArrayList<>();
        for (float v : p.probabilities(b, i)) {
            out.add(Float.floatToRawIntBits(v));
        }
        for (float v : new float[] {p.charge(b, i), p.pt(b, i), p.eta(b, i), p.sinPhi(b, i), p.cosPhi(b, i),
            p.energy(b, i)}) {
            out.add(Float.floatToRawIntBits(v));
        }
        return out;
    }

    @Test
    void oversizedEventsAreCutIntoChunksAndTheirCandidatesMergedBackInElementOrder() throws TranslateException, IOException {
        Path out = tmp.resolve("cands");
        infer(fx.ntuples.toString(), out, InferFixture.inferConfig(2, 0));
        int big = 7; // 300 elements: chunks of 128, 128 and 44 for buckets 64 and 128
        NtupleEvent ev = TestEvents.withElements(big, "qcd", InferFixture.SIZES[big]);
        List<String> expected = new ArrayList<>();
        try (MlpfModel model = MlpfModel.load(fx.model);
                Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            for (int offset = 0; offset < ev.numElements(); offset += 128) {
                int len = Math.min(128, ev.numElements() - offset);
                float[] x = new float[len * TensorBatch.X_WIDTH];
                float[] vz = new float[len];
                for (int i = 0; i < len; i++) {
                    for (ElementFeature f : ElementFeature.values()) {
                        if (f.isCms()) {
                            x[i * TensorBatch.X_WIDTH + f.ordinal()] = ev.feature(offset + i, f);
                        }
                    }
                    vz[i] = ev.feature(offset + i, ElementFeature.VZ);
                }
                int bucket = len <= 64 ? 64 : 128;
                // the call shape the job uses: (batch 2, bucket), this chunk alone in it
                ElementPredictions pred = p.predict(TensorBatch.pad(List.of(x, new float[0]), null, bucket));
                EventCandidates c = EventCandidates.of(pred, 0, len, offset, vz);
                for (int k = 0; k < c.size(); k++) {
                    expected.add(c.elemIndex()[k] + " " + c.cls()[k] + " " + Float.floatToRawIntBits(c.pt()[k]));
                }
            }
        }
        Row row = spark.read().parquet(out.toString()).filter("sample = 'qcd' and event_id = " + big).first();
        List<Row> cands = row.getList(row.fieldIndex(CandidateSchema.CANDIDATES));
        List<String> got = new ArrayList<>();
        int previous = -1;
        for (Row c : cands) {
            int elem = c.getInt(6);
            assertTrue(elem > previous, "element order");
            previous = elem;
            assertTrue(c.getInt(0) != ParticleClass.NONE.index());
            got.add(elem + " " + c.getInt(0) + " " + Float.floatToRawIntBits(c.getFloat(2)));
        }
        assertEquals(expected, got);
        assertTrue(expected.stream().anyMatch(s -> Integer.parseInt(s.split(" ")[0]) >= 128),
                "candidates from a later chunk: " + expected);
        assertEquals(cands.size(), row.getList(row.fieldIndex(CandidateSchema.PROBS)).size());
    }
}
