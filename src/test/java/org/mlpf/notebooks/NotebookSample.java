package org.mlpf.notebooks;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;

/**
 * The small sample the notebooks run against, made with the project's Java API as a user would with
 * {@code mlpf generate}: {@value #EVENTS} ttbar events with pileup {@value #PILEUP} (low, for speed), written to
 * {@code ROOT/ntuples}, the dataset root layout of the pipeline that the notebooks expect.
 */
final class NotebookSample {
    static final String SAMPLE = "ttbar";
    static final int EVENTS = 16;
    static final String PILEUP = "0:2";
    static final long SEED = 12;

    private NotebookSample() {
    }

    /** Generates the sample into {@code root/ntuples}. */
    static GenerateJob.Summary prepare(SparkSession spark, Path root) {
        GenerateConfig cfg = new GenerateConfig(EVENTS, PILEUP, "0:0", SEED, 2);
        return GenerateJob.generate(spark, SAMPLE, cfg, ReconstructionConfig.defaults(),
                root.resolve("ntuples").toString(), true);
    }
}
