package org.mlpf.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.resource.ResourceInformation;

import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * The function of one epoch's barrier stage: task p of the stage is worker p ({@link DataParallelWorker}) and gets
 * exactly its batches (partition p of {@link TrainingData#epochInput}). Spark starts all W tasks together or none,
 * restarts them all if one fails, and interrupts the others (the job runs with {@code spark.job.interruptOnCancel}).
 */
final class EpochTask extends AbstractFunction1<scala.collection.Iterator<byte[]>,
        scala.collection.Iterator<WorkerReport>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EpochSpec spec;

    EpochTask(EpochSpec spec) {
        this.spec = spec;
    }

    @Override
    public scala.collection.Iterator<WorkerReport> apply(scala.collection.Iterator<byte[]> input) {
        BarrierTaskContext ctx = BarrierTaskContext.get();
        WorkerReport report = new DataParallelWorker(spec, new BarrierGang(ctx)).run(
                JavaConverters.asJavaIteratorConverter(input).asJava());
        return JavaConverters.asScalaIteratorConverter(List.of(report).iterator()).asScala();
    }

    /** A Spark barrier stage seen as a gang of workers. */
    private static final class BarrierGang implements Gang {
        private final BarrierTaskContext ctx;

        BarrierGang(BarrierTaskContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public int rank() {
            return ctx.partitionId();
        }

        @Override
        public int size() {
            return ctx.getTaskInfos().length;
        }

        @Override
        public int attempt() {
            return ctx.stageAttemptNumber();
        }

        @Override
        public long token() {
            return ((long) ctx.stageId() << 32) | ctx.stageAttemptNumber();
        }

        @Override
        public String host() {
            String address = ctx.getTaskInfos()[rank()].address();
            int colon = address.lastIndexOf(':');
            return colon < 0 ? address : address.substring(0, colon);
        }

        @Override
        public List<String> gpus() {
            ResourceInformation gpu = ctx.resourcesJMap().get("gpu");
            return gpu == null ? List.of() : Arrays.asList(gpu.addresses());
        }

        @Override
        public List<String> allGather(String message) {
            return Arrays.asList(ctx.allGather(message));
        }

        @Override
        public boolean cancelled() {
            return ctx.isInterrupted();
        }
    }
}
