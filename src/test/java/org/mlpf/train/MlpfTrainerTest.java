package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.model.InMemoryBatchSource;
import org.mlpf.model.LossValues;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.model.TensorBatch;
import org.mlpf.testing.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MlpfTrainerTest {
    private static final Logger LOG = LoggerFactory.getLogger(MlpfTrainerTest.class);
    private static final ModelConfig TINY = SyntheticEvents.tinyConfig();
    private static final List<TensorBatch> DATA = SyntheticEvents.batches(41, 4, 2, 32);

    @TempDir
    Path tmp;

    private static MlpfModel newModel() {
        return MlpfModel.create(TINY, SyntheticEvents.stats(DATA));
    }

    private static MlpfModel newModelWithDropout() {
        return MlpfModel.create(SyntheticEvents.tinyConfig(0.05), SyntheticEvents.stats(DATA));
    }

    private static Map<String, float[]> parameters(MlpfModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : m.block().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static Map<String, float[]> gradients(MlpfTrainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : t.trainableParameters()) {
            try (NDArray g = p.getValue().getArray().getGradient()) {
                out.put(p.getKey(), g.toFloatArray());
            }
        }
        return out;
    }

    @Test
    void tinyModelOverfitsAHandfulOfEvents() throws IOException {
        int steps = 240;
        try (MlpfModel model = newModel();
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1000).withMaxSteps(steps)
                        .withLearningRate(3e-3), steps)) {
            FitResult r = trainer.fit(InMemoryBatchSource.of(DATA), null, null);
            List<Double> loss = r.stepLoss();
            assertEquals(steps, loss.size());
            // mean over one pass (4 batches), at the start and at the end
            double first = mean(loss.subList(0, 4));
            double last = mean(loss.subList(steps - 4, steps));
            StringBuilder csv = new StringBuilder("step,loss\n");
            for (int i = 0; i < steps; i += 4) {
                csv.append(i + 4).append(',').append(String.format(Locale.ROOT, "%.4f", mean(loss.subList(i, i + 4))))
                        .append('\n');
            }
            Path out = ProjectFiles.file("target/overfit-curve.csv");
            Files.createDirectories(out.getParent());
            Files.writeString(out, csv);
            LOG.info("overfit: loss per pass {} -> {} ({}x lower); curve in {}", String.format("%.2f", first),
                    String.format("%.3f", last), String.format("%.0f", first / last), out);
            assertTrue(first / last > 20, "loss fell from " + first + " to " + last + " only");
            LossValues eval = trainer.evaluate(InMemoryBatchSource.of(DATA));
            assertTrue(eval.total() < first / 10, "evaluation loss " + eval + " vs initial " + first);
        }
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void dozensOfStepsStayFiniteWhileTheGarbageCollectorRuns() {
        // Java-owned constants freed by a GC before backward corrupt gradients (docs/model.md); force GCs between steps
        try (MlpfModel model = newModel();
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1), 40)) {
            List<Double> loss = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LossValues v = trainer.computeGradients(DATA.get(i % DATA.size()));
                System.gc();
                trainer.applyGradients();
                assertTrue(v.isFinite(), "step " + i + ": " + v);
                loss.add(v.total());
            }
            for (float[] p : parameters(model).values()) {
                for (float x : p) {
                    assertTrue(Float.isFinite(x), "parameters stay finite");
                }
            }
            assertTrue(mean(loss.subList(36, 40)) < mean(loss.subList(0, 4)), "loss decreases: " + loss);
        }
    }

    @Test
    void gradientsAreZeroedBeforeEveryForwardPass() {
        try (MlpfModel model = newModel();
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1), 10)) {
            trainer.computeGradients(DATA.get(0));
            Map<String, float[]> once = gradients(trainer);
            trainer.computeGradients(DATA.get(0));
            Map<String, float[]> twice = gradients(trainer);
            for (String k : once.keySet()) {
                assertArrayEquals(once.get(k), twice.get(k), 1e-6f, k + " accumulated across steps");
            }
        }
    }

    @Test
    void gradientsCanBeReplacedBetweenTheTwoHalvesOfAStep() {
        try (MlpfModel model = newModel();
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1), 10)) {
            assertThrows(IllegalStateException.class, trainer::applyGradients);
            Map<String, float[]> before = parameters(model);
            trainer.computeGradients(DATA.get(1));
            // what an all-reduce does: overwrite each gradient in place (here with zeros: Adam's first step is then 0)
            for (Pair<String, Parameter> p : trainer.trainableParameters()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    g.set(new NDIndex(":"), 0f);
                }
            }
            trainer.applyGradients();
            assertEquals(1, trainer.step());
            Map<String, float[]> after = parameters(model);
            for (String k : before.keySet()) {
                assertArrayEquals(before.get(k), after.get(k), k + " moved although its gradient was replaced by 0");
            }
            trainer.computeGradients(DATA.get(1));
            trainer.applyGradients();
            assertFalse(java.util.Arrays.equals(before.get(trainer.trainableParameters().get(0).getKey()),
                    parameters(model).get(trainer.trainableParameters().get(0).getKey())), "a real step moves weights");
        }
    }

    @Test
    void resumingFromACheckpointContinuesTheSameTrajectoryDropoutIncluded() throws IOException {
        TrainConfig twoEpochs = TrainConfig.defaults(2);
        long horizon = 2L * DATA.size();
        Map<String, float[]> straight;
        try (MlpfModel model = newModelWithDropout();
                MlpfTrainer trainer = new MlpfTrainer(model, twoEpochs, horizon)) {
            FitResult r = trainer.fit(InMemoryBatchSource.of(DATA), InMemoryBatchSource.of(DATA.subList(0, 1)),
                    tmp.resolve("a"));
            assertEquals(horizon, r.steps());
            assertEquals(2, r.validationLoss().size());
            straight = parameters(model);
        }
        Path checkpoints = tmp.resolve("b");
        try (MlpfModel model = newModelWithDropout();
                MlpfTrainer trainer = new MlpfTrainer(model, TrainConfig.defaults(1), horizon)) {
            trainer.fit(InMemoryBatchSource.of(DATA), null, checkpoints);
        }
        Path latest = MlpfTrainer.latestCheckpoint(checkpoints).orElseThrow();
        assertEquals("step-000000004", latest.getFileName().toString());
        assertEquals(4, ModelDirectory.training(latest).steps());
        MlpfTrainer resumed = MlpfTrainer.resume(latest, twoEpochs, horizon);
        try (MlpfModel model = resumed.model(); resumed) {
            assertEquals(4, resumed.step());
            resumed.fit(InMemoryBatchSource.of(DATA), null, null);
            assertEquals(horizon, resumed.step());
            Map<String, float[]> after = parameters(model);
            for (String k : straight.keySet()) {
                assertArrayEquals(straight.get(k), after.get(k), 1e-6f, k);
            }
        }
    }

    @Test
    void checkpointsAreWholeDirectoriesAndOnlyTheNewestAreKept() throws IOException {
        TrainConfig c = TrainConfig.defaults(1).withCheckpointEvery(1);
        c = new TrainConfig(c.epochs(), c.maxSteps(), c.learningRate(), c.finalLearningRate(), c.beta1(), c.beta2(),
                c.epsilon(), c.logEvery(), 1, 2, c.seed(), c.loss());
        Path checkpoints = tmp.resolve("ckpt");
        try (MlpfModel model = newModel();
                MlpfTrainer trainer = new MlpfTrainer(model, c, DATA.size())) {
            FitResult r = trainer.fit(InMemoryBatchSource.of(DATA), null, checkpoints);
            assertEquals(checkpoints.resolve("step-000000004"), r.lastCheckpoint());
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            assertEquals(List.of("step-000000003", "step-000000004"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(ModelDirectory.optimizerState(checkpoints.resolve("step-000000004")).isPresent());
        try (MlpfModel loaded = MlpfModel.load(checkpoints.resolve("step-000000004"))) {
            assertEquals(TINY, loaded.config());
        }
    }

    @Test
    void invalidSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.defaults(1).withLearningRate(2));
        assertTrue(e.getMessage().contains("learningRate = 2.0: must be in (0, 1)"), e.getMessage());
    }
}
