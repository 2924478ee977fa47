package org.mlpf.spark;

import static org.apache.spark.sql.functions.atan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Column functions written with the built-ins that the RAPIDS Accelerator runs on a GPU. */
public final class GpuColumns {
    private GpuColumns() {
    }

    /** atan2(y, x) in [-pi, pi] from {@code atan} and {@code when} (RAPIDS 25.04 leaves {@code atan2} on the CPU). */
    public static Column azimuth(Column x, Column y) {
        Column a = atan(y.divide(x));
        return when(x.gt(0), a)
                .when(x.lt(0).and(y.geq(0)), a.plus(Math.PI))
                .when(x.lt(0), a.minus(Math.PI))
                .when(y.gt(0), lit(Math.PI / 2))
                .when(y.lt(0), lit(-Math.PI / 2))
                .otherwise(lit(0.0));
    }
}
