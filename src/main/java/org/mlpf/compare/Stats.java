package org.mlpf.compare;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * Binned statistics with uncertainties as Spark SQL expressions (no UDF, so that RAPIDS can run them).
 *
 * <ul>
 *   <li>Fractions (efficiency, fake rate, tail fraction) k/n carry the Wilson score interval at one sigma: value
 *       k/n, error its half width, which stays non-zero at 0 and 1.</li>
 *   <li>Response (median) and resolution (IQR / median) carry the large-sample errors of quantiles of a normal
 *       distribution with the robust width s = IQR / 1.349: SE(median) = 1.2533 s / sqrt(n), SE(IQR) = 1.5733 s /
 *       sqrt(n) (from the quartiles' variances and covariance), and the resolution's relative error adds those of
 *       IQR and median in quadrature (their covariance vanishes for symmetric distributions).</li>
 * </ul>
 * Quantiles come from {@code percentile_approx} with accuracy {@link #ACCURACY} (relative rank error 1e-4).
 */
final class Stats {
    /** Accuracy of percentile_approx. */
    static final int ACCURACY = 10_000;
    /**
     * Fewest entries for a median and an IQR: below it response and resolution are null (one entry has an IQR of
     * 0 and an error of 0, which would read as a perfect, certain resolution).
     */
    static final int MIN_QUANTILE_ENTRIES = 5;

    /**
     * The bin index of rows that hold an inclusive value next to the binned ones of the same table (e.g. every gen
     * jet above {@link JetComparison#MAIN_PT_MIN}): it sorts first and matches no bin edge.
     */
    static final int INCLUSIVE = -1;

    private static final double IQR_TO_SIGMA = 1.349;
    private static final double SE_MEDIAN = 1.2533;
    private static final double SE_IQR = 1.5733;

    private Stats() {
    }

    /** Bin index of {@code x} in {@code edges} ([e_i, e_i+1)), null outside. */
    static Column bin(Column x, List<Double> edges) {
        Column c = null;
        for (int i = 0; i + 1 < edges.size(); i++) {
            Column in = x.geq(edges.get(i)).and(x.lt(edges.get(i + 1)));
            c = c == null ? when(in, lit(i)) : c.when(in, lit(i));
        }
        return c == null ? lit(null).cast("int") : c;
    }

    /** Label of the inclusive row of everything at or above {@code lo}. */
    static String inclusiveLabel(double lo) {
        return "\u2265 " + fmt(lo);
    }

    /** Label of bin {@code i}: "[lo, hi)". */
    static String label(List<Double> edges, int i) {
        return "[" + fmt(edges.get(i)) + ", " + fmt(edges.get(i + 1)) + ")";
    }

    /** Labels of all bins as a SQL column indexed by {@code bin}. */
    static Column labels(Column bin, List<Double> edges) {
        Column c = null;
        for (int i = 0; i + 1 < edges.size(); i++) {
            c = c == null ? when(bin.equalTo(i), lit(label(edges, i))) : c.when(bin.equalTo(i), lit(label(edges, i)));
        }
        return c == null ? lit(null).cast("string") : c;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%g", v);
    }

    /** A number as short as it reads: 0.4, 3, 0.7 (jet definitions, thresholds). */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Mean of {@code x} and its standard error (sample standard deviation / sqrt(n)), as two aggregates. */
    static Column[] mean(Column x, String name) {
        return new Column[] {avg(x).as(name), stddev_samp(x).divide(sqrt(count(x))).as(name + "_err")};
    }

    /**
     * Error of an IQR from n entries (see the class comment): SE(IQR) = 1.5733 s / sqrt(n) with s = IQR / 1.349;
     * {@link #quantiles} leaves it out so that its tables keep their columns.
     */
    static Column iqrError(Column iqr, Column n) {
        return iqr.multiply(SE_IQR / IQR_TO_SIGMA).divide(sqrt(n.cast("double")));
    }

    /** Adds value and error columns of the fraction {@code k / n} (Wilson score interval, one sigma). */
    static Dataset<Row> fraction(Dataset<Row> df, String k, String n, String value, String error) {
        Column kk = col(k).cast("double");
        Column nn = col(n).cast("double");
        Column p = kk.divide(nn);
        Column denom = lit(1.0).plus(lit(1.0).divide(nn));
        Column half = sqrt(p.multiply(lit(1.0).minus(p)).divide(nn).plus(lit(0.25).divide(nn.multiply(nn))))
                .divide(denom);
        return df.withColumn(value, p).withColumn(error, half);
    }

    /**
     * Aggregates {@code x} per group into n, median, IQR, response (median) with its error, and resolution
     * (IQR / |median|) with its error; all but n are null for fewer than {@link #MIN_QUANTILE_ENTRIES} entries.
     */
    static Dataset<Row> quantiles(RelationalGroupedDataset grouped, Column x) {
        Dataset<Row> q = grouped.agg(count(lit(1)).as("n"),
                percentile_approx(x, array(lit(0.25), lit(0.5), lit(0.75)), lit(ACCURACY)).as("_q"));
        Column n = col("n").cast("double");
        Column q1 = col("_q").getItem(0);
        Column med = col("_q").getItem(1);
        Column q3 = col("_q").getItem(2);
        Column iqr = q3.minus(q1);
        Column s = iqr.divide(IQR_TO_SIGMA);
        Column seMed = s.multiply(SE_MEDIAN).divide(sqrt(n));
        Column res = iqr.divide(org.apache.spark.sql.functions.abs(med));
        Column relIqr = lit(SE_IQR / IQR_TO_SIGMA).divide(sqrt(n));
        Column relMed = seMed.divide(org.apache.spark.sql.functions.abs(med));
        Column enough = col("n").geq(MIN_QUANTILE_ENTRIES);
        Column resErr = res.multiply(sqrt(relIqr.multiply(relIqr).plus(relMed.multiply(relMed))));
        return q.withColumn("median", when(enough, med)).withColumn("median_err", when(enough, seMed))
                .withColumn("iqr", when(enough, iqr)).withColumn("resolution", when(enough, res))
                .withColumn("resolution_err", when(enough, resErr))
                .drop("_q");
    }
}
