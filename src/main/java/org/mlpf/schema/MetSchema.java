package org.mlpf.schema;

import static org.mlpf.schema.Fields.f;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Missing transverse momentum per event and source, written by the MET stage partitioned by sample. Reco MET is
 * minus the vector sum of the candidates' pT; generator MET is the vector sum of the invisible final-state
 * particles' pT (neutrinos).
 */
public final class MetSchema {
    /** Version of this schema, stored in every row. */
    public static final int VERSION = 1;

    public static final String EVENT_ID = NtupleSchema.EVENT_ID;
    public static final String SAMPLE = NtupleSchema.SAMPLE;
    public static final String SCHEMA_VERSION = NtupleSchema.SCHEMA_VERSION;
    public static final String SOURCE = "source";
    public static final String MET_X = "met_x";
    public static final String MET_Y = "met_y";
    public static final String MET = "met";
    public static final String MET_PHI = "met_phi";
    public static final String SUM_PT = "sum_pt";
    public static final String NUM_PARTICLES = "num_particles";

    /** Source names, shared with the jets and comparison stages. */
    public static final String GEN = "gen";
    public static final String PF = "pf";
    public static final String MLPF = "mlpf";

    /** One row: one event, one source. */
    public static final StructType SCHEMA = new StructType()
            .add(f(EVENT_ID, DataTypes.LongType, "event number, unique within a sample"))
            .add(f(SAMPLE, DataTypes.StringType, "sample name (also the partition directory sample=NAME)"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(SOURCE, DataTypes.StringType, "gen (invisible generator particles), pf or mlpf (candidates)"))
            .add(f(MET_X, DataTypes.DoubleType, "x component of the MET vector, GeV"))
            .add(f(MET_Y, DataTypes.DoubleType, "y component of the MET vector, GeV"))
            .add(f(MET, DataTypes.DoubleType, "MET magnitude, GeV"))
            .add(f(MET_PHI, DataTypes.DoubleType, "azimuth of the MET vector, radians in [-pi, pi]"))
            .add(f(SUM_PT, DataTypes.DoubleType, "scalar sum of the pT that entered the sum, GeV"))
            .add(f(NUM_PARTICLES, DataTypes.LongType, "number of particles or candidates that entered the sum"));

    /** The format as listed by {@code mlpf schema}. */
    public static final DatasetFormat FORMAT = new DatasetFormat("met", VERSION, SCHEMA,
            "one row per event and source (gen, pf, mlpf): the MET vector, magnitude and azimuth");

    private MetSchema() {
    }
}
