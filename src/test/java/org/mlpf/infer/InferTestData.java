package org.mlpf.infer;

import java.nio.file.Path;

/** The inference fixture for tests in other packages (the command line). */
public final class InferTestData {
    private InferTestData() {
    }

    /** Ntuples of two samples, some events larger than the buckets 64, 128. */
    public static Path ntuples() {
        return InferFixture.get().ntuples;
    }

    /** A trained tiny model directory. */
    public static Path model() {
        return InferFixture.get().model;
    }

    /** Events per sample. */
    public static int events() {
        return InferFixture.SIZES.length;
    }
}
