package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.model.MlpfModel;
import org.mlpf.testing.TestSpark;
import org.mlpf.train.TrainFixtures;

class TrainCommandTest {
    private static TrainFixtures.Shared data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void inputs() throws Exception {
        data = TrainFixtures.shared(TestSpark.session());
    }

    @Test
    void trainsAndPrintsTheFigures() throws Exception {
        Path dir = tmp.resolve("model");
        MainTest.Run r = MainTest.run("train", "--in", data.ttbar().toString(), "--model-dir", dir.toString(),
                "--workers", "1", "--epochs", "1", "--batch", "8", "--target", "gen", "--master", "local[2]",
                "--set", "mlpf.train.model-config=" + data.tinyConfig());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("1 workers (cpu()), 5 steps, 1 epochs, 31 training events in "), r.out());
        assertTrue(r.out().contains("test accuracy "), r.out());
        assertTrue(r.out().endsWith("model written to " + dir + "\n"), r.out());
        try (MlpfModel m = MlpfModel.load(dir)) {
            assertEquals(TrainFixtures.tiny(), m.config());
        }
    }

    @Test
    void expectedFailuresAreOneLineWithTheRightExitCode() {
        MainTest.Run target = MainTest.run("train", "--in", data.ttbar().toString(), "--model-dir",
                tmp.resolve("m").toString(), "--target", "cand", "--master", "local[2]");
        assertEquals(ExitCodes.USAGE, target.code());
        assertTrue(target.err().startsWith("mlpf train: error: --target cand does not match the tensors: "),
                target.err());
        assertEquals(1, target.err().lines().count(), target.err());
        MainTest.Run both = MainTest.run("train", "--in", "x", "--model-dir", "y", "--resume", "--overwrite");
        assertEquals(ExitCodes.USAGE, both.code());
        assertTrue(both.err().contains("--resume and --overwrite exclude each other"), both.err());
        MainTest.Run missing = MainTest.run("train", "--in", tmp.resolve("none").toString(), "--model-dir",
                tmp.resolve("m").toString(), "--master", "local[2]");
        assertEquals(ExitCodes.BAD_DATA, missing.code());
        MainTest.Run init = MainTest.run("train", "--in", data.ttbar().toString(), "--model-dir",
                tmp.resolve("m").toString(), "--init-from", tmp.resolve("no-model").toString(), "--master", "local[2]");
        assertEquals(ExitCodes.USAGE, init.code(), init.err());
        assertTrue(init.err().startsWith("mlpf train: error: bad value '" + tmp.resolve("no-model")
                + "' for mlpf.train.init-from"), init.err());
        assertEquals(1, init.err().lines().count(), init.err());
    }
}
