package org.mlpf.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import com.nvidia.spark.rapids.ExplainPlan;

/**
 * GPU-readiness of DataFrame stages without a GPU: the RAPIDS Accelerator's {@code ExplainPlan} says which
 * operators and expressions of a plan would stay on the CPU (lines starting with {@code !}).
 */
public final class GpuPlans {
    private GpuPlans() {
    }

    /**
     * The CPU-bound lines of {@code df}'s plan that no allow-list entry covers. Each allow-list key is a substring
     * of a line, each value says why that line may stay on the CPU.
     */
    public static List<String> cpuOnly(Dataset<Row> df, Map<String, String> allowed) {
        String plan = ExplainPlan.explainPotentialGpuPlan(df, "NOT_ON_GPU");
        return Arrays.stream(plan.split("\n")).map(String::strip).filter(l -> l.startsWith("!"))
                .filter(l -> allowed.keySet().stream().noneMatch(l::contains)).toList();
    }

    /** The whole plan annotation, for failure messages. */
    public static String explain(Dataset<Row> df) {
        return ExplainPlan.explainPotentialGpuPlan(df, "ALL");
    }
}
