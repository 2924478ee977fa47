package org.mlpf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class InputErrorsTest {
    @Test
    void theOutputsPathsAreItsTemporaryAndItsParentsBeyondTheInputs() {
        assertEquals(List.of("/data/run/.met.tmp-", "/data/run/met", "/data/run"),
                InputErrors.outputPaths("/data/ntuples", "/data/run/met"));
        assertEquals(List.of("/data/.met.tmp-", "/data/met"), InputErrors.outputPaths("file:/data/ntuples",
                "file:/data/met"));
    }

    @Test
    void aFailureNamingTheOutputIsAWriteFailureAndOneNamingAnInputFileIsARead() {
        List<ParquetInput.DataFile> files = List.of(new ParquetInput.DataFile("file:/data/ntuples/part-0.parquet", 10, null));
        RuntimeException w = InputErrors.whileRunning("/data/ntuples", files, "/data/run/met",
                new RuntimeException("job aborted", new IOException("Mkdirs failed to create /data/run/.met.tmp-1")));
        assertInstanceOf(OutputException.class, w);
        assertEquals("/data/run/met: cannot write the output (Mkdirs failed to create /data/run/.met.tmp-1); "
                + "nothing of it was committed", w.getMessage());
        RuntimeException full = InputErrors.whileRunning("/data/ntuples", files, "/data/met",
                new IOException("No space left on device"));
        assertInstanceOf(OutputException.class, full);
        RuntimeException r = InputErrors.whileRunning("/data/ntuples", files, "/data/run/met",
                new IOException("/data/ntuples/part-0.parquet: checksum error"));
        assertInstanceOf(InputException.class, r);
        assertTrue(r.getMessage().startsWith("file:/data/ntuples/part-0.parquet: cannot read Parquet data"),
                r.getMessage());
    }
}
