package org.mlpf.tensorize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputDir;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.ParquetInput.DataFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tensorize job: reads an ntuple dataset, writes {@code OUT/data/split=S/bucket=N/} Parquet shards,
 * {@code OUT/normalization.json}, {@code OUT/summary.json} and {@code OUT/quarantine/}, committed atomically.
 */
public final class TensorizeJob {
    private static final Logger LOG = LoggerFactory.getLogger(TensorizeJob.class);

    private TensorizeJob() {
    }

    /**
     * Runs tensorize from {@code in} to {@code out}.
     *
     * @param maxOffenders how many oversized events to name when {@code oversize=error}
     * @throws InputException if the input is missing or unreadable, or holds events too large for the buckets
     */
    public static TensorizeSummary run(SparkSession spark, String in, String out, TensorizeConfig cfg,
                                       boolean overwrite, int maxOffenders) {
        long t0 = System.nanoTime();
        List<DataFile> files = new ArrayList<>();
        Dataset<Row> ntuples = ParquetInput.readChecked(spark, in, NtupleSchema.FORMAT, files);
        TensorizeStage stage = new TensorizeStage(cfg);
        stage.checkSchema(ntuples.schema(), in);
        try (OutputDir dir = OutputDir.begin(spark, out, overwrite)) {
            if (cfg.oversize().equals("error")) {
                refuseOversized(stage, ntuples, cfg, maxOffenders);
            }
            String data = dir.resolve(TensorSchema.DATA_DIR);
            Dataset<Row> tensors = stage.tensors(ntuples);
            tensors
                    .sortWithinPartitions(TensorSchema.SAMPLE, TensorSchema.EVENT_ID, TensorSchema.CHUNK)
                    .write().option("maxRecordsPerFile", cfg.shardEvents()).option("parquet.enable.dictionary", "false")
                    .partitionBy(TensorSchema.SPLIT, TensorSchema.BUCKET).parquet(data);
            String quarantine = dir.resolve(TensorSchema.QUARANTINE_DIR);
            stage.quarantine(ntuples).coalesce(1).write().parquet(quarantine);
            if (cfg.badEvents().equals("stop")) {
                refuseBroken(spark.read().parquet(quarantine), stage, in);
            }
            NormalizationStats stats = stage.normalization(ntuples);
            if (stats.count() == 0) {
                // Fine for a sample used only for evaluation; training refuses statistics without elements.
                LOG.warn("{}: no element in the training split (split fractions {}): empty normalization statistics",
                        in, cfg.split());
            }
            dir.writeText(NormalizationStats.FILE_NAME, stats.toJson());
            TensorizeSummary summary = summarize(spark, data, tensors.schema(),
                    dir.resolve(TensorSchema.QUARANTINE_DIR), cfg, ntuples.count(), (System.nanoTime() - t0) / 1e9);
            dir.writeText(TensorSchema.SUMMARY_FILE, summary.toJson());
            dir.commit();
            LOG.info("tensorized {} events into {} ({} events/s, padding efficiency {})", summary.inputEvents(), out,
                    String.format("%.0f", summary.eventsPerSecond()), String.format("%.3f", summary.efficiency()));
            return summary;
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown anyway
            throw InputErrors.whileRunning(in, files, out, e);
        }
    }

    /**
     * Stops (nothing committed) if the quarantine, already written in the stage's pass, holds an event that breaks the
     * ntuple rules: one line naming the first such event's file, event and field, and how many there are.
     */
    private static void refuseBroken(Dataset<Row> quarantine, TensorizeStage stage, String in) {
        Dataset<Row> broken = quarantine.filter(col(TensorizeStage.REASON).isin(stage.ruleReasons().toArray()))
                .orderBy(TensorizeStage.FILE, NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID);
        List<Row> first = broken.takeAsList(1);
        if (first.isEmpty()) {
            return;
        }
        Row r = first.get(0);
        long total = broken.count();
        throw new InputException(r.getAs(TensorizeStage.FILE) + ": event " + r.getAs(NtupleSchema.SAMPLE) + ":"
                + r.getAs(NtupleSchema.EVENT_ID) + ": " + r.getAs(TensorizeStage.REASON) + " (" + total
                + " bad event(s) in " + in + "; nothing written; mlpf validate lists them, --set "
                + TensorizeConfig.BAD_EVENTS.name() + "=quarantine sets them aside)");
    }

    private static void refuseOversized(TensorizeStage stage, Dataset<Row> ntuples, TensorizeConfig cfg, int max) {
        Dataset<Row> big = stage.oversizedEvents(ntuples).orderBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID);
        List<Row> first = big.takeAsList(max);
        if (first.isEmpty()) {
            return;
        }
        long total = first.size() < max ? first.size() : big.count();
        List<String> names = new ArrayList<>();
        for (Row r : first) {
            names.add("event " + r.getString(0) + ":" + r.getLong(1) + " (" + r.getInt(2) + " elements)");
        }
        throw new InputException(total + " event(s) larger than the largest bucket " + cfg.maxBucket() + ": "
                + String.join(", ", names) + "; use --oversize split or drop, or a larger bucket");
    }

    /**
     * The summary of the written tensors; read with the schema they were written with, because a dataset where every
     * event went to the quarantine has no data file to infer it from.
     */
    private static TensorizeSummary summarize(SparkSession spark, String data, StructType schema, String quarantine,
                                              TensorizeConfig cfg, long inputEvents, double seconds) {
        Dataset<Row> t = spark.read().schema(schema).parquet(data);
        Map<String, Long> perSplit = new TreeMap<>();
        for (Row r : t.groupBy(TensorSchema.SPLIT).agg(count("*")).collectAsList()) {
            perSplit.put(r.getString(0), r.getLong(1));
        }
        List<TensorizeSummary.Bucket> buckets = new ArrayList<>();
        Map<Integer, Row> byBucket = new TreeMap<>();
        for (Row r : t.groupBy(TensorSchema.BUCKET).agg(count("*"), sum(TensorSchema.NUM_ELEMENTS)).collectAsList()) {
            byBucket.put(r.getInt(0), r);
        }
        for (int b : cfg.buckets()) {
            Row r = byBucket.get(b);
            buckets.add(new TensorizeSummary.Bucket(b, r == null ? 0 : r.getLong(1), r == null ? 0 : r.getLong(2)));
        }
        long chunked = t.filter(col(TensorSchema.CHUNK).gt(0))
                .agg(countDistinct(col(TensorSchema.SAMPLE), col(TensorSchema.EVENT_ID))).first().getLong(0);
        Map<String, Long> quarantined = new TreeMap<>();
        // Group reasons by their kind, without the numbers that differ per event.
        for (Row r : spark.read().parquet(quarantine)
                .groupBy(regexp_replace(col(TensorizeStage.REASON), "[0-9]+", "N")).agg(count("*")).collectAsList()) {
            quarantined.put(r.getString(0), r.getLong(1));
        }
        return new TensorizeSummary(inputEvents, perSplit, buckets, chunked, quarantined, cfg.target(), seconds);
    }
}
