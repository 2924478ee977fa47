package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.model.TrainingMetadata;
import org.mlpf.testing.TestSpark;

class ExecutorModelsTest {
    @TempDir
    Path tmp;

    private static void save(Path dir, long seed) throws IOException {
        try (MlpfModel m = MlpfModel.create(SyntheticEvents.tinyConfig().withSeed(seed),
                SyntheticEvents.stats(SyntheticEvents.batches(1, 1, 1, 32)))) {
            ModelDirectory.save(m, dir, TrainingMetadata.untrained(), null);
        }
    }

    @Test
    void oneModelPerDirectoryAndJvmReplacedWhenItsParametersChange() throws IOException {
        Path dir = tmp.resolve("model");
        save(dir, 1);
        ModelRef first = ModelCheck.resolve(TestSpark.session(), dir.toString());
        assertTrue(first.uri().startsWith("file:/"), "qualified: " + first.uri());
        try (ExecutorModels.Lease a = ExecutorModels.acquire(first);
                ExecutorModels.Lease b = ExecutorModels.acquire(first)) {
            assertSame(a.model(), b.model(), "shared by the tasks of the JVM");
            save(dir, 2);
            ModelRef second = ModelCheck.resolve(TestSpark.session(), dir.toString());
            assertNotEquals(first.sha256(), second.sha256());
            ExecutorModels.LoadException stale = assertThrows(ExecutorModels.LoadException.class,
                    () -> ExecutorModels.acquire(new ModelRef(first.uri(), "0".repeat(64))));
            assertTrue(stale.getMessage().contains("changed since the job started"), stale.getMessage());
            try (ExecutorModels.Lease c = ExecutorModels.acquire(second)) {
                assertNotSame(a.model(), c.model(), "new parameters, new model");
                assertTrue(a.model().djlModel().getNDManager().isOpen(), "the old one stays open while leased");
                MlpfModel old = a.model();
                a.close();
                assertTrue(old.djlModel().getNDManager().isOpen(), "still leased by b");
                b.close();
                assertFalse(old.djlModel().getNDManager().isOpen(), "closed with its last lease");
            }
        }
    }
}
