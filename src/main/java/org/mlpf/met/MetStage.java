package org.mlpf.met;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hypot;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlpf.physics.ParticleData;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaCheck;
import org.mlpf.spark.GpuColumns;
import org.mlpf.spark.Scala;

/**
 * The MET stage as pure DataFrame operations (explode, projections, group-by sums, a left join), with no UDF and
 * no {@code atan2} (which RAPIDS does not run on a GPU; {@code atan} with {@code when} does), so that Spark RAPIDS
 * can run it all on a GPU. In: ntuples (generator particles and baseline PF candidates) and, optionally, an MLPF
 * candidates dataset; out: one {@link MetSchema} row per event and source. Events without candidates get MET 0.
 */
public final class MetStage {
    private MetStage() {
    }

    /** Checks the input schemas; {@code where} names the inputs in errors. */
    public static void checkSchemas(StructType ntuples, Optional<StructType> candidates, String where) {
        SchemaCheck.require(NtupleSchema.FORMAT, ntuples, Set.of(), where);
        candidates.ifPresent(c -> SchemaCheck.require(CandidateSchema.FORMAT, c, Set.of(), where + " (candidates)"));
    }

    /** MET of every event for gen, pf and, when {@code mlpfCandidates} is given, mlpf. */
    public static Dataset<Row> transform(Dataset<Row> ntuples, Optional<Dataset<Row>> mlpfCandidates) {
        Dataset<Row> events = ntuples.select(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID);
        Dataset<Row> out = gen(ntuples, events).unionByName(candidates(ntuples, NtupleSchema.PF_CANDIDATES, MetSchema.PF,
                events));
        if (mlpfCandidates.isPresent()) {
            out = out.unionByName(candidates(mlpfCandidates.get(), CandidateSchema.CANDIDATES, MetSchema.MLPF, events));
        }
        return out;
    }

    private static Dataset<Row> gen(Dataset<Row> ntuples, Dataset<Row> events) {
        Object[] invisible = Arrays.stream(ParticleData.invisibleIds()).boxed().toArray();
        Dataset<Row> nu = ntuples.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        explode(col(NtupleSchema.GEN_PARTICLES)).as("g"))
                .filter(col("g." + NtupleSchema.G_STATUS).equalTo(1)
                        .and(abs(col("g." + NtupleSchema.G_PDG_ID)).isin(invisible)))
                .select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        col("g." + NtupleSchema.G_PX).as("px"), col("g." + NtupleSchema.G_PY).as("py"));
        // Generator MET is the invisible momentum itself: +sum, not -sum.
        return summed(nu, events, MetSchema.GEN, 1.0);
    }

    private static Dataset<Row> candidates(Dataset<Row> table, String column, String source, Dataset<Row> events) {
        Column pt = col("c." + CandidateSchema.PT).cast("double");
        Column phi = col("c." + CandidateSchema.PHI).cast("double");
        Dataset<Row> c = table.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID), explode(col(column)).as("c"))
                .select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID), pt.multiply(cos(phi)).as("px"),
                        pt.multiply(sin(phi)).as("py"));
        return summed(c, events, source, -1.0);
    }

    private static Dataset<Row> summed(Dataset<Row> momenta, Dataset<Row> events, String source, double sign) {
        Dataset<Row> sums = momenta.groupBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID)
                .agg(sum("px").as("sx"), sum("py").as("sy"), sum(hypot(col("px"), col("py"))).as("spt"),
                        count(lit(1)).as("n"));
        Dataset<Row> joined = events.join(sums, Scala.seq(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID), "left");
        Column x = coalesce(col("sx"), lit(0.0)).multiply(sign);
        Column y = coalesce(col("sy"), lit(0.0)).multiply(sign);
        return joined.select(col(NtupleSchema.EVENT_ID), col(NtupleSchema.SAMPLE),
                lit(MetSchema.VERSION).as(MetSchema.SCHEMA_VERSION), lit(source).as(MetSchema.SOURCE),
                x.as(MetSchema.MET_X), y.as(MetSchema.MET_Y), hypot(x, y).as(MetSchema.MET),
                GpuColumns.azimuth(x, y).as(MetSchema.MET_PHI), coalesce(col("spt"), lit(0.0)).as(MetSchema.SUM_PT),
                coalesce(col("n"), lit(0L)).as(MetSchema.NUM_PARTICLES));
    }
}
