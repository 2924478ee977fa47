package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;

class InputEncodingTest {
    @Test
    void equalsThePlainJavaEncoderThenNormalization() throws Exception {
        List<TensorBatch> data = SyntheticEvents.batches(17, 3, 2, 48);
        NormalizationStats stats = SyntheticEvents.stats(data);
        float[] mean = stats.means();
        float[] std = stats.stds();
        try (NDManager m = Engine.getEngine(MlpfModel.ENGINE).newBaseManager()) {
            JniUtils.setGradMode(false);
            InputEncoding enc = new InputEncoding(stats);
            TensorBatch batch = data.get(0);
            enc.initialize(m, DataType.FLOAT32, batch.features(m).getShape());
            float[] got = enc.forward(new ParameterStore(m, false), new NDList(batch.features(m)), false).head()
                    .toFloatArray();
            float[] raw = new float[ElementFeature.WIDTH];
            float[] expected = new float[FeatureEncoding.WIDTH];
            int w = FeatureEncoding.WIDTH;
            int checked = 0;
            for (int b = 0; b < batch.batchSize(); b++) {
                for (int i = 0; i < batch.numElements(); i++) {
                    int row = (b * batch.numElements() + i) * w;
                    if (!batch.isReal(b, i)) {
                        for (int k = 0; k < w; k++) {
                            assertEquals(0f, got[row + k], 0f, "padding row " + i + " is zero");
                        }
                        continue;
                    }
                    for (int f = 0; f < TensorBatch.X_WIDTH; f++) {
                        raw[f] = batch.feature(b, i, f);
                    }
                    FeatureEncoding.encode(raw, 0, expected, 0);
                    for (int k = 0; k < w; k++) {
                        double e = (expected[k] - mean[k]) / std[k];
                        assertEquals(e, got[row + k], 1e-4 * Math.max(1, Math.abs(e)),
                                FeatureEncoding.names().get(k) + " of element " + i);
                    }
                    checked++;
                }
            }
            assertEquals(true, checked > 40, "real elements checked: " + checked);
            // the second instance is built with other statistics: loading must bring the first's
            BlockRoundTrip.check(m, () -> new InputEncoding(SyntheticEvents.stats(
                    SyntheticEvents.batches(new SplittableRandom().nextLong(), 1, 1, 16))),
                    new NDList(batch.features(m)));
        }
    }
}
