package org.mlpf.infer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.DatasetFormat;
import org.mlpf.schema.SchemaCheck;
import org.mlpf.schema.TensorSchema;

/**
 * The inference stage as a function of DataFrames, in the manner of a Spark ML transformer: tensor rows in (read from
 * a tensors output, or made on the fly by {@code TensorizeStage.inputs}; any mix of buckets), MLPF candidates out,
 * one row per event in {@link CandidateSchema#SCHEMA}. No reading or writing here.
 *
 * <p>The rows go to the executors as Arrow record batches (Spark's columnar conversion, no Java object per element),
 * where {@link PredictPartition} runs the model and makes one {@link #CHUNKS} row per tensor row; rows of the same
 * event (chunks of an event larger than the largest bucket) are then merged in element order. Every input event
 * gets a row, with no candidate if the model predicts class 0 for all its elements.
 */
public final class InferStage {
    /** The tensor columns the stage reads (a subset of {@link TensorSchema#SCHEMA}). */
    public static final DatasetFormat INPUT = new DatasetFormat("tensors", TensorSchema.VERSION,
            new StructType().add(TensorSchema.SCHEMA.apply(TensorSchema.EVENT_ID))
                    .add(TensorSchema.SCHEMA.apply(TensorSchema.SAMPLE))
                    .add(TensorSchema.SCHEMA.apply(TensorSchema.ELEM_OFFSET))
                    .add(TensorSchema.SCHEMA.apply(TensorSchema.NUM_ELEMENTS))
                    .add(TensorSchema.SCHEMA.apply(TensorSchema.X))
                    .add(TensorSchema.SCHEMA.apply(TensorSchema.VZ)),
            "the tensors columns read by the inference stage");

    /** Per tensor row (event or chunk): its candidates, before chunks are merged into their event. */
    public static final StructType CHUNKS = new StructType()
            .add(CandidateSchema.SAMPLE, DataTypes.StringType, false)
            .add(CandidateSchema.EVENT_ID, DataTypes.LongType, false)
            .add(TensorSchema.ELEM_OFFSET, DataTypes.IntegerType, false)
            .add(CandidateSchema.SCHEMA.apply(CandidateSchema.CANDIDATES))
            .add(CandidateSchema.SCHEMA.apply(CandidateSchema.PROBS));

    private static final String PARTS = "_parts";
    /** Spark's rows per Arrow record batch. */
    private static final String ARROW_MAX_RECORDS = "spark.sql.execution.arrow.maxRecordsPerBatch";

    private InferStage() {
    }

    /**
     * Checks the input columns and types.
     *
     * @param where names the input in the message
     * @throws org.mlpf.schema.SchemaMismatchException naming the missing or mistyped column
     */
    public static void checkSchema(StructType schema, String where) {
        SchemaCheck.require(INPUT, schema, Set.of(), where);
    }

    /**
     * MLPF candidates of every event of {@code tensors}, predicted by the model {@code model} on the executors.
     *
     * @param metrics accumulators the tasks add their timings and counts to
     */
    public static Dataset<Row> transform(Dataset<Row> tensors, ModelRef model, InferConfig cfg,
                                         InferMetrics metrics) {
        checkSchema(tensors.schema(), "inference input");
        SparkSession spark = tensors.sparkSession();
        Dataset<Row> input = tensors.select(columns(INPUT.schema()));
        StructType arrowSchema = input.schema();
        JavaRDD<byte[]> arrow = arrowBatches(input, cfg.arrowRows());
        JavaRDD<Row> chunks = arrow.mapPartitions(new PredictPartition(arrowSchema, model, cfg, metrics));
        return merge(spark.createDataFrame(chunks, CHUNKS));
    }

    /**
     * The rows as serialized Arrow record batches of at most {@code rowsPerBatch} rows. Spark's default (10,000 rows)
     * would put a whole partition of tensor rows, at 100 x N bytes each, into one batch; the value is read when the
     * RDD is built, so it is set for this call only.
     */
    static JavaRDD<byte[]> arrowBatches(Dataset<Row> input, int rowsPerBatch) {
        var conf = input.sparkSession().conf();
        String key = ARROW_MAX_RECORDS;
        String previous = conf.contains(key) ? conf.get(key) : null;
        conf.set(key, Integer.toString(rowsPerBatch));
        try {
            return input.toArrowBatchRdd().toJavaRDD();
        } finally {
            if (previous == null) {
                conf.unset(key);
            } else {
                conf.set(key, previous);
            }
        }
    }

    /** Merges the rows of each event in element order (chunks hold disjoint, consecutive element ranges). */
    static Dataset<Row> merge(Dataset<Row> chunks) {
        Column part = struct(col(TensorSchema.ELEM_OFFSET), col(CandidateSchema.CANDIDATES),
                col(CandidateSchema.PROBS));
        return chunks.groupBy(col(CandidateSchema.SAMPLE), col(CandidateSchema.EVENT_ID))
                .agg(sort_array(collect_list(part)).as(PARTS))
                .select(col(CandidateSchema.EVENT_ID), col(CandidateSchema.SAMPLE),
                        lit(CandidateSchema.VERSION).as(CandidateSchema.SCHEMA_VERSION),
                        flatten(col(PARTS + "." + CandidateSchema.CANDIDATES)).as(CandidateSchema.CANDIDATES),
                        flatten(col(PARTS + "." + CandidateSchema.PROBS)).as(CandidateSchema.PROBS));
    }

    private static Column[] columns(StructType t) {
        Column[] c = new Column[t.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = col(t.fieldNames()[i]);
        }
        return c;
    }
}
