package org.mlpf.schema;

import static org.mlpf.schema.Fields.f;
import static org.mlpf.schema.Fields.listOf;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ntuple: one row per event with its PF elements, their two target sets and the generator truth.
 * Lists stay in element order: {@code ygen[i]} and {@code ycand[i]} describe {@code elements[i]}.
 * Documented in {@code docs/ntuple-schema.md}; every field carries its meaning and unit as a comment.
 */
public final class NtupleSchema {
    /** Version of this schema, stored in every row. */
    public static final int VERSION = 1;

    // Event columns.
    public static final String EVENT_ID = "event_id";
    public static final String SAMPLE = "sample";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String ELEMENTS = "elements";
    public static final String YGEN = "ygen";
    public static final String YCAND = "ycand";
    public static final String PF_CANDIDATES = "pf_candidates";
    public static final String GEN_PARTICLES = "gen_particles";
    public static final String GEN_MET = "gen_met";
    public static final String GEN_MET_PHI = "gen_met_phi";
    public static final String NUM_PILEUP = "num_pileup";
    public static final String PV_Z = "pv_z";

    /** The 25 element features of the 2021 CMS ntuples, in the order of the model's input matrix X. */
    public static final List<String> ELEMENT_FEATURES = Arrays.stream(ElementFeature.values())
            .filter(ElementFeature::isCms).map(ElementFeature::column).toList();

    /** One PF element: the 25 CMS features (floats, in order), then the extras (see {@link ElementFeature}). */
    public static final StructType ELEMENT = element();

    // Target row (docs/ntuple-schema.md, Targets): [class, charge, pt, eta, sin(phi), cos(phi), energy].
    public static final String T_CLS = "cls";
    public static final String T_CHARGE = "charge";
    public static final String T_PT = "pt";
    public static final String T_ETA = "eta";
    public static final String T_SIN_PHI = "sin_phi";
    public static final String T_COS_PHI = "cos_phi";
    public static final String T_ENERGY = "energy";

    /** Target fields in the order of the model's target matrix y. */
    public static final List<String> TARGET_FIELDS =
            List.of(T_CLS, T_CHARGE, T_PT, T_ETA, T_SIN_PHI, T_COS_PHI, T_ENERGY);

    /** One target row; class 0 rows are all zeros. */
    public static final StructType TARGET = new StructType()
            .add(f(T_CLS, DataTypes.IntegerType, "particle class index 0-7 (0: no particle)"))
            .add(f(T_CHARGE, DataTypes.FloatType, "charge in units of e"))
            .add(f(T_PT, DataTypes.FloatType, "transverse momentum, GeV"))
            .add(f(T_ETA, DataTypes.FloatType, "pseudorapidity"))
            .add(f(T_SIN_PHI, DataTypes.FloatType, "sin of the azimuth"))
            .add(f(T_COS_PHI, DataTypes.FloatType, "cos of the azimuth"))
            .add(f(T_ENERGY, DataTypes.FloatType, "energy, GeV"));

    // Generator particle.
    public static final String G_PDG_ID = "pdg_id";
    public static final String G_CHARGE = "charge";
    public static final String G_STATUS = "status";
    public static final String G_PX = "px";
    public static final String G_PY = "py";
    public static final String G_PZ = "pz";
    public static final String G_E = "e";
    public static final String G_VX = "vx";
    public static final String G_VY = "vy";
    public static final String G_VZ = "vz";
    public static final String G_VERTEX_ID = "vertex_id";

    /** One generator particle; double precision so that 4-momentum sums and gen jets are exact to the last digit. */
    public static final StructType GEN_PARTICLE = new StructType()
            .add(f(G_PDG_ID, DataTypes.IntegerType, "PDG particle id"))
            .add(f(G_CHARGE, DataTypes.IntegerType, "electric charge in units of e"))
            .add(f(G_STATUS, DataTypes.IntegerType, "HepMC status: 1 final state, 2 decayed"))
            .add(f(G_PX, DataTypes.DoubleType, "x momentum, GeV"))
            .add(f(G_PY, DataTypes.DoubleType, "y momentum, GeV"))
            .add(f(G_PZ, DataTypes.DoubleType, "z momentum, GeV"))
            .add(f(G_E, DataTypes.DoubleType, "energy, GeV"))
            .add(f(G_VX, DataTypes.DoubleType, "production vertex x, cm"))
            .add(f(G_VY, DataTypes.DoubleType, "production vertex y, cm"))
            .add(f(G_VZ, DataTypes.DoubleType, "production vertex z, cm"))
            .add(f(G_VERTEX_ID, DataTypes.IntegerType, "interaction: 0 the hard scatter (primary vertex), k >= 1 pileup interaction k"));

    /** The whole ntuple row. */
    public static final StructType SCHEMA = new StructType()
            .add(f(EVENT_ID, DataTypes.LongType, "event number, unique within a sample"))
            .add(f(SAMPLE, DataTypes.StringType, "sample name (also the partition directory sample=NAME)"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(ELEMENTS, listOf(ELEMENT), "PF elements (tracks, clusters) of the event, the model's input"))
            .add(f(YGEN, listOf(TARGET), "generator-level target of each element (same length and order as elements)"))
            .add(f(YCAND, listOf(TARGET), "baseline-PF target of each element (same length and order as elements)"))
            .add(f(PF_CANDIDATES, listOf(CandidateSchema.CANDIDATE), "baseline PF candidates of the event"))
            .add(f(GEN_PARTICLES, listOf(GEN_PARTICLE), "generator particles of the hard scatter (pileup ones too with mlpf.sim.keep-pileup-gen-particles)"))
            .add(f(GEN_MET, DataTypes.FloatType, "generator MET: |vector sum of invisible particles' pT|, GeV"))
            .add(f(GEN_MET_PHI, DataTypes.FloatType, "azimuth of the generator MET vector, radians"))
            .add(f(NUM_PILEUP, DataTypes.IntegerType, "number of pileup interactions"))
            .add(f(PV_Z, DataTypes.FloatType, "z of the primary (hard-scatter) vertex, cm"));

    /** The format as listed by {@code mlpf schema}. */
    public static final DatasetFormat FORMAT = new DatasetFormat("ntuple", VERSION, SCHEMA,
            "one row per event: PF elements, their gen and PF targets, PF candidates, generator truth");

    private NtupleSchema() {
    }

    private static StructType element() {
        StructType t = new StructType();
        for (ElementFeature feature : ElementFeature.values()) {
            t = t.add(f(feature.column(), DataTypes.FloatType, feature.doc()));
        }
        return t;
    }
}
