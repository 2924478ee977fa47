package org.mlpf.jets.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mlpf.schema.JetSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.spark.ParquetInput.DataFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jets job: the side effects around {@link JetsStage}. Checks every input file (footer and schema, naming the
 * file and the column), runs the stage, writes the jets to OUT/sample=NAME/, one atomically committed directory per
 * sample (the input's samples are replaced, so reruns are idempotent; other samples are kept), and the quarantine,
 * if any, to OUT/{@value JetSchema#QUARANTINE_DIR}/sample=NAME/.
 */
public final class JetsJob {
    private static final Logger LOG = LoggerFactory.getLogger(JetsJob.class);

    private JetsJob() {
    }

    /**
     * Runs the stage.
     *
     * @param in         ntuple dataset (directory, partition directory or file)
     * @param candidates MLPF candidates dataset, or null for gen and PF jets only
     * @param out        output directory (replaced)
     * @throws org.mlpf.spark.InputException           if an input is missing, empty or unreadable
     * @throws org.mlpf.schema.SchemaMismatchException if an input file lacks a column or has another type
     */
    public static JetsSummary run(SparkSession spark, String in, String candidates, String out, JetsConfig cfg) {
        long t0 = System.nanoTime();
        List<DataFile> allFiles = new ArrayList<>();
        Dataset<Row> ntuples = ParquetInput.readChecked(spark, in, JetsStage.NTUPLE_INPUT, allFiles);
        Dataset<Row> cands = candidates == null ? null
                : ParquetInput.readChecked(spark, candidates, JetsStage.CANDIDATES_INPUT, allFiles);
        LOG.info("jets: {}, ptmin {} GeV, CHS {} (dz {} cm); sources gen, pf{}", cfg.definition().description(),
                cfg.ptmin(), cfg.chs(), cfg.chsDz(), cands == null ? "" : ", mlpf");
        Dataset<Row> result = JetsStage.transform(ntuples, cands, cfg).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // One committed directory per sample: the samples of this input are replaced, the others kept.
            SampleOutputs.writeBySample(spark, JetsStage.jets(result), out, true);
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<String, Long> jets = new LinkedHashMap<>();
            Map<String, Long> quarantined = new LinkedHashMap<>();
            for (String s : JetSchema.SOURCES) {
                if (cands != null || !s.equals(JetSchema.SOURCE_MLPF)) {
                    rows.put(s, 0L);
                }
            }
            List<Row> counts = result.groupBy(col(JetSchema.SOURCE), col(JetSchema.REASON).isNull().as("ok"))
                    .agg(count("*").as("n"), sum(size(col(JetSchema.JETS))).as("jets")).collectAsList();
            for (Row r : counts) {
                String source = r.getString(0);
                if (r.getBoolean(1)) {
                    rows.put(source, r.getLong(2));
                    jets.put(source, r.isNullAt(3) ? 0L : r.getLong(3));
                } else {
                    quarantined.put(source, r.getLong(2));
                }
            }
            long events = rows.getOrDefault(JetSchema.SOURCE_GEN, 0L) + quarantined.getOrDefault(JetSchema.SOURCE_GEN, 0L);
            String quarantinePath = null;
            if (quarantined.values().stream().mapToLong(Long::longValue).sum() > 0) {
                quarantinePath = out + "/" + JetSchema.QUARANTINE_DIR;
                SampleOutputs.writeBySample(spark, JetsStage.quarantine(result).coalesce(1), quarantinePath, true);
                LOG.warn("jets: quarantined {} (source: rows) with reasons in {}", quarantined, quarantinePath);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("jets: {} events in {} s ({} events/s), jets per source {}", events, String.format("%.1f", seconds),
                    String.format("%.0f", events / Math.max(seconds, 1e-9)), jets);
            return new JetsSummary(out, events, rows, jets, quarantined, quarantinePath, seconds);
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown anyway
            throw InputErrors.whileRunning(candidates == null ? in : in + " or " + candidates, allFiles, out, e);
        } finally {
            result.unpersist();
        }
    }
}
