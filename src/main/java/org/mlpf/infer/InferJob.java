package org.mlpf.infer;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelDirectory;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputErrors;
import org.mlpf.spark.InputException;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference job: the side effects around {@link InferStage}. Resolves and checks the input
 * ({@link InferInput}) and the model directory against it ({@link ModelCheck}) before any work, tensorizes ntuples
 * on the fly ({@code TensorizeStage.inputs}: in memory, nothing written), predicts on the executors, and writes the
 * candidates to {@code OUT/sample=NAME/}, one atomically committed directory per sample.
 */
public final class InferJob {
    private static final Logger LOG = LoggerFactory.getLogger(InferJob.class);

    private InferJob() {
    }

    /**
     * Runs inference.
     *
     * @param in        tensors output (or part of one) or ntuple dataset
     * @param modelDir  model directory ({@code ModelDirectory})
     * @param out       candidates root
     * @param cfg       the stage's settings (the split applies to tensors input only)
     * @param tensorize buckets for ntuples input (the other tensorize settings do not apply: no targets are needed,
     *                  and large events are always split into chunks)
     * @param overwrite replace the samples' existing outputs; without it an existing one is an error before any work
     * @throws InputException if an input is missing, unreadable, or the model does not fit the data
     * @throws org.mlpf.schema.SchemaMismatchException naming the input file and column that do not fit
     */
    public static InferSummary run(SparkSession spark, String in, String modelDir, String out, InferConfig cfg,
                                   TensorizeConfig tensorize, boolean overwrite) {
        long t0 = System.nanoTime();
        InferInput input = InferInput.resolve(spark, in, cfg.split());
        ModelRef ref = ModelCheck.resolve(spark, modelDir);
        boolean tensors = input.kind() == InferInput.Kind.TENSORS;
        List<String> samples;
        try {
            SortedMap<String, SortedSet<Integer>> versions = input.samplesAndVersions();
            check(input, versions, ref, tensors, tensorize);
            samples = List.copyOf(versions.keySet());
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but thrown anyway
            throw InputErrors.whileReading(in, input.files(), e);
        }
        if (samples.isEmpty()) {
            throw new InputException(input.path() + ": no events" + (tensors ? " in split " + input.split() : ""));
        }
        LOG.info("infer: {} {} ({} samples{}) with model {}, batch {}, {} intra-op thread(s) per task",
                tensors ? "tensors" : "ntuples tensorized on the fly", input.path(), samples.size(),
                tensors ? ", split " + input.split() : ", every event (" + InferConfig.SPLIT.name()
                        + " applies to tensors)", ref, cfg.batch(), cfg.threads());

        Dataset<Row> rows = partitioned(spark, input, cfg);
        Dataset<Row> inputs = tensors ? rows : new TensorizeStage(tensorize).inputs(rows);
        InferMetrics metrics = InferMetrics.register(spark);
        Dataset<Row> candidates = InferStage.transform(inputs, ref, cfg, metrics);
        try {
            // one job: read, tensorize, predict, merge chunks, write all samples, then commit each sample
            // dictionaries buy nothing on float kinematics and cost most of the write time (as for ntuples)
            SampleOutputs.writeSamplesInOneJob(spark, candidates, out, samples, overwrite,
                    "parquet.enable.dictionary", "false");
            long events = 0;
            for (String sample : samples) {
                String dir = SampleOutputs.dir(out, sample);
                events += ParquetInput.inspect(spark, dir).stream().mapToLong(ParquetInput.DataFile::rows).sum();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            InferSummary s = new InferSummary(out, samples, events, metrics.rows(), metrics.candidates(),
                    metrics.calls(), metrics.emptyRows(), cfg.batch(), spark.sparkContext().defaultParallelism(),
                    seconds, metrics.modelSeconds(), metrics.modelCpuSeconds(), metrics.taskSeconds(),
                    metrics.inputSeconds(), metrics.outputSeconds());
            s.lines().forEach(l -> LOG.info("infer: {}", l));
            return s;
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw failure(in, modelDir, out, input, e);
        }
    }

    /** Every check of the input against this build and the model, before any work. */
    private static void check(InferInput input, SortedMap<String, SortedSet<Integer>> versions, ModelRef ref,
                              boolean tensors, TensorizeConfig tensorize) {
        ModelDirectory.Manifest manifest = ModelCheck.manifest(ref);
        String model = ref.uri();
        ModelCheck.checkFeatures(model, manifest);
        Set<Integer> all = new TreeSet<>();
        versions.values().forEach(all::addAll);
        ModelCheck.checkDataVersions(tensors, all, input::fileWithVersionOtherThan);
        if (tensors) {
            ModelCheck.checkTensorVersion(model, manifest, TensorSchema.VERSION, "the data " + input.path()
                    + " is tensors");
            input.firstRowShape().ifPresent(r -> ModelCheck.checkRowShape(model, manifest, r.values(), r.slots(),
                    r.file()));
        } else {
            ModelCheck.checkTensorVersion(model, manifest, TensorSchema.VERSION,
                    "this build tensorizes ntuples into tensors");
        }
        // Loads the model here, once: a directory that is incomplete or does not match its manifest fails now, and
        // in local mode the tasks then share this copy.
        try (ExecutorModels.Lease lease = ExecutorModels.acquire(ref)) {
            MlpfModel m = lease.model();
            ModelCheck.checkBuckets(model, m.config(), tensors ? input.buckets() : Set.copyOf(
                    tensorize.buckets()), tensors ? input.path() : "--buckets " + tensorize.buckets());
        } catch (ExecutorModels.LoadException e) {
            throw new InputException("model " + ModelCheck.firstLine(e.getMessage()), e);
        }
    }

    /**
     * The input rows in the partitions inference runs on: the input's own, unless {@code mlpf.infer.partitions}
     * asks for a number or the input has fewer partitions than the session has task slots. Only the columns
     * inference reads are shuffled.
     */
    static Dataset<Row> partitioned(SparkSession spark, InferInput input, InferConfig cfg) {
        Dataset<Row> rows = input.rows();
        int target = cfg.partitions();
        if (target == 0) {
            int current = rows.rdd().getNumPartitions();
            int slots = spark.sparkContext().defaultParallelism();
            if (current >= slots) {
                return rows;
            }
            target = slots;
        }
        LOG.info("infer: input repartitioned into {} partitions", target);
        if (input.kind() == InferInput.Kind.TENSORS) {
            return rows.select(Arrays.stream(InferStage.INPUT.schema().fieldNames()).map(functions::col)
                    .toArray(Column[]::new)).repartition(target);
        }
        return rows.select(col(NtupleSchema.EVENT_ID), col(NtupleSchema.SAMPLE), col(NtupleSchema.SCHEMA_VERSION),
                col(NtupleSchema.ELEMENTS), col(NtupleSchema.YGEN), col(NtupleSchema.YCAND)).repartition(target);
    }

    /** A failure of the predicting job, as the one-line error the command prints where possible. */
    private static RuntimeException failure(String in, String modelDir, String out, InferInput input, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExecutorModels.LoadException u) {
                return new InputException("model " + modelDir + " on an executor: "
                        + ModelCheck.firstLine(u.getMessage()), e);
            }
        }
        return InputErrors.whileRunning(in, input.files(), out, e);
    }
}
