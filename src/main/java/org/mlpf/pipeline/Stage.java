package org.mlpf.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The stages of the pipeline, in data-flow order; {@link #label()} is the name in step ids and on the command line. */
public enum Stage {
    GENERATE, TENSORIZE, TRAIN, INFER, JETS, MET, COMPARE;

    /** The lower-case name, e.g. {@code tensorize}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Every label, in data-flow order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Stage::label).toList();
    }

    /**
     * The stage labelled {@code label}.
     *
     * @throws IllegalArgumentException naming the known stages if there is none
     */
    public static Stage of(String label) {
        for (Stage s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + label + "'; stages: " + labels());
    }
}
