package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaCheck;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.NtupleGuard;

/**
 * The tensorize stage as DataFrame transformations: ntuples in, padded tensors ({@link TensorSchema}), a quarantine
 * of events left out (with the reason) and normalization statistics out. Everything is built from Spark SQL
 * expressions on per-feature arrays ({@code elements.pt} ...), so no Java object is made per element.
 *
 * <p>Per event: the split comes from {@code xxhash64(seed, sample, event_id)} mapped to [0, 1) against the split
 * fractions (stable when samples are added); the bucket is the smallest that holds the event; an event larger
 * than the largest bucket is refused ({@code error}), quarantined ({@code drop}) or cut into consecutive chunks
 * of at most the largest bucket ({@code split}; message passing then stays inside a chunk). Events whose target
 * list does not have one row per element are quarantined.
 */
public final class TensorizeStage {
    /** Quarantine column with the reason an event was left out. */
    public static final String REASON = "reason";
    /** Quarantine column: the file the event was read from. */
    public static final String FILE = "file";

    private static final String N = "_n";
    private static final String LEN = "_len";
    private static final String PAD = "_pad";

    private final TensorizeConfig cfg;

    public TensorizeStage(TensorizeConfig cfg) {
        this.cfg = cfg;
    }

    /** Checks that {@code schema} is an ntuple schema; {@code where} names the input in the error. */
    public void checkSchema(StructType schema, String where) {
        SchemaCheck.require(NtupleSchema.FORMAT, schema, Set.of(), where);
    }

    private String targetColumn() {
        return cfg.target().equals("gen") ? NtupleSchema.YGEN : NtupleSchema.YCAND;
    }

    /** The split of each event: train, val or test. */
    Column splitColumn() {
        // 53 random bits of the hash as a uniform number in [0, 1).
        Column u = shiftrightunsigned(xxhash64(lit(cfg.seed()), col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID)), 11)
                .cast("double").multiply(Math.scalb(1.0, -53));
        double train = cfg.split().get(0);
        double val = train + cfg.split().get(1);
        return when(u.lt(train), lit(TensorSchema.TRAIN)).when(u.lt(val), lit(TensorSchema.VALIDATION))
                .otherwise(lit(TensorSchema.TEST));
    }

    private Column aligned() {
        return size(col(targetColumn())).equalTo(size(col(NtupleSchema.ELEMENTS)));
    }

    private Column oversized() {
        return size(col(NtupleSchema.ELEMENTS)).gt(cfg.maxBucket());
    }

    /** Events larger than the largest bucket: sample, event_id, number of elements. */
    public Dataset<Row> oversizedEvents(Dataset<Row> ntuples) {
        return ntuples.filter(oversized()).select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                size(col(NtupleSchema.ELEMENTS)).as("num_elements"));
    }

    /** The reasons {@link #quarantine} gives to events that break the ntuple rules. */
    public List<String> ruleReasons() {
        return NtupleGuard.reasons(targetColumn());
    }

    /** Null for an event that keeps the ntuple rules ({@link NtupleGuard}), else the first rule it breaks. */
    private Column broken() {
        return NtupleGuard.reason(targetColumn());
    }

    /**
     * Events left out, with the reason: events that break the ntuple rules ({@link NtupleGuard}), misaligned
     * targets, and oversized events when {@code oversize=drop}; the last column names the event's file.
     */
    public Dataset<Row> quarantine(Dataset<Row> ntuples) {
        Column reason = when(broken().isNotNull(), broken()).when(aligned().unary_$bang(), format_string("%s has %d rows for %d elements", lit(targetColumn()),
                size(col(targetColumn())), size(col(NtupleSchema.ELEMENTS))));
        if (cfg.oversize().equals("drop")) {
            reason = reason.when(oversized(), format_string("%d elements, more than the largest bucket %d",
                    size(col(NtupleSchema.ELEMENTS)), lit(cfg.maxBucket())));
        }
        return ntuples.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        size(col(NtupleSchema.ELEMENTS)).as("num_elements"), reason.as(REASON),
                        input_file_name().as(FILE))
                .filter(col(REASON).isNotNull());
    }

    /** Events that become tensors. */
    private Dataset<Row> kept(Dataset<Row> ntuples) {
        Column keep = broken().isNull().and(aligned());
        if (!cfg.oversize().equals("split")) {
            keep = keep.and(oversized().unary_$bang());
        }
        return ntuples.filter(keep);
    }

    /** The tensors, with {@code split} and {@code bucket} columns (the writer turns them into directories). */
    public Dataset<Row> tensors(Dataset<Row> ntuples) {
        return padded(kept(ntuples));
    }

    /**
     * The model inputs of every event, for inference on the fly: the columns of {@link #tensors} without the targets
     * {@code y} (so Spark never computes them, and events whose targets do not line up are kept), events larger than
     * the largest bucket cut into chunks whatever {@code oversize} says.
     */
    public Dataset<Row> inputs(Dataset<Row> ntuples) {
        return padded(ntuples).drop(TensorSchema.Y);
    }

    private Dataset<Row> padded(Dataset<Row> events) {
        int max = cfg.maxBucket();
        Column n = size(col(NtupleSchema.ELEMENTS));
        Column chunks = when(n.gt(max), sequence(lit(0), ceil(n.divide(max)).cast("int").minus(1)))
                .otherwise(array(lit(0)));
        Dataset<Row> rows = events
                .withColumn(N, n)
                .withColumn(TensorSchema.CHUNK, explode(chunks))
                .withColumn(TensorSchema.ELEM_OFFSET, col(TensorSchema.CHUNK).multiply(max))
                .withColumn(LEN, least(col(N).minus(col(TensorSchema.ELEM_OFFSET)), lit(max)))
                .withColumn(TensorSchema.BUCKET, bucketColumn(col(LEN)))
                .withColumn(PAD, col(TensorSchema.BUCKET).minus(col(LEN)));

        List<Column> xParts = new ArrayList<>();
        for (ElementFeature f : ElementFeature.values()) {
            if (f.isCms()) {
                xParts.add(window(col(NtupleSchema.ELEMENTS + "." + f.column())));
                xParts.add(array_repeat(lit(0f), col(PAD)));
            }
        }
        List<Column> yParts = new ArrayList<>();
        for (String t : NtupleSchema.TARGET_FIELDS) {
            yParts.add(window(col(targetColumn() + "." + t).cast("array<float>")));
            yParts.add(array_repeat(lit(0f), col(PAD)));
        }
        Column mask = concat(array_repeat(lit(1f), col(LEN)), array_repeat(lit(0f), col(PAD)));
        Column vz = concat(window(col(NtupleSchema.ELEMENTS + "." + ElementFeature.VZ.column())),
                array_repeat(lit(0f), col(PAD)));
        return rows.select(col(NtupleSchema.EVENT_ID), col(NtupleSchema.SAMPLE),
                lit(TensorSchema.VERSION).as(TensorSchema.SCHEMA_VERSION), splitColumn().as(TensorSchema.SPLIT),
                col(TensorSchema.BUCKET), col(TensorSchema.CHUNK), col(TensorSchema.ELEM_OFFSET),
                col(LEN).as(TensorSchema.NUM_ELEMENTS), concat(xParts.toArray(new Column[0])).as(TensorSchema.X),
                concat(yParts.toArray(new Column[0])).as(TensorSchema.Y), mask.as(TensorSchema.MASK),
                vz.as(TensorSchema.VZ));
    }

    /** This row's slice of a per-element array: the whole array unless the event is cut into chunks. */
    private static Column window(Column perElement) {
        return when(col(N).gt(col(LEN)), slice(perElement, col(TensorSchema.ELEM_OFFSET).plus(1), col(LEN)))
                .otherwise(perElement);
    }

    private Column bucketColumn(Column len) {
        List<Integer> b = cfg.buckets();
        Column c = when(len.leq(b.get(0)), lit(b.get(0)));
        for (int i = 1; i < b.size(); i++) {
            c = c.when(len.leq(b.get(i)), lit(b.get(i)));
        }
        return c;
    }

    /**
     * Normalization statistics of the encoded features over the real elements of the training split, in one
     * aggregation.
     */
    public NormalizationStats normalization(Dataset<Row> ntuples) {
        Dataset<Row> elements = kept(ntuples).filter(splitColumn().equalTo(TensorSchema.TRAIN))
                .select(explode(col(NtupleSchema.ELEMENTS)).as("e"));
        List<Column> enc = EncodingColumns.encoded(name -> col("e." + name));
        List<Column> aggs = new ArrayList<>();
        // Plain sums of x and x^2 (in double) are far cheaper than avg/var_pop's central-moment states, and exact
        // enough here: encoded features are O(1)-O(1e3) with spreads not much smaller than their means.
        for (int k = 0; k < enc.size(); k++) {
            Column x = col("enc_" + k).cast("double");
            aggs.add(sum(x));
            aggs.add(sum(x.multiply(x)));
        }
        Dataset<Row> moments = elements.select(enc.toArray(new Column[0]))
                .agg(count(lit(1)), aggs.toArray(new Column[0]));
        Row r = moments.first();
        long total = r.getLong(0);
        double[] mean = new double[FeatureEncoding.WIDTH];
        double[] var = new double[FeatureEncoding.WIDTH];
        for (int k = 0; k < mean.length && total > 0; k++) {
            mean[k] = r.getDouble(1 + 2 * k) / total;
            var[k] = Math.max(0, r.getDouble(2 + 2 * k) / total - mean[k] * mean[k]);
        }
        return NormalizationStats.fromMoments(total, mean, var);
    }
}
