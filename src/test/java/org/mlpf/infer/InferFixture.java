package org.mlpf.infer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.tensorize.TensorDatasetSource;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;
import org.mlpf.train.MlpfTrainer;
import org.mlpf.train.TrainConfig;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/**
 * What the inference tests share, built once per test JVM: a small ntuple dataset of two samples (events of 3 to 300
 * elements, so that the largest are cut into chunks), its tensors (buckets 64 and 128, chunks for events above 128
 * elements) and a tiny model (bins of 16) trained for a few dozen steps on the training split and saved as a model
 * directory.
 */
final class InferFixture {
    /** Buckets of the tensors; the model's bins are 16 wide and it takes at most 256 elements. */
    static final List<Integer> BUCKETS = List.of(64, 128);
    /** Elements of event i of each sample (300 is cut into 128 + 128 + 44). */
    static final int[] SIZES = {3, 10, 40, 64, 65, 90, 128, 300, 17, 50, 100, 5, 33, 77, 120, 8, 61, 70, 140, 25};
    static final int TRAIN_STEPS = 60;

    private static InferFixture instance;

    final Path root;
    final Path ntuples;
    final Path tensors;
    final Path model;

    private InferFixture(Path root) {
        this.root = root;
        this.ntuples = root.resolve("ntuples");
        this.tensors = root.resolve("tensors");
        this.model = root.resolve("model");
    }

    /** The shared fixture, built on first use. */
    static synchronized InferFixture get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("mlpf-infer-test");
                InferFixture f = new InferFixture(root);
                f.build(TestSpark.session());
                instance = f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    static TensorizeConfig tensorizeConfig() {
        return new TensorizeConfig(BUCKETS, "gen", List.of(0.6, 0.2, 0.2), 42, "split", 1000);
    }

    /** Inference settings of the tests: batch 2 (so that calls hold several events), the given partitions. */
    static InferConfig inferConfig(int batch, int partitions) {
        return new InferConfig(batch, InferConfig.ALL, 1, partitions, 4, 64, 1);
    }

    private void build(SparkSession spark) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String sample : List.of("ttbar", "qcd")) {
            for (int i = 0; i < SIZES.length; i++) {
                rows.add(TestEvents.withElements(i, sample, SIZES[i]).toRow());
            }
        }
        TestEvents.write(spark, rows, ntuples, 3);
        TensorizeJob.run(spark, ntuples.toString(), tensors.toString(), tensorizeConfig(), false, 20);
        NormalizationStats stats = NormalizationStats.read(tensors.resolve(NormalizationStats.FILE_NAME));
        TensorDatasetSource train = new TensorDatasetSource(spark, List.of(tensors.toString()), "train", 2, 5, true);
        try (MlpfModel m = MlpfModel.create(SyntheticEvents.tinyConfig(), stats);
                MlpfTrainer trainer = new MlpfTrainer(m, TrainConfig.defaults(1000).withMaxSteps(TRAIN_STEPS)
                        .withLearningRate(3e-3), TRAIN_STEPS)) {
            trainer.fit(train, null, null);
            trainer.saveModel(model);
        }
    }
}
