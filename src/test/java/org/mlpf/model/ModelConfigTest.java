package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelConfigTest {
    @Test
    void defaultsAreTheAcat2021Configuration() {
        ModelConfig c = ModelConfig.acat2021();
        assertEquals(64, c.binSize());
        assertEquals(200, c.maxNumBins());
        assertEquals(64, c.distanceDim());
        assertEquals(3, c.numMessages());
        assertEquals(0.120898, c.kernelDistMult());
        assertEquals(0.001998, c.kernelClipLow());
        assertEquals(3, c.numGraphLayersCommon());
        assertEquals(2, c.numGraphLayersEnergy());
        assertEquals(new ModelConfig.Head(512, 3), c.id());
        assertEquals(247, c.decoderWidth());
        assertEquals(12_800, c.maxElements());
    }

    @Test
    void jsonRoundTripsAndRejectsMissingUnknownAndInvalidFields() {
        ModelConfig c = SyntheticEvents.tinyConfig();
        assertEquals(c, ModelConfig.fromJson(c.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson(c.toJson().replace("\"normalizeDegrees\": true,", "")));
        assertTrue(e.getMessage().contains("normalizeDegrees is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson(c.toJson().replace("{", "{\"binSise\": 3,")));
        assertTrue(e.getMessage().contains("binSise is unknown"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson(c.toJson().replace("\"graphDropout\": 0.0", "\"graphDropout\": 1.5")));
        assertTrue(e.getMessage().contains("graphDropout = 1.5: must be in [0, 1)"), e.getMessage());
    }

    @Test
    void invalidValuesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(64, 201, 64,
                128, 3, 3, 64, 0.1, 0.002, true, 3, 2, 0, 0, new ModelConfig.Head(512, 3), new ModelConfig.Head(256, 2),
                new ModelConfig.Head(256, 2), new ModelConfig.Head(256, 2), new ModelConfig.Head(256, 3),
                new ModelConfig.Head(256, 2), 1e-3, 1));
        assertTrue(e.getMessage().contains("maxNumBins = 201"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig.Head(2, 3));
        assertTrue(e.getMessage().contains("hiddenDim = 2 halves to 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.acat2021().checkElementCount(6401));
        assertTrue(e.getMessage().contains("N = 6401 must be a positive multiple of the bin size 64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.acat2021().checkElementCount(12_864));
        assertTrue(e.getMessage().contains("at most 12800 elements"), e.getMessage());
    }
}
