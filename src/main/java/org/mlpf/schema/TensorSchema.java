package org.mlpf.schema;

import static org.mlpf.schema.Fields.f;
import static org.mlpf.schema.Fields.listOf;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Padded event tensors, one row per event (or per chunk of an event larger than the largest bucket), written by
 * tensorize under {@code TENSORS/data/split=S/bucket=N/}. Arrays are fixed length for a bucket of N slots and
 * <b>feature-major</b>: {@code x[f * N + i]} is feature f of element slot i (so that Spark builds them from
 * per-feature arrays without per-element objects); readers transpose to the model's (N, F) order. Real elements
 * come first, in ntuple order, then zero padding (type 0).
 */
public final class TensorSchema {
    /** Version of this schema, stored in every row. */
    public static final int VERSION = 1;

    /** Number of input features per element in {@code x}: the 25 CMS features. */
    public static final int X_FEATURES = ElementFeature.NUM_CMS;
    /** Number of target values per element in {@code y}: cls, charge, pt, eta, sin_phi, cos_phi, energy. */
    public static final int Y_FEATURES = NtupleSchema.TARGET_FIELDS.size();

    public static final String EVENT_ID = NtupleSchema.EVENT_ID;
    public static final String SAMPLE = NtupleSchema.SAMPLE;
    public static final String SCHEMA_VERSION = NtupleSchema.SCHEMA_VERSION;
    public static final String SPLIT = "split";
    public static final String BUCKET = "bucket";
    public static final String CHUNK = "chunk";
    public static final String ELEM_OFFSET = "elem_offset";
    public static final String NUM_ELEMENTS = "num_elements";
    public static final String X = "x";
    public static final String Y = "y";
    public static final String MASK = "mask";
    public static final String VZ = "vz";

    /** Split names. */
    public static final String TRAIN = "train";
    public static final String VALIDATION = "val";
    public static final String TEST = "test";

    /** Sub-directory of a tensors output holding the Parquet data (metadata files sit next to it). */
    public static final String DATA_DIR = "data";
    /** Summary file of a tensors output (counts, padding efficiency per bucket). */
    public static final String SUMMARY_FILE = "summary.json";
    /** Quarantine sub-directory: events left out, with the reason. */
    public static final String QUARANTINE_DIR = "quarantine";

    /** One row. {@code split} and {@code bucket} live in the partition directories of the files. */
    public static final StructType SCHEMA = new StructType()
            .add(f(EVENT_ID, DataTypes.LongType, "event number, unique within a sample"))
            .add(f(SAMPLE, DataTypes.StringType, "sample name"))
            .add(f(SCHEMA_VERSION, DataTypes.IntegerType, "version of this schema"))
            .add(f(SPLIT, DataTypes.StringType, "train, val or test, from a hash of (sample, event_id) and the seed"))
            .add(f(BUCKET, DataTypes.IntegerType, "number of element slots N (the padded size)"))
            .add(f(CHUNK, DataTypes.IntegerType, "chunk index of an event split across rows (0 if not split)"))
            .add(f(ELEM_OFFSET, DataTypes.IntegerType, "index in the event's elements of this row's first element"))
            .add(f(NUM_ELEMENTS, DataTypes.IntegerType, "number of real elements in this row (the rest is padding)"))
            .add(f(X, listOf(DataTypes.FloatType), "inputs, 25 x N floats, feature-major: the 25 CMS element features"))
            .add(f(Y, listOf(DataTypes.FloatType), "targets, 7 x N floats, feature-major: cls, charge, pt, eta, sin_phi, "
                    + "cos_phi, energy of ygen or ycand"))
            .add(f(MASK, listOf(DataTypes.FloatType), "N floats: 1 for real elements, 0 for padding"))
            .add(f(VZ, listOf(DataTypes.FloatType), "N floats: the element's track z at the beam line (cm; 0 for "
                    + "clusters and padding), not a model input: carried to the MLPF candidates for CHS"));

    /** The format as listed by {@code mlpf schema}. */
    public static final DatasetFormat FORMAT = new DatasetFormat("tensors", VERSION, SCHEMA,
            "one row per event (or event chunk): padded, feature-major input and target arrays for the model");

    private TensorSchema() {
    }
}
