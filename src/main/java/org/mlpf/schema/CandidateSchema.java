package org.mlpf.schema;

import static org.mlpf.schema.Fields.f;
import static org.mlpf.schema.Fields.listOf;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reconstructed particle candidates, one schema for baseline PF and MLPF so that the jets, MET and
 * comparison stages treat both alike. The struct {@link #CANDIDATE} is the list element of the ntuple's
 * {@code pf_candidates} column and of the candidates dataset written by inference.
 */
public final class CandidateSchema {
    /**
     * Version of the candidate struct and dataset. 2: the dataset has {@link #PROBS} (the {@link #CANDIDATE} struct
     * is unchanged since 1).
     */
    public static final int VERSION = 2;

    public static final String CLS = "cls";
    public static final String CHARGE = "charge";
    public static final String PT = "pt";
    public static final String ETA = "eta";
    public static final String PHI = "phi";
    public static final String ENERGY = "energy";
    public static final String ELEM_INDEX = "elem_index";
    public static final String VZ = "vz";

    /** One candidate. */
    public static final StructType CANDIDATE = new StructType()
            .add(f(CLS, DataTypes.IntegerType,
                    "particle class index 0-7 (docs/ntuple-schema.md lists the classes), never 0 for a candidate"))
            .add(f(CHARGE, DataTypes.IntegerType, "electric charge in units of e: -1, 0 or +1"))
            .add(f(PT, DataTypes.FloatType, "transverse momentum, GeV"))
            .add(f(ETA, DataTypes.FloatType, "pseudorapidity"))
            .add(f(PHI, DataTypes.FloatType, "azimuth, radians in [-pi, pi]"))
            .add(f(ENERGY, DataTypes.FloatType, "energy, GeV"))
            .add(f(ELEM_INDEX, DataTypes.IntegerType, "index in the event's elements of the element that produced the candidate"))
            .add(f(VZ, DataTypes.FloatType, "z of the track's point of closest approach to the beam line, cm; 0 for neutral candidates"));

    // Dataset columns of a candidates dataset (inference output).
    public static final String EVENT_ID = NtupleSchema.EVENT_ID;
    public static final String SAMPLE = NtupleSchema.SAMPLE;
    public static final String SCHEMA_VERSION = NtupleSchema.SCHEMA_VERSION;
    public static final String CANDIDATES = "candidates";
    public static final String PROBS = "probs";

    /** A candidates dataset: one row per event. */
    public static final StructType SCHEMA = new StructType()
            .add(f(EVENT_ID, DataTypes.LongType, "event number, unique within a sample"))
            .add(f(SAMPLE, DataTypes.StringType, "sample name (also the partition directory sample=NAME)"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(CANDIDATES, listOf(CANDIDATE), "reconstructed candidates of the event"))
            .add(f(PROBS, listOf(listOf(DataTypes.FloatType)), "per candidate, aligned with candidates: the 8 class "
                    + "probabilities of the producing element (softmax of the MLPF class output, index = cls)"));

    /** The format as listed by {@code mlpf schema}. */
    public static final DatasetFormat FORMAT = new DatasetFormat("candidates", VERSION, SCHEMA,
            "one row per event: the particle candidates of one reconstruction (PF or MLPF)");

    private CandidateSchema() {
    }
}
