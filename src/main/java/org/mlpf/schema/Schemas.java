package org.mlpf.schema;

import java.util.List;

/** The registry of every on-disk format, in data-flow order; later stages add theirs here. */
public final class Schemas {
    private Schemas() {
    }

    /** All formats. */
    public static List<DatasetFormat> all() {
        return List.of(NtupleSchema.FORMAT, TensorSchema.FORMAT, CandidateSchema.FORMAT, JetSchema.FORMAT,
                JetSchema.QUARANTINE_FORMAT, MetSchema.FORMAT);
    }
}
