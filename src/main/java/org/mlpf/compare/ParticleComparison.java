package org.mlpf.compare;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.MetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.GpuColumns;
import org.mlpf.spark.Scala;

/**
 * Particle-level comparison of PF and MLPF against the generator, element by element: the truth of element i is
 * {@code ygen[i]}; PF's answer for it is {@code ycand[i]} (the PF candidate assigned to the element by the same
 * one-to-one rule) and MLPF's is the MLPF candidate with {@code elem_index = i} (class 0 if none). Both
 * reconstructions are thus judged on exactly the same elements and truth.
 *
 * <p>Tables (per sample and source): efficiency of each class vs gen pT and eta (elements whose truth is class c
 * that the reconstruction also calls c), fake rate vs reco pT and eta (candidates of class c whose truth is not c),
 * confusion matrix (truth class x reco class), and pT / eta / phi / energy response and resolution per class, per
 * gen-pT bin and inclusive, for elements with matching classes (what a candidate gets wrong when its class is right).
 */
final class ParticleComparison {
    /** Quantities of {@code particle_resolution} and {@code particle_response}. */
    static final String PT_RATIO = "pt_ratio";
    static final String ENERGY_RATIO = "energy_ratio";
    static final String ETA_DIFF = "eta_diff";
    static final String PHI_DIFF = "phi_diff";

    private ParticleComparison() {
    }

    /** One row per element and source: truth and reco class and kinematics. */
    static Dataset<Row> pairs(Dataset<Row> ntuples, Optional<Dataset<Row>> mlpf) {
        Dataset<Row> elems = ntuples.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        posexplode(arrays_zip(col(NtupleSchema.YGEN), col(NtupleSchema.YCAND))))
                .withColumnRenamed("pos", "elem");
        Dataset<Row> truth = elems.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID), col("elem"),
                col("col.ygen.cls").as("t_cls"), col("col.ygen.pt").as("t_pt"), col("col.ygen.eta").as("t_eta"),
                GpuColumns.azimuth(col("col.ygen.cos_phi"), col("col.ygen.sin_phi")).as("t_phi"),
                col("col.ygen.energy").as("t_e"),
                col("col.ycand.cls").as("pf_cls"), col("col.ycand.pt").as("pf_pt"), col("col.ycand.eta").as("pf_eta"),
                GpuColumns.azimuth(col("col.ycand.cos_phi"), col("col.ycand.sin_phi")).as("pf_phi"),
                col("col.ycand.energy").as("pf_e"));
        Dataset<Row> pf = truth.select(col(NtupleSchema.SAMPLE), lit(MetSchema.PF).as("source"), col("t_cls"),
                col("t_pt"), col("t_eta"), col("t_phi"), col("t_e"), col("pf_cls").as("r_cls"), col("pf_pt").as("r_pt"),
                col("pf_eta").as("r_eta"), col("pf_phi").as("r_phi"), col("pf_e").as("r_e"));
        if (mlpf.isEmpty()) {
            return pf;
        }
        Dataset<Row> cands = mlpf.get().select(col(CandidateSchema.SAMPLE), col(CandidateSchema.EVENT_ID),
                        explode(col(CandidateSchema.CANDIDATES)).as("c"))
                .select(col(CandidateSchema.SAMPLE), col(CandidateSchema.EVENT_ID), col("c.elem_index").as("elem"),
                        col("c.cls").as("m_cls"), col("c.pt").as("m_pt"), col("c.eta").as("m_eta"),
                        col("c.phi").as("m_phi"), col("c.energy").as("m_e"));
        Dataset<Row> m = truth.join(cands, Scala.seq(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID, "elem"), "left")
                .select(col(NtupleSchema.SAMPLE), lit(MetSchema.MLPF).as("source"), col("t_cls"), col("t_pt"),
                        col("t_eta"), col("t_phi"), col("t_e"), coalesce(col("m_cls"), lit(0)).as("r_cls"),
                        coalesce(col("m_pt"), lit(0f)).as("r_pt"), coalesce(col("m_eta"), lit(0f)).as("r_eta"),
                        coalesce(col("m_phi"), lit(0f)).cast("double").as("r_phi"),
                        coalesce(col("m_e"), lit(0f)).as("r_e"));
        return pf.unionByName(m);
    }

    /** The particle tables, by name. */
    static Map<String, Dataset<Row>> tables(Dataset<Row> pairs, CompareConfig cfg) {
        Map<String, Dataset<Row>> t = new LinkedHashMap<>();
        Dataset<Row> truthReal = pairs.filter(col("t_cls").gt(0));
        Dataset<Row> recoReal = pairs.filter(col("r_cls").gt(0));
        Column matched = when(col("r_cls").equalTo(col("t_cls")), 1).otherwise(0);
        Column fake = when(col("r_cls").notEqual(col("t_cls")), 1).otherwise(0);
        t.put("particle_efficiency_pt", binnedFraction(truthReal, "t_cls", col("t_pt"), cfg.particlePtBins(), matched,
                "efficiency"));
        t.put("particle_efficiency_eta", binnedFraction(truthReal, "t_cls", col("t_eta"), cfg.particleEtaBins(),
                matched, "efficiency"));
        t.put("particle_fake_rate_pt", binnedFraction(recoReal, "r_cls", col("r_pt"), cfg.particlePtBins(), fake,
                "fake_rate"));
        t.put("particle_fake_rate_eta", binnedFraction(recoReal, "r_cls", col("r_eta"), cfg.particleEtaBins(), fake,
                "fake_rate"));
        Dataset<Row> eff = truthReal.groupBy(col("sample"), col("source"), col("t_cls").as("cls"))
                .agg(count(lit(1)).as("n"), sum(matched).as("k"));
        Dataset<Row> fk = recoReal.groupBy(col("sample"), col("source"), col("r_cls").as("cls"))
                .agg(count(lit(1)).as("n"), sum(fake).as("k"));
        t.put("particle_summary", Stats.fraction(eff, "k", "n", "efficiency", "efficiency_err")
                .withColumnRenamed("n", "n_true").drop("k")
                .join(Stats.fraction(fk, "k", "n", "fake_rate", "fake_rate_err").withColumnRenamed("n", "n_reco")
                        .drop("k"), Scala.seq("sample", "source", "cls"), "full"));
        t.put("particle_confusion", pairs.groupBy("sample", "source", "t_cls", "r_cls").agg(count(lit(1)).as("n")));
        Dataset<Row> same = pairs.filter(col("t_cls").gt(0).and(col("r_cls").equalTo(col("t_cls"))));
        t.put("particle_resolution", response(same, cfg.particlePtBins()));
        t.put(Columns.PARTICLE_RESPONSE, inclusiveResponse(same));
        return t;
    }

    private static Dataset<Row> binnedFraction(Dataset<Row> df, String clsColumn, Column x, List<Double> edges,
                                               Column pass, String name) {
        Dataset<Row> g = df.withColumn("bin", Stats.bin(x, edges)).filter(col("bin").isNotNull())
                .groupBy(col("sample"), col("source"), col(clsColumn).as("cls"), col("bin"))
                .agg(count(lit(1)).as("n"), sum(pass).as("k"));
        return Stats.fraction(g, "k", "n", name, name + "_err").withColumn("bin_label", Stats.labels(col("bin"), edges));
    }

    /**
     * Per class (and gen-pT bin when {@code ptEdges} is given), elements with matching classes: quantiles of reco/gen
     * pT and energy, reco - gen eta and phi (wrapped into [-pi, pi]), one row per quantity.
     */
    private static Dataset<Row> response(Dataset<Row> matched, List<Double> ptEdges) {
        Column dphi = col("r_phi").minus(col("t_phi"));
        Column wrapped = when(dphi.gt(Math.PI), dphi.minus(2 * Math.PI))
                .when(dphi.lt(-Math.PI), dphi.plus(2 * Math.PI)).otherwise(dphi);
        Map<String, Column> quantities = new LinkedHashMap<>();
        quantities.put(PT_RATIO, col("r_pt").divide(col("t_pt")));
        quantities.put(ENERGY_RATIO, col("r_e").divide(col("t_e")));
        quantities.put(ETA_DIFF, col("r_eta").minus(col("t_eta")));
        quantities.put(PHI_DIFF, wrapped);
        Dataset<Row> in = ptEdges == null ? matched
                : matched.withColumn("bin", Stats.bin(col("t_pt"), ptEdges)).filter(col("bin").isNotNull());
        Column[] keys = ptEdges == null ? new Column[] {col("sample"), col("source"), col("t_cls").as("cls")}
                : new Column[] {col("sample"), col("source"), col("t_cls").as("cls"), col("bin")};
        Dataset<Row> out = null;
        for (Map.Entry<String, Column> q : quantities.entrySet()) {
            Dataset<Row> r = Stats.quantiles(in.withColumn("_x", q.getValue()).groupBy(keys), col("_x"))
                    .withColumn("quantity", lit(q.getKey()));
            out = out == null ? r : out.unionByName(r);
        }
        return ptEdges == null ? out : out.withColumn("bin_label", Stats.labels(col("bin"), ptEdges));
    }

    /**
     * The unbinned response per class ({@code particle_response}): the quantiles of {@link #response} with the
     * IQR's error, and the resolution IQR / median only for the ratios (a difference has a median near 0: its width
     * is the IQR itself).
     */
    private static Dataset<Row> inclusiveResponse(Dataset<Row> matched) {
        Column ratio = col("quantity").isin(PT_RATIO, ENERGY_RATIO);
        return response(matched, null)
                .withColumn(Columns.IQR_ERR, Stats.iqrError(col("iqr"), col("n")))
                .withColumn("resolution", when(ratio, col("resolution")))
                .withColumn("resolution_err", when(ratio, col("resolution_err")))
                .select("sample", "source", "cls", "quantity", "n", "median", "median_err", "iqr", Columns.IQR_ERR,
                        "resolution", "resolution_err");
    }
}
