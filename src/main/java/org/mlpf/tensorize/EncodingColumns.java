package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.cosh;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sinh;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.spark.sql.Column;
import org.mlpf.physics.ElementType;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;

/**
 * {@link FeatureEncoding} as Spark SQL columns over one element struct, so that normalization statistics are a
 * plain aggregation (code-generated, GPU-ready) instead of a per-element Java loop. Each value is computed in
 * double and rounded to float exactly like the Java encoder; a test checks both agree.
 */
final class EncodingColumns {
    private EncodingColumns() {
    }

    /**
     * The {@link FeatureEncoding#WIDTH} encoded columns of the element struct {@code feature.apply(name)}.
     *
     * @param feature gives the column of a raw feature by its name, e.g. {@code n -> col("e." + n)}
     */
    static List<Column> encoded(Function<String, Column> feature) {
        Function<ElementFeature, Column> raw = f -> feature.apply(f.column());
        Function<ElementFeature, Column> d = f -> raw.apply(f).cast("double");
        List<Column> out = new ArrayList<>(FeatureEncoding.WIDTH);
        Column typ = raw.apply(ElementFeature.TYP_IDX).cast("int");
        for (int k = 0; k < ElementType.COUNT; k++) {
            out.add(when(typ.equalTo(k), lit(1f)).otherwise(lit(0f)));
        }
        Column logPt = log(d.apply(ElementFeature.PT).plus(1.0));
        Column logE = log(d.apply(ElementFeature.E).plus(1.0));
        Column eta = d.apply(ElementFeature.ETA);
        Column coshEta = clip(cosh(eta));
        out.add(logPt);
        out.add(sqrt(logPt));
        out.add(logPt.multiply(logPt));
        out.add(clip(sinh(eta)));
        out.add(coshEta);
        out.add(abs(eta));
        out.add(sin(d.apply(ElementFeature.PHI)));
        out.add(cos(d.apply(ElementFeature.PHI)));
        out.add(logE);
        out.add(sqrt(logE));
        out.add(logE.multiply(logE));
        out.add(logE.minus(log(coshEta)));
        out.add(raw.apply(ElementFeature.LAYER).multiply(lit(10f)));
        out.add(raw.apply(ElementFeature.DEPTH).multiply(lit(10f)));
        out.add(sin(d.apply(ElementFeature.PHI_ECAL)));
        out.add(cos(d.apply(ElementFeature.PHI_ECAL)));
        out.add(sin(d.apply(ElementFeature.PHI_HCAL)));
        out.add(cos(d.apply(ElementFeature.PHI_HCAL)));
        for (ElementFeature f : ElementFeature.values()) {
            if (f.isCms()) {
                out.add(raw.apply(f));
            }
        }
        List<Column> named = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            named.add(out.get(k).cast("float").as("enc_" + k));
        }
        return named;
    }

    private static Column clip(Column c) {
        return least(greatest(c, lit(-10.0)), lit(10.0));
    }
}
