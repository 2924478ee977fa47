package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.infer.InferTestData;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.testing.TestSpark;

/** {@code mlpf infer} through the command line: output lines, exit codes, one-line errors. */
class InferCommandTest {
    @TempDir
    Path tmp;

    @Test
    void inferWritesCandidatesAndPrintsWhereTheTimeWent() {
        Path out = tmp.resolve("cands");
        JetsCliTest.Run r = JetsCliTest.run("infer", "--in", InferTestData.ntuples().toString(), "--model",
                InferTestData.model().toString(), "--out", out.toString(), "--buckets", "64,128", "--batch", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("events (") && r.out().contains("time outside the model"), r.out());
        assertEquals(2 * InferTestData.events(), TestSpark.session().read().parquet(out.toString())
                .select(CandidateSchema.SAMPLE, CandidateSchema.EVENT_ID).distinct().count());
    }

    @Test
    void aBadModelIsOneLineAndExitCodeOne() {
        JetsCliTest.Run r = JetsCliTest.run("infer", "--in", InferTestData.ntuples().toString(), "--model",
                tmp.resolve("none").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(ExitCodes.BAD_DATA, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no such model directory"), r.err());
    }

    @Test
    void aBatchSizeOfZeroIsAUsageError() {
        JetsCliTest.Run r = JetsCliTest.run("infer", "--in", "x", "--model", "m", "--out", "o", "--batch", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("mlpf.infer.batch"), r.err());
    }
}
