package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.NormalizationStats;

class ModelDirectoryTest {
    @TempDir
    Path tmp;

    private static final List<TensorBatch> DATA = SyntheticEvents.batches(31, 2, 2, 48);

    private static TrainingMetadata meta() {
        return new TrainingMetadata(12, 1, 3, 1e-3, Map.of("total", 4.5), Map.of(), Map.of("optimizer", "adam"));
    }

    @Test
    void saveThenLoadGivesIdenticalOutputsAndMetadata() throws IOException {
        Path dir = tmp.resolve("model");
        float[][] before;
        try (MlpfModel m = MlpfModel.create(SyntheticEvents.tinyConfig(), SyntheticEvents.stats(DATA))) {
            before = ModelTesting.forward(m, DATA.get(1));
            ModelDirectory.save(m, dir, meta(), null);
        }
        for (String f : List.of("model.json", "model-config.json", "parameters.params", "normalization.json",
                "training.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertFalse(Files.exists(dir.resolve(ModelDirectory.OPTIMIZER)));
        try (MlpfModel m = MlpfModel.load(dir)) {
            float[][] after = ModelTesting.forward(m, DATA.get(1));
            assertArrayEquals(before[0], after[0]);
            assertArrayEquals(before[1], after[1]);
            assertEquals(SyntheticEvents.tinyConfig(), m.config());
        }
        assertEquals(meta(), ModelDirectory.training(dir));
        assertTrue(Files.readString(dir.resolve("model.json")).contains("\"version\": 1"));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path dir = tmp.resolve("m");
        try (MlpfModel a = MlpfModel.create(SyntheticEvents.tinyConfig(), null);
                MlpfModel b = MlpfModel.create(SyntheticEvents.tinyConfig().withSeed(99), null)) {
            ModelDirectory.save(a, dir, TrainingMetadata.untrained(), null);
            ModelDirectory.save(b, dir, TrainingMetadata.untrained(), new byte[] {1, 2, 3});
            try (Stream<Path> s = Files.list(tmp)) {
                assertEquals(List.of(dir), s.toList(), "only the model directory is left");
            }
            assertArrayEquals(new byte[] {1, 2, 3}, ModelDirectory.optimizerState(dir).orElseThrow());
            try (MlpfModel loaded = MlpfModel.load(dir)) {
                assertEquals(99, loaded.config().seed());
                assertFalse(Files.exists(dir.resolve(NormalizationStats.FILE_NAME)));
            }
        }
    }

    @Test
    void loadFailsClearlyWhenTheDirectoryDoesNotMatch() throws IOException {
        Path dir = tmp.resolve("model");
        try (MlpfModel m = MlpfModel.create(SyntheticEvents.tinyConfig(), SyntheticEvents.stats(DATA))) {
            ModelDirectory.save(m, dir, meta(), null);
        }
        assertMessage(tmp.resolve("nothing"), "no such model directory");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertMessage(empty, "not a model directory (no model.json)");

        Path config = dir.resolve(ModelConfig.FILE_NAME);
        String original = Files.readString(config);
        Files.writeString(config, original.replace("\"messageDim\": 16", "\"messageDim\": 24"));
        assertMessage(dir, "parameters do not fit the model of model-config.json");
        Files.writeString(config, original);

        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        String m = Files.readString(manifest);
        Files.writeString(manifest, m.replace("\"version\": 1", "\"version\": 2"));
        assertMessage(dir, "model directory format version 2, this build reads 1");
        Files.writeString(manifest, m);

        Path params = dir.resolve(ModelDirectory.PARAMETERS);
        byte[] p = Files.readAllBytes(params);
        byte[] flipped = p.clone();
        flipped[p.length - 3] ^= 0x40;
        Files.write(params, flipped);
        assertMessage(dir, "parameters.params is damaged: SHA-256 ");
        assertMessage(dir, "model.json recorded " + ModelDirectory.manifest(dir).parametersSha256());
        Files.write(params, Arrays.copyOf(p, p.length / 2));
        assertMessage(dir, "parameters.params is damaged: " + p.length / 2 + " bytes, model.json recorded "
                + p.length + " (truncated");
        Files.write(params, p);

        Path norm = dir.resolve(NormalizationStats.FILE_NAME);
        SyntheticEvents.stats(SyntheticEvents.batches(77, 1, 1, 16)).write(norm);
        assertMessage(dir, "normalization.json differs from the normalization in parameters.params");

        Files.delete(norm);
        assertMessage(dir, "normalization.json is missing");
    }

    private static void assertMessage(Path dir, String expected) {
        IOException e = assertThrows(IOException.class, () -> MlpfModel.load(dir).close());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
