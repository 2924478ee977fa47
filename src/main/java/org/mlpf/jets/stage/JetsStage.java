package org.mlpf.jets.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.DatasetFormat;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaCheck;

/**
 * The jets stage as a function of DataFrames, in the manner of a Spark ML transformer: ntuples (and optionally
 * MLPF candidates) in, one row per event and source out, in {@link #OUTPUT}: the columns of
 * {@link JetSchema#SCHEMA} plus {@link JetSchema#REASON}, null for clustered rows and the reason for rows that
 * could not be clustered. {@link #jets} and {@link #quarantine} split the two. No reading or writing here.
 *
 * <p>For each event, in one {@code mapPartitions} pass: gen jets from the stable, visible hard-scatter generator
 * particles; PF jets from the ntuple's {@code pf_candidates}; MLPF jets from the candidates dataset, joined on
 * (sample, event_id); for PF and MLPF optionally after charged-hadron subtraction against the event's
 * {@code pv_z}. An event missing on one side of the join, a null where a value is needed, a non-finite momentum
 * or an unsupported schema version sends that event's source to the quarantine with a reason naming the column.
 */
public final class JetsStage {
    /** The ntuple columns the stage reads (a subset of {@link NtupleSchema#SCHEMA}). */
    public static final DatasetFormat NTUPLE_INPUT = new DatasetFormat("ntuple", NtupleSchema.VERSION,
            subset(NtupleSchema.SCHEMA, List.of(NtupleSchema.EVENT_ID, NtupleSchema.SAMPLE, NtupleSchema.SCHEMA_VERSION,
                    NtupleSchema.PF_CANDIDATES, NtupleSchema.GEN_PARTICLES, NtupleSchema.PV_Z)),
            "the ntuple columns read by the jets stage");

    /** The candidates-dataset columns the stage reads (a subset of {@link CandidateSchema#SCHEMA}). */
    public static final DatasetFormat CANDIDATES_INPUT = new DatasetFormat("candidates", CandidateSchema.VERSION,
            subset(CandidateSchema.SCHEMA, List.of(CandidateSchema.EVENT_ID, CandidateSchema.SAMPLE,
                    CandidateSchema.SCHEMA_VERSION, CandidateSchema.CANDIDATES)),
            "the candidates columns read by the jets stage");

    /**
     * The stage's output: the jets columns and the quarantine reason (null for clustered rows). Every column is
     * nullable here, since a quarantined row may lack its event id or sample.
     */
    public static final StructType OUTPUT = nullable(JetSchema.SCHEMA).add(
            DataTypes.createStructField(JetSchema.REASON, DataTypes.StringType, true));

    // Columns added for the join (not on disk).
    static final String HAS_NTUPLE = "_has_ntuple";
    static final String HAS_MLPF = "_has_mlpf";
    static final String MLPF_SCHEMA_VERSION = "_mlpf_schema_version";

    private JetsStage() {
    }

    /**
     * Checks the columns and types of {@code ntuples} and {@code candidates} (may be null: no MLPF jets).
     *
     * @throws org.mlpf.schema.SchemaMismatchException naming the missing or mistyped column
     */
    public static void checkSchemas(Dataset<Row> ntuples, Dataset<Row> candidates) {
        SchemaCheck.require(NTUPLE_INPUT, ntuples.schema(), Set.of(), "ntuples");
        if (candidates != null) {
            SchemaCheck.require(CANDIDATES_INPUT, candidates.schema(), Set.of(), "MLPF candidates");
        }
    }

    /** Clusters every event; see the class comment. {@code candidates} may be null (no MLPF jets). */
    public static Dataset<Row> transform(Dataset<Row> ntuples, Dataset<Row> candidates, JetsConfig cfg) {
        checkSchemas(ntuples, candidates);
        Dataset<Row> nt = ntuples.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                col(NtupleSchema.SCHEMA_VERSION), col(NtupleSchema.PV_Z), col(NtupleSchema.PF_CANDIDATES),
                col(NtupleSchema.GEN_PARTICLES), lit(true).as(HAS_NTUPLE));
        Dataset<Row> joined = nt;
        if (candidates != null) {
            Dataset<Row> c = candidates.select(col(CandidateSchema.SAMPLE), col(CandidateSchema.EVENT_ID),
                    col(CandidateSchema.SCHEMA_VERSION).as(MLPF_SCHEMA_VERSION), col(CandidateSchema.CANDIDATES),
                    lit(true).as(HAS_MLPF));
            joined = nt.join(c, scala.collection.JavaConverters.asScalaBuffer(
                    List.of(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID)).toSeq(), "full_outer");
        }
        EventJetsFunction f = new EventJetsFunction(joined.schema(), cfg, candidates != null);
        return joined.mapPartitions(f, Encoders.row(OUTPUT));
    }

    /** The clustered rows of a {@link #transform} result, in {@link JetSchema#SCHEMA}. */
    public static Dataset<Row> jets(Dataset<Row> output) {
        return output.filter(col(JetSchema.REASON).isNull()).select(columns(JetSchema.SCHEMA));
    }

    /** The quarantined rows of a {@link #transform} result, in {@link JetSchema#QUARANTINE_SCHEMA}. */
    public static Dataset<Row> quarantine(Dataset<Row> output) {
        return output.filter(col(JetSchema.REASON).isNotNull()).select(columns(JetSchema.QUARANTINE_SCHEMA));
    }

    private static Column[] columns(StructType t) {
        return Arrays.stream(t.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** The fields of {@code t} named in {@code names}, in t's order; list-of-struct fields keep all their fields. */
    static StructType subset(StructType t, List<String> names) {
        List<StructField> out = new ArrayList<>();
        for (StructField f : t.fields()) {
            if (names.contains(f.name())) {
                out.add(f);
            }
        }
        return new StructType(out.toArray(new StructField[0]));
    }

    private static StructType nullable(StructType t) {
        StructField[] out = new StructField[t.size()];
        for (int k = 0; k < out.length; k++) {
            StructField f = t.fields()[k];
            out[k] = new StructField(f.name(), f.dataType(), true, f.metadata());
        }
        return new StructType(out);
    }

    /** The struct inside a list-of-struct field. */
    static StructType elementStruct(StructType t, String field) {
        return (StructType) ((ArrayType) t.apply(field).dataType()).elementType();
    }
}
