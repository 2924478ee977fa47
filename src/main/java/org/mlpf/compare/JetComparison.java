package org.mlpf.compare;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.Scala;

import scala.collection.Seq;

/**
 * Jet comparison (definitions in {@code docs/compare.md}): reco jets (PF, MLPF) matched to gen jets of the same event
 * when they are each other's closest within Delta R &lt; {@link CompareConfig#jetMatchDr()}; response = median(reco
 * pT / gen pT) and resolution = IQR / median in gen-jet pT and |eta| bins; matching efficiency (matched gen jets /
 * gen jets) and fake rate (unmatched reco jets / reco jets) above the lowest pT edge and per gen-jet pT bin; pT and
 * eta distributions per source; the jet definitions the jets dataset says it used; and, given the candidate lists
 * the constituent indices point into ({@link #inputs}), the constituents of matched jets.
 */
final class JetComparison {
    /** Jet pT distribution: bins of this width, GeV, up to {@link #PT_HIST_MAX}. */
    static final double PT_HIST_WIDTH = 10;
    static final double PT_HIST_MAX = 500;
    /** Jet eta distribution: bins of this width in [-5, 5]. */
    static final double ETA_HIST_WIDTH = 0.25;
    /**
     * The main gen-jet pT range of the headline, GeV: bins whose low edge is in [MIN, MAX), and the inclusive
     * efficiency and constituent rows above MIN (below 20 GeV jets are mostly pileup and soft radiation).
     */
    static final double MAIN_PT_MIN = 20;
    static final double MAIN_PT_MAX = 200;

    private static final String IDX = "idx";
    private static final String INPUT_PT = "c_pt";
    private static final String GROUP = "grp";
    /**
     * The particle groups of {@code jet_class_residuals}: candidate classes with the HF ones in their kind (HF HAD
     * with the neutral hadrons, HF EM with the photons); gen particles by species (electrons, muons, photons, other
     * charged: charged hadrons, other neutral: neutral hadrons).
     */
    static final List<ParticleClass> GROUPS = List.of(ParticleClass.CHARGED_HADRON, ParticleClass.NEUTRAL_HADRON,
            ParticleClass.PHOTON, ParticleClass.ELECTRON, ParticleClass.MUON);
    /** The group label of the row that sums every group: the jet's pT response residual. */
    static final String ALL_GROUPS = "all";
    private static final String CHARGED = "charged";

    private JetComparison() {
    }

    /** The jet tables without the constituent checks, by name. */
    static Map<String, Dataset<Row>> tables(Dataset<Row> jets, CompareConfig cfg) {
        return tables(jets, Optional.empty(), cfg);
    }

    /**
     * The jet tables, by name; {@code inputs} (from {@link #inputs}) adds {@code jet_constituents}.
     */
    static Map<String, Dataset<Row>> tables(Dataset<Row> jets, Optional<Dataset<Row>> inputs, CompareConfig cfg) {
        Dataset<Row> all = jets.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE),
                        posexplode(col(JetSchema.JETS)).as(new String[] {"j", "jet"}))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"),
                        col("jet.pt").as("pt"), col("jet.eta").as("eta"), col("jet.phi").as("phi"),
                        col("jet." + JetSchema.J_CONSTITUENTS).as("cons"),
                        size(col("jet." + JetSchema.J_CONSTITUENTS)).as("nc"));
        Dataset<Row> gen = all.filter(col(JetSchema.SOURCE).equalTo(JetSchema.SOURCE_GEN))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col("j").as("gj"), col("pt").as("g_pt"),
                        col("eta").as("g_eta"), col("phi").as("g_phi"), col("nc").as("g_nc"));
        Dataset<Row> reco = all.filter(col(JetSchema.SOURCE).notEqual(JetSchema.SOURCE_GEN))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j").as("rj"),
                        col("pt").as("r_pt"), col("eta").as("r_eta"), col("phi").as("r_phi"), col("nc").as("r_nc"));
        Dataset<Row> matched = match(gen, reco, cfg.jetMatchDr());
        double ptMin = cfg.jetPtBins().get(0);

        Map<String, Dataset<Row>> t = new LinkedHashMap<>();
        t.put(Columns.JET_DEFINITION, jets.groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE),
                col(JetSchema.ALGORITHM), col(JetSchema.R), col(JetSchema.PTMIN), col(JetSchema.CHS))
                .agg(count(lit(1)).as(Columns.N_EVENTS)));
        Dataset<Row> ratio = matched.withColumn("_x", col("r_pt").divide(col("g_pt")));
        t.put("jet_response", Stats.quantiles(ratio.withColumn("bin", Stats.bin(col("g_pt"), cfg.jetPtBins()))
                        .filter(col("bin").isNotNull()).groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin")),
                        col("_x")).withColumn("bin_label", Stats.labels(col("bin"), cfg.jetPtBins())));
        t.put("jet_response_eta", Stats.quantiles(ratio.filter(col("g_pt").geq(ptMin))
                        .withColumn("bin", Stats.bin(abs(col("g_eta")), cfg.jetEtaBins())).filter(col("bin").isNotNull())
                        .groupBy(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin")), col("_x"))
                .withColumn("bin_label", Stats.labels(col("bin"), cfg.jetEtaBins())));

        // Efficiency: each gen jet once per reco source, flagged when that source has a match for it.
        Dataset<Row> sources = reco.select(JetSchema.SOURCE).distinct();
        Dataset<Row> genPerSource = gen.crossJoin(sources).join(matched.select(col(JetSchema.SAMPLE),
                                col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("gj"), lit(1).as("m")),
                        Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "gj"), "left");
        Column found = sum(when(col("m").isNotNull(), 1).otherwise(0)).as("k");
        Dataset<Row> eff = genPerSource.filter(col("g_pt").geq(ptMin)).groupBy(JetSchema.SAMPLE, JetSchema.SOURCE)
                .agg(count(lit(1)).as("n"), found);
        Dataset<Row> fake = reco.filter(col("r_pt").geq(ptMin)).join(matched.select(col(JetSchema.SAMPLE),
                                col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("rj"), lit(1).as("m")),
                        Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "rj"), "left")
                .groupBy(JetSchema.SAMPLE, JetSchema.SOURCE)
                .agg(count(lit(1)).as("n"), sum(when(col("m").isNull(), 1).otherwise(0)).as("k"));
        t.put("jet_matching", Stats.fraction(eff, "k", "n", "efficiency", "efficiency_err")
                .withColumnRenamed("n", "n_gen").withColumnRenamed("k", "n_matched")
                .join(Stats.fraction(fake, "k", "n", "fake_rate", "fake_rate_err").withColumnRenamed("n", "n_reco")
                        .withColumnRenamed("k", "n_fake"), Scala.seq(JetSchema.SAMPLE, JetSchema.SOURCE), "full"));
        t.put(Columns.JET_EFFICIENCY_PT, Stats.fraction(binnedAndInclusive(genPerSource, cfg.jetPtBins(),
                                count(lit(1)).as("n"), found), "k", "n", "efficiency", "efficiency_err")
                .withColumnRenamed("n", "n_gen").withColumnRenamed("k", "n_matched"));

        t.put("jet_pt_distribution", histogram(all, col("pt"), 0, PT_HIST_WIDTH, (int) (PT_HIST_MAX / PT_HIST_WIDTH)));
        t.put("jet_eta_distribution", histogram(all.filter(col("pt").geq(ptMin)), col("eta"), -5, ETA_HIST_WIDTH,
                (int) (10 / ETA_HIST_WIDTH)));
        inputs.ifPresent(in -> {
            t.put(Columns.JET_CONSTITUENTS, constituents(all, gen, matched, in, cfg));
            t.put(Columns.JET_CLASS_RESIDUALS, classResiduals(all, matched, in, cfg));
        });
        return t;
    }

    /**
     * The particles that jet constituent indices point into (docs/jets.md): one row per (sample, event, source,
     * index in the source's list) with its pT and whether it is charged; gen from {@code gen_particles}, pf from
     * {@code pf_candidates}, mlpf from the MLPF candidates when given.
     */
    static Dataset<Row> inputs(Dataset<Row> ntuples, Optional<Dataset<Row>> mlpf) {
        Column px = col("p." + NtupleSchema.G_PX);
        Column py = col("p." + NtupleSchema.G_PY);
        Dataset<Row> g = ntuples.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        posexplode(col(NtupleSchema.GEN_PARTICLES)).as(new String[] {IDX, "p"}))
                .select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        lit(JetSchema.SOURCE_GEN).as(JetSchema.SOURCE), col(IDX),
                        sqrt(px.multiply(px).plus(py.multiply(py))).as(INPUT_PT),
                        col("p." + NtupleSchema.G_CHARGE).notEqual(0).as(CHARGED),
                        genGroup(col("p." + NtupleSchema.G_PDG_ID), col("p." + NtupleSchema.G_CHARGE)).as(GROUP));
        Dataset<Row> out = g.unionByName(candidates(ntuples, NtupleSchema.PF_CANDIDATES, JetSchema.SOURCE_PF));
        return mlpf.map(m -> out.unionByName(candidates(m, CandidateSchema.CANDIDATES, JetSchema.SOURCE_MLPF)))
                .orElse(out);
    }

    private static Dataset<Row> candidates(Dataset<Row> df, String list, String source) {
        return df.select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID),
                        posexplode(col(list)).as(new String[] {IDX, "c"}))
                .select(col(NtupleSchema.SAMPLE), col(NtupleSchema.EVENT_ID), lit(source).as(JetSchema.SOURCE),
                        col(IDX), col("c." + CandidateSchema.PT).cast("double").as(INPUT_PT),
                        col("c." + CandidateSchema.CHARGE).notEqual(0).as(CHARGED),
                        candidateGroup(col("c." + CandidateSchema.CLS)).as(GROUP));
    }

    /** The {@link #GROUPS} index of a generator particle. */
    private static Column genGroup(Column pdgId, Column charge) {
        Column a = abs(pdgId);
        return when(a.equalTo(11), GROUPS.indexOf(ParticleClass.ELECTRON))
                .when(a.equalTo(13), GROUPS.indexOf(ParticleClass.MUON))
                .when(a.equalTo(22), GROUPS.indexOf(ParticleClass.PHOTON))
                .when(charge.notEqual(0), GROUPS.indexOf(ParticleClass.CHARGED_HADRON))
                .otherwise(GROUPS.indexOf(ParticleClass.NEUTRAL_HADRON));
    }

    /** The {@link #GROUPS} index of a candidate class. */
    private static Column candidateGroup(Column cls) {
        Column g = lit(GROUPS.indexOf(ParticleClass.NEUTRAL_HADRON));
        Column out = null;
        for (ParticleClass c : ParticleClass.values()) {
            ParticleClass kind = switch (c) {
                case HFHAD -> ParticleClass.NEUTRAL_HADRON;
                case HFEM -> ParticleClass.PHOTON;
                default -> c;
            };
            if (GROUPS.contains(kind)) {
                out = out == null ? when(cls.equalTo(c.index()), GROUPS.indexOf(kind))
                        : out.when(cls.equalTo(c.index()), GROUPS.indexOf(kind));
            }
        }
        return out.otherwise(g);
    }

    /**
     * Where the jet pT residual of a matched pair comes from: per sample, source, gen-jet pT bin (and inclusive above
     * {@link #MAIN_PT_MIN}) and particle group ({@link #GROUPS}, then {@link #ALL_GROUPS}), the mean and the standard
     * deviation over matched pairs of (reco constituents' pT sum of the group - gen constituents' pT sum of the
     * group) / gen-jet pT. The group residuals add up to the jet's (of the scalar pT sums); a group with a large
     * standard deviation is what limits the jet resolution.
     */
    private static Dataset<Row> classResiduals(Dataset<Row> all, Dataset<Row> matched, Dataset<Row> inputs,
                                               CompareConfig cfg) {
        Seq<String> jetKey = Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "j");
        Dataset<Row> pairs = matched.filter(col("g_pt").geq(MAIN_PT_MIN));
        Dataset<Row> wanted = pairs.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE),
                        col("rj").as("j"))
                .unionByName(pairs.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID),
                        lit(JetSchema.SOURCE_GEN).as(JetSchema.SOURCE), col("gj").as("j")))
                .distinct();
        Column[] groupSums = new Column[GROUPS.size()];
        for (int g = 0; g < GROUPS.size(); g++) {
            groupSums[g] = sum(when(col(GROUP).equalTo(g), col(INPUT_PT)).otherwise(0.0)).as("s" + g);
        }
        Dataset<Row> sums = all.join(wanted, jetKey, "left_semi")
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"),
                        explode(col("cons")).as(IDX))
                .join(inputs, Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, IDX), "left")
                .groupBy(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"))
                .agg(groupSums[0], Arrays.copyOfRange(groupSums, 1, groupSums.length));
        // Each pair finds its two jets' sums by a key "source:index". (A filter on source = 'gen' would let the
        // optimizer prove the PF and MLPF branches of the inputs empty and put empty local relations in the plan,
        // which the RAPIDS accelerator cannot run.)
        Dataset<Row> keyed = sums.withColumn("key", concat_ws(":", col(JetSchema.SOURCE), col("j").cast("string")));
        List<Column> recoCols = new ArrayList<>(List.of(col("key").as("rkey")));
        List<Column> genCols = new ArrayList<>(List.of(col("key").as("gkey")));
        for (int g = 0; g < GROUPS.size(); g++) {
            recoCols.add(col("s" + g).as("r" + g));
            genCols.add(col("s" + g).as("g" + g));
        }
        recoCols.addAll(List.of(col(JetSchema.SAMPLE).as("rs"), col(JetSchema.EVENT_ID).as("re")));
        genCols.addAll(List.of(col(JetSchema.SAMPLE).as("gs"), col(JetSchema.EVENT_ID).as("ge")));
        Dataset<Row> p = pairs.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE),
                col("g_pt"), concat_ws(":", col(JetSchema.SOURCE), col("rj").cast("string")).as("rkey"),
                concat_ws(":", lit(JetSchema.SOURCE_GEN), col("gj").cast("string")).as("gkey"));
        Dataset<Row> r = keyed.select(recoCols.toArray(new Column[0]));
        Dataset<Row> g0 = keyed.select(genCols.toArray(new Column[0]));
        Dataset<Row> joined = p.join(r, p.col(JetSchema.SAMPLE).equalTo(r.col("rs"))
                        .and(p.col(JetSchema.EVENT_ID).equalTo(r.col("re"))).and(p.col("rkey").equalTo(r.col("rkey"))),
                        "left")
                .join(g0, p.col(JetSchema.SAMPLE).equalTo(g0.col("gs")).and(p.col(JetSchema.EVENT_ID)
                        .equalTo(g0.col("ge"))).and(p.col("gkey").equalTo(g0.col("gkey"))), "left");
        Column[] rows = new Column[GROUPS.size() + 1];
        Column total = lit(0.0);
        for (int g = 0; g < GROUPS.size(); g++) {
            Column d = coalesce(col("r" + g), lit(0.0)).minus(coalesce(col("g" + g), lit(0.0)));
            total = total.plus(d);
            rows[g] = struct(lit(GROUPS.get(g).label()).as(GROUP), d.divide(col("g_pt")).as("residual"));
        }
        rows[GROUPS.size()] = struct(lit(ALL_GROUPS).as(GROUP), total.divide(col("g_pt")).as("residual"));
        Dataset<Row> perGroup = joined.select(p.col(JetSchema.SAMPLE), p.col(JetSchema.SOURCE), p.col("g_pt"),
                        explode(array(rows)).as("r"))
                .select(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("g_pt"),
                        col("r." + GROUP).as(Columns.GROUP), col("r.residual").as("residual"));
        Column[] aggs = Stream.of(new Column[] {count(lit(1)).as(Columns.N_JETS)},
                        Stats.mean(col("residual"), Columns.MEAN_RESIDUAL),
                        new Column[] {stddev_samp(col("residual")).as(Columns.RMS_RESIDUAL),
                            stddev_samp(col("residual")).divide(sqrt(count(lit(1)).minus(1).multiply(2)))
                                    .as(Columns.RMS_RESIDUAL + "_err")})
                .flatMap(Arrays::stream).toArray(Column[]::new);
        return binnedAndInclusive(perGroup, cfg.jetPtBins(), List.of(col(Columns.GROUP)), aggs);
    }

    /**
     * Constituents of gen jets above {@link #MAIN_PT_MIN} and of the reco jets matched to them, per source and
     * gen-jet pT bin (and inclusive): mean multiplicity, mean charged and neutral pT fractions (of the scalar sum of
     * the constituents' pT), and for reco jets the mean of (reco multiplicity / gen multiplicity) over matched pairs.
     */
    private static Dataset<Row> constituents(Dataset<Row> all, Dataset<Row> gen, Dataset<Row> matched,
                                             Dataset<Row> inputs, CompareConfig cfg) {
        Dataset<Row> genJets = gen.filter(col("g_pt").geq(MAIN_PT_MIN)).select(col(JetSchema.SAMPLE),
                col(JetSchema.EVENT_ID), lit(JetSchema.SOURCE_GEN).as(JetSchema.SOURCE), col("gj").as("j"),
                col("g_pt"), col("g_nc").as("nc"), lit(null).cast("double").as("ratio"));
        Dataset<Row> recoJets = matched.filter(col("g_pt").geq(MAIN_PT_MIN)).select(col(JetSchema.SAMPLE),
                col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("rj").as("j"), col("g_pt"), col("r_nc").as("nc"),
                col("r_nc").cast("double").divide(col("g_nc")).as("ratio"));
        Dataset<Row> selected = genJets.unionByName(recoJets);
        Seq<String> jetKey = Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, "j");
        // Charged pT per jet: its constituent indices looked up in the source's list by a join (no UDF).
        Dataset<Row> fractions = all.join(selected.select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID),
                        col(JetSchema.SOURCE), col("j")), jetKey, "left_semi")
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"),
                        explode(col("cons")).as(IDX))
                .join(inputs, Scala.seq(JetSchema.SAMPLE, JetSchema.EVENT_ID, JetSchema.SOURCE, IDX), "left")
                .groupBy(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"))
                .agg(sum(col(INPUT_PT)).as("sum_pt"), sum(when(col(CHARGED), col(INPUT_PT)).otherwise(0.0)).as("ch_pt"))
                .select(col(JetSchema.SAMPLE), col(JetSchema.EVENT_ID), col(JetSchema.SOURCE), col("j"),
                        col("ch_pt").divide(col("sum_pt")).as("cf"));
        Dataset<Row> perJet = selected.join(fractions, jetKey, "left");
        Column[] aggs = Stream.of(new Column[] {count(lit(1)).as(Columns.N_JETS)},
                        Stats.mean(col("nc"), Columns.MEAN_CONSTITUENTS),
                        Stats.mean(col("cf"), Columns.CHARGED_FRACTION),
                        Stats.mean(lit(1.0).minus(col("cf")), Columns.NEUTRAL_FRACTION),
                        Stats.mean(col("ratio"), Columns.MULTIPLICITY_RATIO))
                .flatMap(Arrays::stream).toArray(Column[]::new);
        return binnedAndInclusive(perJet, cfg.jetPtBins(), aggs);
    }

    /**
     * Aggregates rows per sample, source and gen-jet pT bin, plus one row per sample and source of everything
     * above {@link #MAIN_PT_MIN} (bin {@link Stats#INCLUSIVE}), with bin labels.
     */
    private static Dataset<Row> binnedAndInclusive(Dataset<Row> df, List<Double> edges, Column... aggs) {
        return binnedAndInclusive(df, edges, List.of(), aggs);
    }

    /** {@link #binnedAndInclusive(Dataset, List, Column...)}, grouped by {@code keys} too. */
    private static Dataset<Row> binnedAndInclusive(Dataset<Row> df, List<Double> edges, List<Column> keys,
                                                   Column... aggs) {
        Column[] rest = Arrays.copyOfRange(aggs, 1, aggs.length);
        List<Column> byBin = new ArrayList<>(List.of(col(JetSchema.SAMPLE), col(JetSchema.SOURCE), col("bin")));
        byBin.addAll(keys);
        List<Column> all = new ArrayList<>(List.of(col(JetSchema.SAMPLE), col(JetSchema.SOURCE)));
        all.addAll(keys);
        Dataset<Row> binned = df.withColumn("bin", Stats.bin(col("g_pt"), edges)).filter(col("bin").isNotNull())
                .groupBy(byBin.toArray(new Column[0])).agg(aggs[0], rest)
                .withColumn("bin_label", Stats.labels(col("bin"), edges));
        Dataset<Row> inclusive = df.filter(col("g_pt").geq(MAIN_PT_MIN))
                .groupBy(all.toArray(new Column[0])).agg(aggs[0], rest)
                .withColumn("bin", lit(Stats.INCLUSIVE))
                .withColumn("bin_label", lit(Stats.inclusiveLabel(MAIN_PT_MIN)));
        return binned.unionByName(inclusive);
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
