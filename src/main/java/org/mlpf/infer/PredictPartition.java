package org.mlpf.infer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.mlpf.model.ElementPredictions;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.MlpfTranslator;
import org.mlpf.model.TensorBatch;
import org.mlpf.spark.DeviceChoice;
import org.mlpf.tensorize.TensorBatches;
import org.mlpf.tensorize.TensorRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of inference, one call per partition: Arrow record batches of tensor rows in (any buckets),
 * one {@link InferStage#CHUNKS} row per tensor row out. Per partition: the model of this JVM
 * ({@link ExecutorModels}), one predictor on the task's device ({@link DeviceChoice}), closed when the partition
 * is done or the task ends, whichever comes first; the rows grouped into fixed-shape calls by
 * {@link FixedShapeBatcher}; each call in its own NDManager (the predictor's). Rows are produced lazily, so a
 * partition never holds more than a few calls' worth of rows.
 */
final class PredictPartition implements FlatMapFunction<Iterator<byte[]>, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PredictPartition.class);
    /** Log progress at most this often. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final StructType arrowSchema;
    private final ModelRef ref;
    private final InferConfig cfg;
    private final InferMetrics metrics;

    PredictPartition(StructType arrowSchema, ModelRef ref, InferConfig cfg, InferMetrics metrics) {
        this.arrowSchema = arrowSchema;
        this.ref = ref;
        this.cfg = cfg;
        this.metrics = metrics;
    }

    @Override
    public Iterator<Row> call(Iterator<byte[]> arrow) {
        return new Run(arrow);
    }

    /** One partition's work, as the iterator of its output rows. */
    private final class Run implements Iterator<Row> {
        private final long start = System.nanoTime();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final String name;
        private final Iterator<TensorRows> rows;
        private final FixedShapeBatcher batcher;
        private final ExecutorModels.Lease lease;
        private final Predictor<TensorBatch, ElementPredictions> predictor;
        private final Deque<Row> out = new ArrayDeque<>();
        private boolean flushed;
        private boolean closed;
        private long modelNanos;
        private long modelCpuNanos;
        private long inputNanos;
        private long outputNanos;
        private long rowCount;
        private long eventCount;
        private long callCount;
        private long emptyRows;
        private long candidateCount;
        private long lastLog = start;

        Run(Iterator<byte[]> arrow) {
            TaskContext task = TaskContext.get();
            name = task == null ? "infer" : "infer partition " + task.partitionId() + " (stage "
                    + task.stageId() + ")";
            lease = ExecutorModels.acquire(ref);
            Predictor<TensorBatch, ElementPredictions> p = null;
            try {
                MlpfModel model = lease.model();
                DeviceChoice device = DeviceChoice.forTask(task,
                        () -> Engine.getEngine(MlpfModel.ENGINE).getGpuCount());
                JniUtils.setNumThreads(cfg.threads());
                p = model.djlModel().newPredictor(new MlpfTranslator(model.config()), device.device());
                LOG.info("{}: model {} on {} ({}), batch {}, {} intra-op thread(s)", name, ref, device.device(),
                        device.reason(), cfg.batch(), JniUtils.getNumThreads());
                batcher = new FixedShapeBatcher(cfg.batch(), model.config().binSize(), cfg.bufferMb() * (1L << 20));
                rows = TensorBatches.decodeRows(arrow, arrowSchema);
            } catch (RuntimeException e) {
                if (p != null) {
                    p.close();
                }
                lease.close();
                throw e;
            }
            predictor = p;
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) t -> close());
            }
        }

        @Override
        public boolean hasNext() {
            boolean done = false;
            boolean failed = true;
            try {
                while (out.isEmpty() && !done) {
                    long t0 = System.nanoTime();
                    boolean more = rows.hasNext();
                    List<FixedShapeBatcher.Batch> ready = more ? add(rows.next()) : List.of();
                    inputNanos += System.nanoTime() - t0;
                    if (more) {
                        run(ready);
                    } else if (!flushed) {
                        flushed = true;
                        run(batcher.flush());
                    } else {
                        done = true;
                    }
                }
                failed = false;
            } finally {
                // exhausted or failed: free the predictor and the lease now, not only at the end of the task
                if (done || failed) {
                    close();
                }
            }
            return !out.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.poll();
        }

        private List<FixedShapeBatcher.Batch> add(TensorRows r) {
            FixedShapeBatcher.RowInfo info = new FixedShapeBatcher.RowInfo(r.sample(0), r.eventId(0),
                    r.elemOffset(0), r.numElements(0), Arrays.copyOf(r.vz(), r.numElements(0)));
            return batcher.add(info, r.slots(), r.modelBatch(false).x());
        }

        private void run(List<FixedShapeBatcher.Batch> batches) {
            for (FixedShapeBatcher.Batch b : batches) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ElementPredictions p;
                try {
                    p = predictor.predict(b.input());
                } catch (TranslateException e) {
                    throw new IllegalStateException("model call on " + describe(b) + " failed: " + e.getMessage(),
                            e);
                }
                long t1 = System.nanoTime();
                modelNanos += t1 - t0;
                modelCpuNanos += threads.getCurrentThreadCpuTime() - c0;
                callCount++;
                emptyRows += b.input().batchSize() - b.rows().size();
                for (int k = 0; k < b.rows().size(); k++) {
                    FixedShapeBatcher.RowInfo info = b.rows().get(k);
                    EventCandidates c = EventCandidates.of(p, k, info.numElements(), info.elemOffset(), info.vz(),
                            cfg.noParticleWeight());
                    out.add(toRow(info, c));
                    rowCount++;
                    eventCount += info.elemOffset() == 0 ? 1 : 0;
                    candidateCount += c.size();
                }
                outputNanos += System.nanoTime() - t1;
            }
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_NANOS) {
                lastLog = now;
                LOG.info("{}: {} events ({} rows) in {} s, model {} s", name, eventCount, rowCount,
                        String.format("%.1f", (now - start) / 1e9), String.format("%.1f", modelNanos / 1e9));
            }
        }

        private String describe(FixedShapeBatcher.Batch b) {
            List<String> ids = new ArrayList<>();
            for (FixedShapeBatcher.RowInfo r : b.rows()) {
                ids.add(r.sample() + ":" + r.eventId() + (r.elemOffset() > 0 ? "@" + r.elemOffset() : ""));
            }
            return "events " + ids + " (bucket " + b.input().numElements() + ")";
        }

        private synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                predictor.close();
            } finally {
                lease.close();
            }
            long taskNanos = System.nanoTime() - start;
            metrics.modelNanos.add(modelNanos);
            metrics.modelCpuNanos.add(modelCpuNanos);
            metrics.inputNanos.add(inputNanos);
            metrics.outputNanos.add(outputNanos);
            metrics.taskNanos.add(taskNanos);
            metrics.rows.add(rowCount);
            metrics.events.add(eventCount);
            metrics.calls.add(callCount);
            metrics.emptyRows.add(emptyRows);
            metrics.candidates.add(candidateCount);
            LOG.info("{}: {} events ({} rows, {} candidates) in {} calls ({} empty rows), {} s: model {} s ({}%), "
                    + "input {} s, candidates {} s", name, eventCount, rowCount, candidateCount, callCount, emptyRows,
                    String.format("%.2f", taskNanos / 1e9), String.format("%.2f", modelNanos / 1e9),
                    String.format("%.0f", 100.0 * modelNanos / Math.max(taskNanos, 1)),
                    String.format("%.2f", inputNanos / 1e9), String.format("%.2f", outputNanos / 1e9));
        }
    }

    /** A {@link InferStage#CHUNKS} row: sample, event id, element offset, candidates, probabilities. */
    static Row toRow(FixedShapeBatcher.RowInfo info, EventCandidates c) {
        Row[] cands = new Row[c.size()];
        for (int j = 0; j < cands.length; j++) {
            cands[j] = RowFactory.create(c.cls()[j], c.charge()[j], c.pt()[j], c.eta()[j], c.phi()[j], c.energy()[j],
                    c.elemIndex()[j], c.vz()[j]);
        }
        return RowFactory.create(info.sample(), info.eventId(), info.elemOffset(), cands, c.probs());
    }
}
