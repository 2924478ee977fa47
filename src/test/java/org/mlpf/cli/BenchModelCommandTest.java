package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchModelCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void printsOneTimingLinePerSizeThenTheTrainingStep() {
        String[] r = run("bench", "model", "--elements", "64,128", "--threads", "1", "--batch", "1", "--warmup", "1",
                "--repeats", "2", "--train-elements", "64", "--train-batch", "1", "--train-steps", "1");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        for (int n : new int[] {64, 128}) {
            assertTrue(Pattern.compile("(?m)^ms_per_event N=" + n + " threads=1: \\d+\\.\\d$").matcher(out).find(),
                    out);
        }
        assertTrue(out.contains("1,284,989 trainable parameters"), out);
        assertTrue(out.contains("peak RSS"), out);
        assertTrue(Pattern.compile("(?m)^train_step_ms B=1 N=64 threads=1: \\d+\\.\\d$").matcher(out).find(), out);
    }

    @Test
    void badSizesAreUsageErrorsNamingTheRule() {
        String[] r = run("bench", "model", "--elements", "100", "--train-steps", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--elements: padded element count N = 100 must be a positive multiple of the bin "
                + "size 64"), r[2]);
        assertFalse(r[2].contains("\tat "), "no stack trace");
    }

    @Test
    void aMissingModelDirectoryIsADataError() {
        String[] r = run("bench", "model", "--model", tmp.resolve("none").toString(), "--elements", "64");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("--model: ") && r[2].contains("no such model directory"), r[2]);
    }
}
