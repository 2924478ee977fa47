package org.mlpf.compare;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlpf.schema.MetSchema;
import org.mlpf.spark.Scala;

/**
 * MET comparison: response (median reco / gen MET) and resolution (IQR / median of that ratio) in gen-MET bins,
 * the high-MET tail (fraction of events above thresholds) and the MET distributions per sample and source,
 * including gen.
 */
final class MetComparison {
    /** Bins of the MET distributions; the last one collects the overflow. */
    static final int HIST_BINS = 50;
    /** The distributions reach this multiple of the last MET bin edge. */
    static final double HIST_RANGE = 1.5;
    private MetComparison() {
    }

    /** The MET tables, by name. */
    static Map<String, Dataset<Row>> tables(Dataset<Row> met, CompareConfig cfg) {
        Map<String, Dataset<Row>> t = new LinkedHashMap<>();
        Dataset<Row> gen = met.filter(col(MetSchema.SOURCE).equalTo(MetSchema.GEN))
                .select(col(MetSchema.SAMPLE), col(MetSchema.EVENT_ID), col(MetSchema.MET).as("gen_met"));
        Dataset<Row> reco = met.filter(col(MetSchema.SOURCE).notEqual(MetSchema.GEN))
                .join(gen, Scala.seq(MetSchema.SAMPLE, MetSchema.EVENT_ID))
                .withColumn("bin", Stats.bin(col("gen_met"), cfg.metBins())).filter(col("bin").isNotNull());
        t.put("met_response", Stats.quantiles(reco.withColumn("_x", col(MetSchema.MET).divide(col("gen_met")))
                        .groupBy(col(MetSchema.SAMPLE), col(MetSchema.SOURCE), col("bin")), col("_x"))
                .withColumn("bin_label", Stats.labels(col("bin"), cfg.metBins())));
        double histMax = cfg.metBins().get(cfg.metBins().size() - 1) * HIST_RANGE;
        Column histBin = org.apache.spark.sql.functions.least(
                org.apache.spark.sql.functions.floor(col(MetSchema.MET).multiply(HIST_BINS / histMax)).cast("int"),
                lit(HIST_BINS));
        t.put("met_distribution", met.withColumn("bin", histBin)
                .groupBy(col(MetSchema.SAMPLE), col(MetSchema.SOURCE), col("bin")).agg(count(lit(1)).as("n"))
                .withColumn("lo", col("bin").multiply(histMax / HIST_BINS)));
        Column[] thresholds = cfg.metTails().stream().map(v -> lit(v)).toArray(Column[]::new);
        Dataset<Row> tails = met.withColumn("threshold", explode(array(thresholds)))
                .groupBy(MetSchema.SAMPLE, MetSchema.SOURCE, "threshold")
                .agg(count(lit(1)).as("n"), sum(when(col(MetSchema.MET).gt(col("threshold")), 1).otherwise(0)).as("k"));
        t.put("met_tail", Stats.fraction(tails, "k", "n", "fraction", "fraction_err"));
        return t;
    }
}
