package org.mlpf.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.mlpf.model.ElementPredictions;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.TensorBatch;
import org.mlpf.physics.ElementType;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;

/**
 * Timing of inference and training steps on random events, for {@code mlpf bench model}: warm-up, then the median
 * over repeats of the wall time per event through the {@link Predictor} path (translator included), the calling
 * thread's CPU time, and the process's peak resident memory (Linux). Never asserted on in tests.
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    /**
     * Inference timing at one event size.
     *
     * @param elements       N, padded elements per event
     * @param batch          B, events per call
     * @param medianMsEvent  median wall time per event, ms
     * @param minMsEvent     fastest wall time per event, ms
     * @param cpuMsEvent     median CPU time of the calling thread per event, ms (with one intra-op thread, the
     *                       compute; less sensitive than wall time to other processes on the machine)
     * @param peakRssMb      peak resident memory of the process while running this size, MB (-1 if unknown)
     */
    public record Inference(int elements, int batch, double medianMsEvent, double minMsEvent, double cpuMsEvent,
            long peakRssMb) {
    }

    /**
     * Training-step timing.
     *
     * @param elements      N
     * @param batch         B
     * @param medianMsStep  median wall time of forward + loss + backward + Adam step, ms
     */
    public record TrainStep(int elements, int batch, double medianMsStep) {
    }

    /** Time spent in one PyTorch operator (self time, children excluded). */
    public record OpTime(String name, double ms, int calls) {
    }

    /**
     * Sets PyTorch's intra-op thread count (and one inter-op thread when the engine is not loaded yet), loading the
     * engine; returns the effective intra-op count.
     */
    public static int setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine(MlpfModel.ENGINE);
        JniUtils.setNumThreads(threads);
        return JniUtils.getNumThreads();
    }

    /**
     * A batch of random events of {@code elements} padded elements, {@code fill} of them real (all types, pt from
     * 0.5 to 50 GeV, |eta| < 3), with targets.
     */
    public static TensorBatch randomBatch(int batch, int elements, double fill, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int real = (int) Math.round(elements * fill);
        float[] x = new float[batch * elements * TensorBatch.X_WIDTH];
        float[] y = new float[batch * elements * TensorBatch.Y_WIDTH];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < real; i++) {
                int o = (b * elements + i) * TensorBatch.X_WIDTH;
                int t = 1 + rng.nextInt(ElementType.COUNT - 1);
                double pt = Math.exp(rng.nextDouble(Math.log(0.5), Math.log(50)));
                double eta = rng.nextDouble(-3, 3);
                double phi = rng.nextDouble(-Math.PI, Math.PI);
                x[o] = t;
                x[o + ElementFeature.PT.ordinal()] = (float) pt;
                x[o + ElementFeature.ETA.ordinal()] = (float) eta;
                x[o + ElementFeature.PHI.ordinal()] = (float) phi;
                x[o + ElementFeature.E.ordinal()] = (float) (pt * Math.cosh(eta));
                x[o + ElementFeature.PHI_ECAL.ordinal()] = (float) phi;
                x[o + ElementFeature.PHI_HCAL.ordinal()] = (float) phi;
                x[o + ElementFeature.NUM_HITS.ordinal()] = 1 + rng.nextInt(20);
                int q = (b * elements + i) * TensorBatch.Y_WIDTH;
                y[q] = rng.nextInt(8);
                if (y[q] != 0) {
                    y[q + 2] = (float) pt;
                    y[q + 3] = (float) eta;
                    y[q + 4] = (float) Math.sin(phi);
                    y[q + 5] = (float) Math.cos(phi);
                    y[q + 6] = (float) (pt * Math.cosh(eta));
                }
            }
        }
        return TensorBatch.of(batch, elements, x, y);
    }

    /**
     * Normalization statistics of the real elements of {@code batch} (what tensorize computes over a dataset), so
     * that a model with random weights sees inputs of order one, as a trained model does.
     */
    public static NormalizationStats normalization(TensorBatch batch) {
        NormalizationStats stats = new NormalizationStats();
        float[] raw = new float[ElementFeature.WIDTH];
        float[] enc = new float[FeatureEncoding.WIDTH];
        FloatBuffer x = batch.x();
        for (int row = 0; row < batch.batchSize() * batch.numElements(); row++) {
            x.position(row * TensorBatch.X_WIDTH);
            x.get(raw, 0, TensorBatch.X_WIDTH);
            if (raw[ElementFeature.TYP_IDX.ordinal()] != 0f) {
                FeatureEncoding.encode(raw, 0, enc, 0);
                stats.add(enc, 0);
            }
        }
        return stats;
    }

    /** Times inference at one size: {@code warmup} untimed calls, then {@code repeats} timed ones. */
    public static Inference inference(MlpfModel model, int elements, int batch, double fill, int warmup,
            int repeats) throws TranslateException {
        TensorBatch input = randomBatch(batch, elements, fill, elements);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            for (int i = 0; i < warmup; i++) {
                p.predict(input);
            }
            resetPeakRss();
            for (int i = 0; i < repeats; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                p.predict(input);
                wall[i] = (System.nanoTime() - t0) / 1e6 / batch;
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / batch;
            }
        }
        return new Inference(elements, batch, median(wall), Arrays.stream(wall).min().orElseThrow(), median(cpu),
                peakRssMb());
    }

    /** Times {@code steps} training steps (after one untimed step) of a fresh model of {@code config}. */
    public static TrainStep trainStep(ModelConfig config, int elements, int batch, int steps) {
        TensorBatch input = randomBatch(batch, elements, 1.0, 7);
        double[] ms = new double[steps];
        try (MlpfModel model = MlpfModel.create(config, normalization(input));
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1), steps + 1L)) {
            trainer.computeGradients(input);
            trainer.applyGradients();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                trainer.computeGradients(input);
                trainer.applyGradients();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new TrainStep(elements, batch, median(ms));
    }

    /**
     * Runs one inference under PyTorch's profiler, writes its Chrome trace to {@code trace} and returns the operators
     * with the largest self time.
     */
    public static List<OpTime> profile(MlpfModel model, int elements, int batch, Path trace, int top)
            throws TranslateException, IOException {
        TensorBatch input = randomBatch(batch, elements, 1.0, elements);
        try (Predictor<TensorBatch, ElementPredictions> p = model.newPredictor()) {
            p.predict(input);
            JniUtils.startProfile(false, true, false);
            try {
                p.predict(input);
            } finally {
                JniUtils.stopProfile(trace.toAbsolutePath().toString());
            }
        }
        return selfTimes(Files.readString(trace, StandardCharsets.UTF_8), top);
    }

    /** Self time per operator of a Chrome trace (complete events, nested by time on each thread). */
    static List<OpTime> selfTimes(String traceJson, int top) {
        JsonElement root = JsonParser.parseString(traceJson);
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject()
                .getAsJsonArray("traceEvents");
        List<double[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (!o.has("ph") || !"X".equals(o.get("ph").getAsString())) {
                continue;
            }
            spans.add(new double[] {o.get("tid").getAsDouble(), o.get("ts").getAsDouble(), o.get("dur").getAsDouble(),
                names.size()});
            names.add(o.get("name").getAsString());
        }
        spans.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> s[1])
                .thenComparingDouble(s -> -s[2]));
        Map<String, double[]> self = new HashMap<>();
        Deque<double[]> stack = new ArrayDeque<>();
        for (double[] s : spans) {
            while (!stack.isEmpty() && (stack.peek()[0] != s[0] || stack.peek()[1] + stack.peek()[2] <= s[1])) {
                stack.pop();
            }
            if (!stack.isEmpty()) {
                self.computeIfAbsent(names.get((int) stack.peek()[3]), k -> new double[2])[0] -= s[2];
            }
            double[] acc = self.computeIfAbsent(names.get((int) s[3]), k -> new double[2]);
            acc[0] += s[2];
            acc[1]++;
            stack.push(s);
        }
        return self.entrySet().stream().map(e -> new OpTime(e.getKey(), e.getValue()[0] / 1000, (int) e.getValue()[1]))
                .sorted(Comparator.comparingDouble(OpTime::ms).reversed()).limit(top).toList();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void resetPeakRss() {
        Path clear = Path.of("/proc/self/clear_refs");
        try {
            // "5" resets the peak resident set size (Linux >= 4.0)
            Files.writeString(clear, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no per-size peak then: the process-wide peak is reported
        }
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
