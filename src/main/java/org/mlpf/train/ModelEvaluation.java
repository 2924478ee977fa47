package org.mlpf.train;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mlpf.model.MlpfLoss;
import org.mlpf.model.MlpfModel;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.DeviceChoice;
import org.mlpf.tensorize.NumberedBatches;

/**
 * Distributed evaluation of a saved model on tensor rows (e.g. the test split): every task loads the model
 * directory, evaluates its partition's rows in batches of one bucket and returns the sums ({@link Evaluation}),
 * which the driver adds up: loss per event and the class confusion matrix over real elements.
 */
final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /** Evaluates the model of {@code modelDir} on {@code rows} in batches of at most {@code batch} events. */
    static Evaluation run(SparkSession spark, Dataset<Row> rows, Path modelDir, int batch, int threads,
            MlpfLoss.Weights loss) {
        Dataset<Row> in = rows.withColumn(TrainingData.KEY, col(TensorSchema.BUCKET).cast("long"))
                .sortWithinPartitions(TrainingData.KEY)
                .select(col(TrainingData.KEY), col(TensorSchema.BUCKET), col(TensorSchema.X), col(TensorSchema.Y));
        StructType schema = in.schema();
        return TrainJob.arrow(spark, in, batch).toJavaRDD()
                .mapPartitions(new Task(schema, modelDir.toString(), batch, threads, loss))
                .fold(Evaluation.empty(), Evaluation::plus);
    }

    /** Evaluates one partition. */
    private static final class Task implements FlatMapFunction<Iterator<byte[]>, Evaluation> {
        private static final long serialVersionUID = 1L;

        private final StructType schema;
        private final String modelDir;
        private final int batch;
        private final int threads;
        private final MlpfLoss.Weights loss;

        Task(StructType schema, String modelDir, int batch, int threads, MlpfLoss.Weights loss) {
            this.schema = schema;
            this.modelDir = modelDir;
            this.batch = batch;
            this.threads = threads;
            this.loss = loss;
        }

        @Override
        public Iterator<Evaluation> call(Iterator<byte[]> arrow) {
            if (!arrow.hasNext()) {
                return List.of(Evaluation.empty()).iterator();
            }
            Engine engine = Engine.getEngine(MlpfModel.ENGINE);
            JniUtils.setNumThreads(threads);
            DeviceChoice device = DeviceChoice.forTask(TaskContext.get(), engine::getGpuCount);
            Evaluation sum = Evaluation.empty();
            try (MlpfModel model = MlpfModel.load(Path.of(modelDir), device.device())) {
                BatchEvaluator evaluator = new BatchEvaluator(model, loss);
                Iterator<NumberedBatches.Numbered> it = NumberedBatches.decode(arrow, schema, TrainingData.KEY, batch,
                        true);
                while (it.hasNext()) {
                    sum = sum.plus(evaluator.evaluate(it.next().batch()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of(sum).iterator();
        }
    }
}
