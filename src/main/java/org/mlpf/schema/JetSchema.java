package org.mlpf.schema;

import static org.mlpf.schema.Fields.f;
import static org.mlpf.schema.Fields.listOf;
import static org.mlpf.schema.Fields.nullable;

import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The jets dataset written by the jets stage: one row per event and source ({@code gen}, {@code pf},
 * {@code mlpf}) holding that reconstruction's inclusive jets, partitioned by sample like the ntuples; and its
 * quarantine, one row per event and source that could not be clustered, with the reason. Documented in
 * {@code docs/jets.md}; every field carries its meaning and unit as a comment.
 */
public final class JetSchema {
    /** Version of the jets and quarantine formats, stored in every row. */
    public static final int VERSION = 1;

    /** Source of jets from stable, visible hard-scatter generator particles. */
    public static final String SOURCE_GEN = "gen";
    /** Source of jets from the baseline PF candidates of the ntuple. */
    public static final String SOURCE_PF = "pf";
    /** Source of jets from MLPF candidates (the inference output). */
    public static final String SOURCE_MLPF = "mlpf";
    /** All sources, in the order the stage writes them for an event. */
    public static final List<String> SOURCES = List.of(SOURCE_GEN, SOURCE_PF, SOURCE_MLPF);

    // Event columns.
    public static final String EVENT_ID = NtupleSchema.EVENT_ID;
    public static final String SAMPLE = NtupleSchema.SAMPLE;
    public static final String SCHEMA_VERSION = NtupleSchema.SCHEMA_VERSION;
    public static final String SOURCE = "source";
    public static final String ALGORITHM = "algorithm";
    public static final String R = "r";
    public static final String PTMIN = "ptmin";
    public static final String CHS = "chs";
    public static final String NUM_INPUTS = "num_inputs";
    public static final String NUM_CHS_REMOVED = "num_chs_removed";
    public static final String JETS = "jets";

    // Jet fields.
    public static final String J_PT = "pt";
    public static final String J_ETA = "eta";
    public static final String J_RAP = "rap";
    public static final String J_PHI = "phi";
    public static final String J_M = "m";
    public static final String J_PX = "px";
    public static final String J_PY = "py";
    public static final String J_PZ = "pz";
    public static final String J_E = "e";
    public static final String J_CONSTITUENTS = "constituents";

    /** One jet. Double precision: gen jets are exact sums of double-precision generator momenta. */
    public static final StructType JET = new StructType()
            .add(f(J_PT, DataTypes.DoubleType, "transverse momentum, GeV"))
            .add(f(J_ETA, DataTypes.DoubleType, "pseudorapidity"))
            .add(f(J_RAP, DataTypes.DoubleType, "rapidity (FastJet's definition, used by the clustering distances)"))
            .add(f(J_PHI, DataTypes.DoubleType, "azimuth, radians in [-pi, pi]"))
            .add(f(J_M, DataTypes.DoubleType, "invariant mass, GeV (negative if rounding makes m^2 < 0, as FastJet)"))
            .add(f(J_PX, DataTypes.DoubleType, "x momentum, GeV"))
            .add(f(J_PY, DataTypes.DoubleType, "y momentum, GeV"))
            .add(f(J_PZ, DataTypes.DoubleType, "z momentum, GeV"))
            .add(f(J_E, DataTypes.DoubleType, "energy, GeV (E-scheme: the sum of the constituents' energies)"))
            .add(f(J_CONSTITUENTS, listOf(DataTypes.IntegerType),
                    "indices of the constituents in the source's input list: gen_particles, pf_candidates or "
                            + "candidates of the event"));

    /** The jets dataset: one row per event and source. */
    public static final StructType SCHEMA = new StructType()
            .add(f(EVENT_ID, DataTypes.LongType, "event number, unique within a sample"))
            .add(f(SAMPLE, DataTypes.StringType, "sample name (also the partition directory sample=NAME)"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(SOURCE, DataTypes.StringType, "what was clustered: gen (stable visible hard-scatter generator "
                    + "particles), pf (baseline PF candidates) or mlpf (MLPF candidates)"))
            .add(f(ALGORITHM, DataTypes.StringType, "jet algorithm: antikt, kt or cambridge (E-scheme recombination)"))
            .add(f(R, DataTypes.DoubleType, "jet radius R in (rapidity, phi)"))
            .add(f(PTMIN, DataTypes.DoubleType, "smallest jet pt kept, GeV"))
            .add(f(CHS, DataTypes.BooleanType, "true if charged candidates from pileup vertices were removed before "
                    + "clustering (never for gen)"))
            .add(f(NUM_INPUTS, DataTypes.IntegerType, "number of particles clustered (after selection and CHS)"))
            .add(f(NUM_CHS_REMOVED, DataTypes.IntegerType, "number of charged candidates removed by CHS"))
            .add(f(JETS, listOf(JET), "inclusive jets with pt >= ptmin, by decreasing pt"));

    /** The format as listed by {@code mlpf schema}. */
    public static final DatasetFormat FORMAT = new DatasetFormat("jets", VERSION, SCHEMA,
            "one row per event and source (gen, pf, mlpf): the inclusive jets of that reconstruction");

    // Quarantine columns.
    public static final String REASON = "reason";

    /** The quarantine: what could not be clustered, and why. */
    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add(nullable(EVENT_ID, DataTypes.LongType, "event number (null if the input row had none)"))
            .add(nullable(SAMPLE, DataTypes.StringType, "sample name (null if the input row had none)"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(SOURCE, DataTypes.StringType, "the source that could not be clustered: gen, pf or mlpf"))
            .add(f(REASON, DataTypes.StringType, "why, naming the column and the offending value"));

    /** The quarantine format, written under the jets output's {@code _quarantine} directory. */
    public static final DatasetFormat QUARANTINE_FORMAT = new DatasetFormat("jets_quarantine", VERSION,
            QUARANTINE_SCHEMA, "one row per event and source the jets stage could not cluster, with the reason");

    /** Directory of the quarantine inside a jets output (skipped by Parquet readers: it starts with '_'). */
    public static final String QUARANTINE_DIR = "_quarantine";

    private JetSchema() {
    }
}
