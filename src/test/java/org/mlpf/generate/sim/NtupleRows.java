package org.mlpf.generate.sim;

import java.util.List;

import org.apache.spark.sql.Row;
import org.mlpf.schema.ElementFeature;

/** Reading back an ntuple row built by {@link org.mlpf.schema.NtupleEvent#toRow()} in tests. */
public final class NtupleRows {
    public static final int ELEMENTS = 3;
    public static final int YGEN = 4;
    public static final int YCAND = 5;
    public static final int CANDIDATES = 6;
    public static final int GEN = 7;
    public static final int GEN_MET = 8;
    public static final int GEN_MET_PHI = 9;
    public static final int NUM_PILEUP = 10;
    public static final int PV_Z = 11;

    private NtupleRows() {
    }

    /** The list column {@code column} of {@code row}. */
    public static List<Row> list(Row row, int column) {
        return row.getList(column);
    }

    /** A feature of an element row. */
    public static float feature(Row element, ElementFeature f) {
        return element.getFloat(f.ordinal());
    }

    /** The element type code of an element row. */
    public static int type(Row element) {
        return (int) element.getFloat(ElementFeature.TYP_IDX.ordinal());
    }
}
