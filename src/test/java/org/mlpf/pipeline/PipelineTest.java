package org.mlpf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.Settings;
import org.mlpf.model.SyntheticEvents;
import org.mlpf.spark.InputException;
import org.mlpf.testing.TestSpark;

class PipelineTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    /** A tiny pipeline: two samples, ttbar with little pileup evaluated. */
    private Settings settings(String samples, String eval) {
        return settings(samples, "gun-pi", eval);
    }

    private Settings settings(String samples, String train, String eval) {
        Path tiny = tmp.resolve("tiny-model-config.json");
        try {
            if (!Files.exists(tiny)) {
                SyntheticEvents.tinyConfigFor(1024).write(tiny); // the largest bucket below
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Settings.defaults()
                .with("mlpf.pipeline.root", tmp.resolve("root").toString(), "test")
                .with("mlpf.pipeline.samples", samples, "test")
                .with("mlpf.pipeline.train-samples", train, "test")
                .with("mlpf.pipeline.eval-samples", eval, "test")
                .with("mlpf.generate.pileup", "0:2", "test")
                .with("mlpf.generate.partitions", "2", "test")
                .with("mlpf.tensorize.buckets", "128,256,512,1024", "test")
                .with("mlpf.tensorize.split", "0.5,0.25,0.25", "test")
                // a short training of a tiny model: the plumbing is under test here, not the physics
                .with("mlpf.train.model-config", tiny.toString(), "test")
                .with("mlpf.train.workers", "1", "test")
                .with("mlpf.train.epochs", "1", "test")
                .with("mlpf.train.batch", "2", "test")
                .with("mlpf.train.max-steps", "3", "test");
    }

    private Map<String, String> run(Settings s, Pipeline.Options opts) {
        List<StepRecord> records = new Pipeline(spark, PipelineConfig.from(s).root(), "test")
                .run(PipelinePlan.steps(s, null), opts, new TreeMap<>());
        Map<String, String> status = new TreeMap<>();
        records.forEach(r -> status.put(r.id(), r.status().label()));
        return status;
    }

    private static Pipeline.Options all() {
        return new Pipeline.Options(null, null, Set.of());
    }

    private static long count(Map<String, String> status, String value) {
        return status.values().stream().filter(value::equals).count();
    }

    @Test
    void rerunsSkipWhatIsUpToDateAndRedoOnlyWhatChanged() throws IOException {
        Settings s = settings("ttbar:4,gun-pi:20", "ttbar");
        Map<String, String> first = run(s, all());
        assertEquals(List.of("compare", "generate@gun-pi", "generate@ttbar", "infer@ttbar", "jets@ttbar", "met@ttbar",
                "tensorize@gun-pi", "tensorize@ttbar", "train"), List.copyOf(first.keySet()));
        assertEquals(first.size(), count(first, "ran"));
        Path root = tmp.resolve("root");
        assertTrue(Files.exists(root.resolve("report/index.html")));
        assertTrue(Files.exists(root.resolve("model/_SUCCESS")) && Files.exists(root.resolve("model/model.json")));
        // ttbar is not a training sample: every event is reconstructed by MLPF, and MET has all three sources
        long events = spark.read().parquet(root.resolve("ntuples/sample=ttbar").toString()).count();
        assertEquals(events, spark.read().parquet(root.resolve("candidates/sample=ttbar").toString()).count());
        assertEquals(List.of("gen", "mlpf", "pf"), spark.read().parquet(root.resolve("met/sample=ttbar").toString())
                .select("source").distinct().orderBy("source").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
        assertTrue(Files.readString(root.resolve("report/tables/met_tail.csv")).contains(",mlpf,"),
                "the report compares MLPF");
        String manifest = Files.readString(root.resolve("manifest.json"));
        assertTrue(manifest.contains("\"id\": \"generate@ttbar\"") && manifest.contains("\"code_version\": \"test\""),
                manifest);

        Map<String, String> again = run(s, all());
        assertEquals(again.size(), count(again, "skipped"), "nothing changed: " + again);

        // A comparison setting changes only the comparison.
        Map<String, String> bins = run(s.with("mlpf.compare.met-bins", "10,30,60,200", "test"), all());
        assertEquals(Map.of("compare", "ran"), ran(bins));

        // A new sample is produced alone; the comparison over it runs again; nothing else does.
        Settings more = settings("ttbar:4,gun-pi:20,qcd:3", "ttbar,qcd").with("mlpf.compare.met-bins",
                "10,30,60,200", "test");
        Map<String, String> added = run(more, all());
        assertEquals(Map.of("generate@qcd", "ran", "tensorize@qcd", "ran", "infer@qcd", "ran", "jets@qcd", "ran",
                "met@qcd", "ran", "compare", "ran"), ran(added));

        // --force redoes a stage even though it is up to date.
        Map<String, String> forced = run(more, new Pipeline.Options(null, null, Set.of(Stage.MET)));
        assertEquals(Map.of("met@ttbar", "ran", "met@qcd", "ran"), ran(forced));

        // A training setting redoes the training and what reads the model, not the samples.
        Map<String, String> lr = run(more.with("mlpf.train.learning-rate", "0.001", "test"), all());
        assertEquals(Map.of("train", "ran", "infer@ttbar", "ran", "infer@qcd", "ran", "jets@ttbar", "ran",
                "jets@qcd", "ran", "met@ttbar", "ran", "met@qcd", "ran", "compare", "ran"), ran(lr));

        // A tensorize setting redoes tensorize and everything after it, but not the generation it reads.
        Map<String, String> seed = run(more.with("mlpf.train.learning-rate", "0.001", "test")
                .with("mlpf.tensorize.seed", "7", "test"), all());
        assertEquals(Set.of("generate@ttbar", "generate@gun-pi", "generate@qcd"), Set.copyOf(
                seed.entrySet().stream().filter(e -> !e.getValue().equals("ran")).map(Map.Entry::getKey).toList()),
                "everything but generate runs again: " + seed);
    }

    private static Map<String, String> ran(Map<String, String> status) {
        Map<String, String> m = new TreeMap<>();
        status.forEach((k, v) -> {
            if (v.equals("ran")) {
                m.put(k, v);
            }
        });
        return m;
    }

    @Test
    void fromAndToLimitTheStagesAndMissingInputsAreNamed() {
        Settings s = settings("gun-pi:10", "gun-pi");
        Map<String, String> gen = run(s, new Pipeline.Options(null, Stage.GENERATE, Set.of()));
        assertEquals("ran", gen.get("generate@gun-pi"));
        assertEquals("not-run", gen.get("tensorize@gun-pi"));
        InputException e = assertThrows(InputException.class,
                () -> run(settings("gun-gamma:5", "gun-gamma", "gun-gamma"), new Pipeline.Options(Stage.JETS, null,
                        Set.of())));
        assertTrue(e.getMessage().startsWith("step generate@gun-gamma has no output at "), e.getMessage());
        assertTrue(e.getMessage().endsWith("run the pipeline from stage generate first"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.Options.parse("nosuchstage", null, Set.of()));
        assertEquals("unknown stage 'nosuchstage'; stages: [generate, tensorize, train, infer, jets, met, compare]",
                bad.getMessage());
        assertEquals(new Pipeline.Options(Stage.TRAIN, Stage.JETS, Set.of(Stage.MET)),
                Pipeline.Options.parse("train", "jets", Set.of("met")));
    }
}
