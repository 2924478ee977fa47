package org.mlpf.compare;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.MetSchema;

/**
 * PF and MLPF side by side with the verdict, as DataFrames over the other comparison tables (so that the numbers
 * are those of the detailed tables, and GPU-ready like them): {@code headline}, the few numbers a reader looks at
 * first, per sample; and {@code verdict}, every MET and jet resolution bin and every class's efficiency and fake
 * rate.
 *
 * <p>The verdict of a row: MLPF minus PF in units of the combined error; "compatible" below {@link #SIGNIFICANT}
 * sigma, otherwise "MLPF better" or "MLPF worse" by the quantity's {@link Goal}; "too few entries" when PF or MLPF
 * has no value ({@link Stats#MIN_QUANTILE_ENTRIES}), "no MLPF" / "no PF" when one has no row. The errors are
 * combined as if independent; PF and MLPF come from the same events, so they are positively correlated and the
 * significance is conservative.
 */
final class Verdict {
    /** |difference| / error from which a difference counts. */
    static final double SIGNIFICANT = 2.0;

    /** The particle classes of the headline (the HF classes only exist in the forward calorimeters). */
    static final List<ParticleClass> HEADLINE_CLASSES = List.of(ParticleClass.CHARGED_HADRON,
            ParticleClass.NEUTRAL_HADRON, ParticleClass.PHOTON, ParticleClass.ELECTRON, ParticleClass.MUON);

    /** The tables the side-by-side tables are made from. */
    static final List<String> INPUTS = List.of(Columns.JET_EFFICIENCY_PT, "jet_response", "met_response",
            "met_tail", "particle_summary");

    /** What "better" means for a quantity; the label is the table's {@code better} column. */
    enum Goal {
        /** Resolutions, fake rates. */
        LOWER("lower"),
        /** Efficiencies. */
        HIGHER("higher"),
        /** Responses. */
        ONE("closer to 1"),
        /** Tail fractions: closer to the generator's. */
        GEN("closer to gen");

        final String label;

        Goal(String label) {
            this.label = label;
        }
    }

    private static final String HAS_PF = "_has_pf";
    private static final String HAS_MLPF = "_has_mlpf";

    private Verdict() {
    }

    /** {@code headline} and {@code verdict} from the tables of {@link #INPUTS}; rows of missing ones are left out. */
    static Map<String, Dataset<Row>> tables(Map<String, Dataset<Row>> t, CompareConfig cfg) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(Columns.HEADLINE, headline(t, cfg));
        out.put(Columns.VERDICT, verdict(t));
        return out;
    }

    /**
     * Per sample: jet matching efficiency (inclusive above {@link JetComparison#MAIN_PT_MIN} and per main gen-jet
     * pT bin), jet response and resolution per main bin, MET resolution per gen-MET bin with enough entries, MET
     * tail fractions (gen too), efficiency and fake rate of the {@link #HEADLINE_CLASSES}.
     */
    static Dataset<Row> headline(Map<String, Dataset<Row>> t, CompareConfig cfg) {
        List<Dataset<Row>> parts = new ArrayList<>();
        Column bin = col("bin");
        Column label = col("bin_label");
        if (t.containsKey(Columns.JET_EFFICIENCY_PT)) {
            Column main = bin.isin(mainBins(cfg.jetPtBins()).toArray());
            parts.add(part(t.get(Columns.JET_EFFICIENCY_PT).filter(main.or(bin.equalTo(Stats.INCLUSIVE))), lit(0),
                    lit("jet matching efficiency"), bin, label, "n_gen", "efficiency", Goal.HIGHER));
            Dataset<Row> jets = t.get("jet_response").filter(main);
            parts.add(part(jets, lit(1), lit("jet response"), bin, label, "n", "median", Goal.ONE));
            parts.add(part(jets, lit(2), lit("jet resolution"), bin, label, "n", "resolution", Goal.LOWER));
        }
        if (t.containsKey("met_response")) {
            // Bins with enough events for a resolution (PF and MLPF have the same events, hence the same n).
            parts.add(part(t.get("met_response").filter(col("n").geq(Stats.MIN_QUANTILE_ENTRIES)), lit(3),
                    lit("MET resolution"), bin, label, "n", "resolution", Goal.LOWER));
        }
        if (t.containsKey("met_tail")) {
            List<String> tails = cfg.metTails().stream().map(v -> "MET > " + Stats.plain(v) + " GeV").toList();
            List<Integer> index = IntStream.range(0, tails.size()).boxed().toList();
            Column threshold = col("threshold");
            parts.add(part(t.get("met_tail"), lit(4), lit("MET tail fraction"),
                    lookup(threshold, cfg.metTails(), index, "int"), lookup(threshold, cfg.metTails(), tails, "string"),
                    "n", "fraction", Goal.GEN));
        }
        if (t.containsKey("particle_summary")) {
            Dataset<Row> classes = t.get("particle_summary").filter(col("cls").isin(HEADLINE_CLASSES.stream()
                    .map(ParticleClass::index).toArray()));
            parts.add(part(classes, lit(5), lit("particle efficiency"), col("cls"), classLabel(col("cls")), "n_true",
                    "efficiency", Goal.HIGHER));
            parts.add(part(classes, lit(6), lit("particle fake rate"), col("cls"), classLabel(col("cls")), "n_reco",
                    "fake_rate", Goal.LOWER));
        }
        return sideBySide(parts);
    }

    /** Every MET and jet resolution bin, and the efficiency and fake rate of every class (the report's verdict). */
    static Dataset<Row> verdict(Map<String, Dataset<Row>> t) {
        List<Dataset<Row>> parts = new ArrayList<>();
        Column bin = col("bin");
        Column label = col("bin_label");
        if (t.containsKey("met_response")) {
            parts.add(part(t.get("met_response"), lit(0), lit("MET resolution"), bin, label, "n", "resolution",
                    Goal.LOWER));
        }
        if (t.containsKey("jet_response")) {
            parts.add(part(t.get("jet_response"), lit(1), lit("jet resolution"), bin, label, "n", "resolution",
                    Goal.LOWER));
        }
        if (t.containsKey("particle_summary")) {
            Dataset<Row> classes = t.get("particle_summary");
            Column cls = col("cls");
            parts.add(part(classes, cls.multiply(2).plus(2), concat(classLabel(cls), lit(" fake rate")), cls,
                    lit("all"), "n_reco", "fake_rate", Goal.LOWER));
            parts.add(part(classes, cls.multiply(2).plus(3), concat(classLabel(cls), lit(" efficiency")), cls,
                    lit("all"), "n_true", "efficiency", Goal.HIGHER));
        }
        return sideBySide(parts);
    }

    /** Indices of the bins of {@code edges} whose low edge is in [MAIN_PT_MIN, MAIN_PT_MAX). */
    static List<Integer> mainBins(List<Double> edges) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 1 < edges.size(); i++) {
            if (edges.get(i) >= JetComparison.MAIN_PT_MIN && edges.get(i) < JetComparison.MAIN_PT_MAX) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The rows of {@code t} (one per sample, source and key) in the common long form: sample, source, position,
     * quantity, bin, bin label, what is better, n, value, error.
     */
    private static Dataset<Row> part(Dataset<Row> t, Column position, Column quantity, Column bin, Column label,
                                     String n, String value, Goal goal) {
        return t.select(col("sample"), col("source"), position.as(Columns.POSITION), quantity.as(Columns.QUANTITY),
                bin.cast("int").as("bin"), label.as("bin_label"), lit(goal.label).as(Columns.BETTER),
                col(n).cast("long").as("_n"), col(value).cast("double").as("_v"),
                col(value + "_err").cast("double").as("_e"));
    }

    /**
     * One row per sample and key of the parts: PF's and MLPF's n, value and error side by side (one aggregation
     * picks each source's row of a key), gen's value and error where gen has one, the difference, its significance
     * and the verdict.
     */
    private static Dataset<Row> sideBySide(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.stream().reduce(Dataset::unionByName)
                .orElseThrow(() -> new IllegalArgumentException("none of the tables " + INPUTS));
        Column source = col("source");
        List<Column> aggs = new ArrayList<>();
        for (String[] s : new String[][] {{MetSchema.PF, Columns.N_PF, Columns.PF, Columns.PF_ERR, HAS_PF},
            {MetSchema.MLPF, Columns.N_MLPF, Columns.MLPF, Columns.MLPF_ERR, HAS_MLPF},
            {MetSchema.GEN, "_n_gen", Columns.GEN, Columns.GEN_ERR, "_has_gen"}}) {
            Column mine = source.equalTo(s[0]);
            aggs.addAll(List.of(max(when(mine, col("_n"))).as(s[1]), max(when(mine, col("_v"))).as(s[2]),
                    max(when(mine, col("_e"))).as(s[3]), max(when(mine, lit(1))).as(s[4])));
        }
        Dataset<Row> wide = all.groupBy(col("sample"), col(Columns.POSITION), col(Columns.QUANTITY), col("bin"),
                        col("bin_label"), col(Columns.BETTER))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        Column a = col(Columns.PF);
        Column b = col(Columns.MLPF);
        Column gen = col(Columns.GEN);
        Column goal = col(Columns.BETTER);
        Column sigma = sqrt(col(Columns.PF_ERR).multiply(col(Columns.PF_ERR))
                .plus(col(Columns.MLPF_ERR).multiply(col(Columns.MLPF_ERR))));
        // The statistic whose sign says which is better: the difference itself, or the change of distance to the
        // target for responses (1) and tail fractions (gen's).
        Column stat = when(goal.equalTo(Goal.ONE.label), abs(b.minus(1)).minus(abs(a.minus(1))))
                .when(goal.equalTo(Goal.GEN.label), abs(b.minus(gen)).minus(abs(a.minus(gen)))).otherwise(b.minus(a));
        Column z = when(a.isNull().or(b.isNull()), lit(null).cast("double"))
                .when(sigma.gt(0), stat.divide(sigma)).otherwise(lit(0.0));
        Column better = when(goal.equalTo(Goal.HIGHER.label), z.gt(0)).otherwise(z.lt(0));
        Column verdict = when(col(HAS_MLPF).isNull(), lit("no MLPF")).when(col(HAS_PF).isNull(), lit("no PF"))
                .when(a.isNull().or(b.isNull()), lit("too few entries"))
                .when(abs(z).geq(SIGNIFICANT), when(better, lit("MLPF better")).otherwise(lit("MLPF worse")))
                .otherwise(lit("compatible"));
        return wide.select(col("sample"), col(Columns.POSITION), col(Columns.QUANTITY), col("bin"), col("bin_label"),
                col(Columns.N_PF), a, col(Columns.PF_ERR), col(Columns.N_MLPF), b, col(Columns.MLPF_ERR), gen,
                col(Columns.GEN_ERR), b.minus(a).as(Columns.DIFF), z.as(Columns.SIGNIFICANCE), goal,
                verdict.as(Columns.VERDICT_TEXT));
    }

    /** The class's label ("charged_hadron" reads "charged hadron"). */
    private static Column classLabel(Column cls) {
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ParticleClass pc : ParticleClass.values()) {
            idx.add(pc.index());
            names.add(pc.label().replace('_', ' '));
        }
        return lookup(cls, idx, names, "string");
    }

    /** {@code to[i]} where {@code x} equals {@code from[i]}, null elsewhere. */
    private static Column lookup(Column x, List<?> from, List<?> to, String type) {
        Column c = null;
        for (int i = 0; i < from.size(); i++) {
            Column eq = x.equalTo(from.get(i));
            c = c == null ? when(eq, lit(to.get(i))) : c.when(eq, lit(to.get(i)));
        }
        return c == null ? lit(null).cast(type) : c;
    }
}
