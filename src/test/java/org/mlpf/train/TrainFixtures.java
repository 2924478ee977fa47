package org.mlpf.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;
import org.mlpf.testing.TestEvents;

/** Small tensors, a tiny model config and parameter comparisons for the training tests. */
public final class TrainFixtures {
    private static Shared shared;
    private static Path qcd;

    private TrainFixtures() {
    }

    /**
     * Inputs made once per test JVM (tensorize is the slow part): a tensorize output of two buckets (64 and 128 slots,
     * so that epochs interleave buckets),
     * target gen, split 0.6 / 0.2 / 0.2, and the tiny model's config file.
     *
     * @param dir        where they are
     * @param ttbar      40 events of sample ttbar
     * @param tinyConfig {@link #tinyConfig(Path)}
     */
    public record Shared(Path dir, Path ttbar, Path tinyConfig) {
    }

    /** The shared inputs (made on first use, deleted when the JVM exits). */
    public static synchronized Shared shared(SparkSession spark) throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("mlpf-train-fixtures");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    TrainJob.deleteRecursively(dir);
                } catch (IOException e) {
                    // a temporary directory: the OS cleans it eventually
                }
            }));
            shared = new Shared(dir, tensors(spark, dir, "ttbar", 40, List.of(0.6, 0.2, 0.2), "gen"), tinyConfig(dir));
        }
        return shared;
    }

    /** A second tensorize output like {@link Shared#ttbar()}: 16 events of sample qcd (made on first use). */
    public static synchronized Path qcd(SparkSession spark) throws IOException {
        if (qcd == null) {
            qcd = tensors(spark, shared(spark).dir(), "qcd", 16, List.of(0.6, 0.2, 0.2), "gen");
        }
        return qcd;
    }

    /**
     * Tensorizes {@code events} events of {@code sample} (3 to ~100 elements each, buckets of 64 and 128 slots) into
     * {@code dir/tensors-NAME} with the given split fractions and target.
     */
    static Path tensors(SparkSession spark, Path dir, String sample, int events, List<Double> split, String target) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            rows.add(TestEvents.withElements(i, sample, 3 + (i * 13) % 100).toRow());
        }
        Path ntuples = dir.resolve("ntuples-" + sample);
        TestEvents.write(spark, rows, ntuples, 2);
        Path out = dir.resolve("tensors-" + sample + "-" + target);
        TensorizeJob.run(spark, ntuples.toString(), out.toString(),
                new TensorizeConfig(List.of(64, 128), target, split, 42, "error", 1000), false, 20);
        return out;
    }

    /** The tiny test model's config as a file (for {@code mlpf.train.model-config}). */
    static Path tinyConfig(Path dir) throws IOException {
        Path f = dir.resolve("tiny-model-config.json");
        SyntheticEvents.tinyConfig().write(f);
        return f;
    }

    /** The tiny config. */
    public static ModelConfig tiny() {
        return SyntheticEvents.tinyConfig();
    }

    /** Every parameter's values by name. */
    static Map<String, float[]> parameters(MlpfModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : m.block().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Parameters of a model directory. */
    public static Map<String, float[]> parameters(Path modelDir) throws IOException {
        try (MlpfModel m = MlpfModel.load(modelDir)) {
            return parameters(m);
        }
    }

    /** Largest absolute difference over all parameters. */
    public static double maxDiff(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("parameter names differ: " + a.keySet() + " vs " + b.keySet());
        }
        double d = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            for (int i = 0; i < x.length; i++) {
                d = Math.max(d, Math.abs(x[i] - y[i]));
            }
        }
        return d;
    }
}
