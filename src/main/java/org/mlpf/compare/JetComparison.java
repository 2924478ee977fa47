package org.mlpf.compare;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.mlpf.schema.JetSchema;
import org.mlpf.spark.Scala;

/**
 * Jet comparison (MLPF.md section 4): reco jets (PF, MLPF) matched to gen jets of the same event when they are each
 * other's closest within Delta R &lt; {@link CompareConfig#jetMatchDr()}; response = median(reco pT / gen pT) and
 * resolution = IQR / median in gen-jet pT and |eta| bins; matching efficiency (matched gen jets / gen jets) and fake
 * rate (unmatched reco jets / reco jets) above the lowest pT edge; and pT and eta distributions per source.
 */
final class JetComparison {
    /** Jet pT distribution: bins of this width, GeV, up to {@link #PT_HIST_MAX}. */
    static final double PT_HIST_WIDTH = 10;
    static final double PT_HIST_MAX = 500;
    /** Jet eta distribution: bins of this width in [-5, 5]. */
    static final double ETA_HIST_WIDTH = 0.25;

    private JetComparison() {
    }

    /** The jet tables, by name. */
    static Map<String, Dataset<Row>> tables(Dataset<Row> jets, CompareConfig cfg) {
        Dataset<Row> all = jets.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE),
                        posexplode(col(JetSchema.JETS)).as(new String[] {"j", "jet"}))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"),
                        col("jet.pt").as("pt"), col("jet.eta").as("eta"), col("jet.phi").as("phi"));
        Dataset<Row> gen = all.filter(col(JetSchema.SOURCE).equalTo(JetSchema.SOURCE_GEN))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col("j").as("gj"), col("pt").as("g_pt"),
                        col("eta").as("g_eta"), col("phi").as("g_phi"));
        Dataset<Row> reco = all.filter(col(JetSchema.SOURCE).notEqual(JetSchema.SOURCE_GEN))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j").as("rj"),
                        col("pt").as("r_pt"), col("eta").as("r_eta"), col("phi").as("r_phi"));
        Dataset<Row> matched = match(gen, reco, cfg.jetMatchDr());
        double ptMin = cfg.jetPtBins().get(0);

        Map<String, Dataset<Row>> t = new LinkedHashMap<>();
        Dataset<Row> ratio = matched.withColumn("_x", col("r_pt").divide(col("g_pt")));
        t.put("jet_response", Stats.quantiles(ratio.withColumn("bin", Stats.bin(col("g_pt"), cfg.jetPtBins()))
                        .filter(col("bin").isNotNull()).groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin")),
                        col("_x")).withColumn("bin_label", Stats.labels(col("bin"), cfg.jetPtBins())));
        t.put("jet_response_eta", Stats.quantiles(ratio.filter(col("g_pt").geq(ptMin))
                        .withColumn("bin", Stats.bin(abs(col("g_eta")), cfg.jetEtaBins())).filter(col("bin").isNotNull())
                        .groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin")), col("_x"))
                .withColumn("bin_label", Stats.labels(col("bin"), cfg.jetEtaBins())));

        // Efficiency: gen jets above the lowest edge that have a match, per reco source.
        Dataset<Row> sources = reco.select(JetSchema.SOURCE).distinct();
        Dataset<Row> genPerSource = gen.filter(col("g_pt").geq(ptMin)).crossJoin(sources);
        Dataset<Row> eff = genPerSource.join(matched.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID),
                                col(JetSchema.SOURCE), col("gj"), lit(1).as("m")),
                        Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "gj"), "left")
                .groupBy(JetSchema.SAMPLE, JetSchema.SOURCE)
                .agg(count(lit(1)).as("n"), sum(when(col("m").isNotNull(), 1).otherwise(0)).as("k"));
        Dataset<Row> fake = reco.filter(col("r_pt").geq(ptMin)).join(matched.select(col(JetSchema.SAMPLE),
                                col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("rj"), lit(1).as("m")),
                        Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "rj"), "left")
                .groupBy(JetSchema.SAMPLE, JetSchema.SOURCE)
                .agg(count(lit(1)).as("n"), sum(when(col("m").isNull(), 1).otherwise(0)).as("k"));
        t.put("jet_matching", Stats.fraction(eff, "k", "n", "efficiency", "efficiency_err")
                .withColumnRenamed("n", "n_gen").withColumnRenamed("k", "n_matched")
                .join(Stats.fraction(fake, "k", "n", "fake_rate", "fake_rate_err").withColumnRenamed("n", "n_reco")
                        .withColumnRenamed("k", "n_fake"), Scala.seq(JetSchema.SAMPLE, JetSchema.SOURCE), "full"));

        t.put("jet_pt_distribution", histogram(all, col("pt"), 0, PT_HIST_WIDTH, (int) (PT_HIST_MAX / PT_HIST_WIDTH)));
        t.put("jet_eta_distribution", histogram(all.filter(col("pt").geq(ptMin)), col("eta"), -5, ETA_HIST_WIDTH,
                (int) (10 / ETA_HIST_WIDTH)));
        return t;
    }

    /** Pairs of gen and reco jets of one event that are each other's closest within {@code maxDr}. */
    static Dataset<Row> match(Dataset<Row> gen, Dataset<Row> reco, double maxDr) {
        Column dphi = col("r_phi").minus(col("g_phi"));
        Column wrapped = when(dphi.gt(Math.PI), dphi.minus(2 * Math.PI))
                .when(dphi.lt(-Math.PI), dphi.plus(2 * Math.PI)).otherwise(dphi);
        Column deta = col("r_eta").minus(col("g_eta"));
        Dataset<Row> pairs = gen.join(reco, Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID))
                .withColumn("dr", sqrt(deta.multiply(deta).plus(wrapped.multiply(wrapped))))
                .filter(col("dr").lt(maxDr));
        Column byGen = row_number().over(Window.partitionBy(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "gj")
                .orderBy("dr", "rj"));
        Column byReco = row_number().over(Window.partitionBy(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE,
                "rj").orderBy("dr", "gj"));
        return pairs.withColumn("rank_g", byGen).withColumn("rank_r", byReco)
                .filter(col("rank_g").equalTo(1).and(col("rank_r").equalTo(1))).drop("rank_g", "rank_r");
    }

    private static Dataset<Row> histogram(Dataset<Row> jets, Column x, double lo, double width, int bins) {
        Column bin = least(greatest(floor(x.minus(lo).divide(width)).cast("int"), lit(0)), lit(bins));
        return jets.withColumn("bin", bin).groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin"))
                .agg(count(lit(1)).as("n")).withColumn("lo", col("bin").multiply(width).plus(lo));
    }
}
