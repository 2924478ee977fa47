package org.mlpf.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mlpf.compare.CompareConfig;
import org.mlpf.compare.CompareJob;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.SampleJob;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.jets.stage.JetsJob;
import org.mlpf.met.MetJob;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;
import org.mlpf.validate.ValidateConfig;

/**
 * The steps of a pipeline run, from the configuration: per sample {@code generate} and {@code tensorize}; per
 * evaluation sample {@code jets} and {@code met}; then {@code compare} over the evaluation samples. Outputs live
 * under one root: {@code ROOT/ntuples/sample=NAME}, {@code ROOT/tensors/sample=NAME}, {@code ROOT/jets/sample=NAME},
 * {@code ROOT/met/sample=NAME}, {@code ROOT/report}. A step's parameters are the configuration keys of its stage
 * (keys that change only the partitioning are left out: they do not change outputs).
 */
public final class PipelinePlan {
    private PipelinePlan() {
    }

    /** Output paths under the root. */
    public static String ntuples(String root) {
        return root + "/ntuples";
    }

    public static String tensors(String root, String sample) {
        return SampleOutputs.dir(root + "/tensors", sample);
    }

    public static String jets(String root) {
        return root + "/jets";
    }

    public static String met(String root) {
        return root + "/met";
    }

    public static String report(String root) {
        return root + "/report";
    }

    /**
     * The steps, in an order that respects their dependencies.
     *
     * @param only samples to process (null: every configured sample)
     */
    public static List<Step> steps(Settings s, List<String> only) {
        PipelineConfig p = PipelineConfig.from(s);
        String root = p.root();
        List<String> samples = p.sampleNames().stream().filter(n -> only == null || only.contains(n)).toList();
        GenerateConfig gen = GenerateConfig.from(s);
        ReconstructionConfig reco = ReconstructionConfig.from(s);
        TensorizeConfig tz = TensorizeConfig.from(s);
        JetsConfig jc = JetsConfig.from(s);
        CompareConfig cc = CompareConfig.from(s);
        int maxOffenders = ValidateConfig.from(s).maxOffenders();

        List<Step> out = new ArrayList<>();
        Map<String, Step> generated = new LinkedHashMap<>();
        for (String sample : samples) {
            long events = p.samples().get(sample);
            SortedMap<String, String> params = keys(s, "mlpf.generate.", "mlpf.sim.", "mlpf.pf.");
            params.remove(GenerateConfig.PARTITIONS.name());
            params.put("events", Long.toString(events));
            GenerateConfig cfg = new GenerateConfig(events, gen.pileup(), gen.gunPileup(), gen.seed(), gen.partitions());
            Step g = new Step("generate", sample, SampleOutputs.dir(ntuples(root), sample), List.of(), params,
                    (spark, overwrite) -> SampleJob.generate(spark, sample, cfg, reco, ntuples(root), overwrite).events());
            generated.put(sample, g);
            out.add(g);
        }
        for (String sample : samples) {
            out.add(new Step("tensorize", sample, tensors(root, sample), List.of(generated.get(sample)),
                    keys(s, "mlpf.tensorize."), (spark, overwrite) -> TensorizeJob.run(spark,
                            SampleOutputs.dir(ntuples(root), sample), tensors(root, sample), tz, overwrite,
                            maxOffenders).inputEvents()));
        }
        List<String> eval = p.evalSamples().stream().filter(samples::contains).toList();
        List<Step> evalSteps = new ArrayList<>();
        for (String sample : eval) {
            Step g = generated.get(sample);
            String in = SampleOutputs.dir(ntuples(root), sample);
            Step j = new Step("jets", sample, SampleOutputs.dir(jets(root), sample), List.of(g), keys(s, "mlpf.jets."),
                    (spark, overwrite) -> JetsJob.run(spark, in, null, jets(root), jc).events());
            Step m = new Step("met", sample, SampleOutputs.dir(met(root), sample), List.of(g), new TreeMap<>(),
                    (spark, overwrite) -> {
                        MetJob.run(spark, in, null, met(root), true);
                        return spark.read().parquet(SampleOutputs.dir(met(root), sample)).select("event_id")
                                .distinct().count();
                    });
            out.add(j);
            out.add(m);
            evalSteps.add(g);
            evalSteps.add(j);
            evalSteps.add(m);
        }
        if (!eval.isEmpty()) {
            SortedMap<String, String> params = keys(s, "mlpf.compare.");
            params.put("samples", String.join(",", eval));
            out.add(new Step("compare", null, report(root), evalSteps, params, (spark, overwrite) -> {
                CompareJob.Result r = CompareJob.run(spark, new CompareJob.Inputs(ntuples(root), met(root), jets(root),
                        null, eval), report(root), cc, overwrite);
                return r.events().values().stream().mapToLong(Long::longValue).sum();
            }));
        }
        return out;
    }

    /** The settings whose keys start with one of the prefixes. */
    static SortedMap<String, String> keys(Settings s, String... prefixes) {
        SortedMap<String, String> m = new TreeMap<>();
        s.entries().forEach((k, v) -> {
            for (String p : prefixes) {
                if (k.startsWith(p)) {
                    m.put(k, v.raw());
                }
            }
        });
        return m;
    }
}
