package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.cli.MainTest.Run;
import org.mlpf.pipeline.RootLock;
import org.mlpf.testing.DamagedParquet;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

import com.google.gson.Gson;

/** The input guards of the stages, one case each, through the command line: exit code, one line, no stack trace. */
class InputGuardsTest {
    @TempDir
    Path tmp;

    private static void assertOneLineError(Run r, int code, String... contains) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        for (String c : contains) {
            assertTrue(err.contains(c), "'" + c + "' missing from: " + err);
        }
    }

    @Test
    void aFileDamagedInsideAColumnChunkStopsValidateAndTensorizeNamingIt() throws IOException {
        Path dir = tmp.resolve("damaged");
        Path victim = DamagedParquet.writeAndDamage(TestSpark.session(), TestEvents.validRows(400, "ttbar"), dir,
                "elements", "pz");
        String file = victim.getFileName().toString();
        assertOneLineError(MainTest.run("validate", "--in", dir.toString()), ExitCodes.BAD_DATA, file, "checksum");
        Path out = tmp.resolve("tensors");
        assertOneLineError(MainTest.run("tensorize", "--in", dir.toString(), "--out", out.toString()),
                ExitCodes.BAD_DATA, file, "checksum");
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "nothing committed");
    }

    @Test
    void aPipelineRunOnALockedRootExitsBusyNamingTheOwnerBeforeAnyStep() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root);
        // held by a live process of this host (this JVM, another holding)
        Files.writeString(root.resolve(RootLock.FILE), new Gson().toJson(new RootLock.Holder(
                java.net.InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(),
                "2026-01-01T00:00:00Z", "the-other-run")));
        assertOneLineError(MainTest.run("pipeline", "--root", root.toString()), ExitCodes.BUSY,
                "is in use by another pipeline run (pid " + ProcessHandle.current().pid(), RootLock.FILE);
        try (java.util.stream.Stream<Path> s = Files.list(root)) {
            assertEquals(java.util.List.of(root.resolve(RootLock.FILE)), s.toList(), "no step ran");
        }
    }

    @Test
    void aSparkValueSparkRefusesIsAConfigurationErrorNamingTheKey() {
        Path valid = tmp.resolve("valid");
        TestEvents.write(TestSpark.session(), TestEvents.validRows(2, "ttbar"), valid, 1);
        assertOneLineError(MainTest.run("validate", "--in", valid.toString(), "--set",
                "spark.sql.shuffle.partitions=abc"), ExitCodes.USAGE,
                "bad value 'abc' for spark.sql.shuffle.partitions (command line --set)", "int");
        assertOneLineError(MainTest.run("validate", "--in", valid.toString(), "--set",
                "spark.sql.shuffle.partitions=-3"), ExitCodes.USAGE, "spark.sql.shuffle.partitions");
        assertEquals(0, MainTest.run("validate", "--in", valid.toString(), "--set",
                "spark.sql.shuffle.partitions=3", "--set", "spark.mlpf.unknown.key=anything").code(),
                "valid and undeclared keys pass");
    }

    @Test
    void anOutputThatCannotBeWrittenIsNamedNotTheInput() throws IOException {
        Path valid = tmp.resolve("ntuples");
        TestEvents.write(TestSpark.session(), TestEvents.validRows(4, "ttbar"), valid, 1);
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        for (String stage : java.util.List.of("met", "tensorize")) {
            Path out = file.resolve(stage);
            Run r = MainTest.run(stage, "--in", valid.toString(), "--out", out.toString());
            assertOneLineError(r, ExitCodes.CANNOT_WRITE, out + ": cannot write the output", "a-file",
                    "nothing of it was committed");
            assertFalse(r.err().contains("cannot read"), "the input is not blamed: " + r.err());
        }
    }
}
