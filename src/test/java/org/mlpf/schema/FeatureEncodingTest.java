package org.mlpf.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureEncodingTest {
    @TempDir
    Path tmp;

    private static float[] element(int typ, float pt, float eta, float phi, float e) {
        float[] raw = new float[ElementFeature.WIDTH];
        raw[ElementFeature.TYP_IDX.ordinal()] = typ;
        raw[ElementFeature.PT.ordinal()] = pt;
        raw[ElementFeature.ETA.ordinal()] = eta;
        raw[ElementFeature.PHI.ordinal()] = phi;
        raw[ElementFeature.E.ordinal()] = e;
        raw[ElementFeature.LAYER.ordinal()] = -1;
        return raw;
    }

    @Test
    void encodesOneHotDerivedAndRawInOrder() {
        float[] out = new float[FeatureEncoding.WIDTH];
        FeatureEncoding.encode(element(4, 9f, 0.5f, 1f, 12f), 0, out, 0);
        assertEquals(55, FeatureEncoding.WIDTH);
        assertEquals(55, FeatureEncoding.names().size());
        assertEquals(1f, out[4]);
        assertEquals(0f, out[1]);
        int d = FeatureEncoding.DERIVED_OFFSET;
        assertEquals(Math.log(10), out[d], 1e-6);
        assertEquals(Math.sinh(0.5), out[d + 3], 1e-6);
        assertEquals(Math.cos(1), out[d + 7], 1e-6);
        assertEquals(Math.log(13) - Math.log(Math.cosh(0.5)), out[d + 11], 1e-6);
        assertEquals(-10f, out[d + 12]);
        assertEquals(4f, out[FeatureEncoding.RAW_OFFSET]);
        assertEquals(12f, out[FeatureEncoding.RAW_OFFSET + ElementFeature.E.ordinal()]);
        assertEquals("log_et", FeatureEncoding.names().get(d + 11));
        assertEquals("corr_energy", FeatureEncoding.names().get(54));
    }

    @Test
    void mergedPartialStatisticsEqualOnePassAndRoundTripThroughJson() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        NormalizationStats all = new NormalizationStats();
        NormalizationStats a = new NormalizationStats();
        NormalizationStats b = new NormalizationStats();
        float[] enc = new float[FeatureEncoding.WIDTH];
        for (int i = 0; i < 5000; i++) {
            FeatureEncoding.encode(element(1 + rng.nextInt(11), (float) rng.nextDouble(0, 50),
                    (float) rng.nextDouble(-3, 3), (float) rng.nextDouble(-3.1, 3.1), (float) rng.nextDouble(0, 80)), 0,
                    enc, 0);
            all.add(enc, 0);
            (i % 3 == 0 ? a : b).add(enc, 0);
        }
        NormalizationStats merged = a.merge(b);
        assertEquals(5000, merged.count());
        assertArrayEquals(all.means(), merged.means(), 1e-4f);
        assertArrayEquals(all.stds(), merged.stds(), 1e-4f);
        int logPt = FeatureEncoding.DERIVED_OFFSET;
        assertTrue(all.stds()[logPt] > 0.3, "spread of log(pt+1) over pt in [0, 50]");
        assertEquals(NormalizationStats.MIN_STD, all.stds()[0], 1e-12, "padding one-hot never set: floor");

        Path f = tmp.resolve(NormalizationStats.FILE_NAME);
        all.write(f);
        assertEquals(all, NormalizationStats.read(f));
        Files.writeString(f, Files.readString(f).replace("\"version\": 1", "\"version\": 99"));
        IOException e = assertThrows(IOException.class, () -> NormalizationStats.read(f));
        assertTrue(e.getMessage().contains("version 99, expected 1"), e.getMessage());
    }
}
