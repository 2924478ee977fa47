package org.mlpf.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.mlpf.compare.CompareConfig;
import org.mlpf.compare.CompareJob;
import org.mlpf.config.Settings;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.generate.GenerateJob;
import org.mlpf.infer.InferConfig;
import org.mlpf.infer.InferJob;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.jets.stage.JetsJob;
import org.mlpf.met.MetJob;
import org.mlpf.spark.OutputDir;
import org.mlpf.spark.SampleOutputs;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.tensorize.TensorizeJob;
import org.mlpf.train.CheckpointMismatchException;
import org.mlpf.train.TrainJob;
import org.mlpf.train.TrainJobConfig;
import org.mlpf.train.TrainSummary;
import org.mlpf.validate.ValidateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a pipeline run, from the configuration: per sample {@code generate} and {@code tensorize}; one
 * {@code train} over the tensors of the training samples; per evaluation sample {@code infer} (the test split of a
 * sample the model trained on, every event of any other), {@code jets} and {@code met} (gen, PF and MLPF); then
 * {@code compare} over the evaluation samples, on the events MLPF reconstructed. Outputs live under one root:
 * {@code ROOT/ntuples/sample=NAME}, {@code ROOT/tensors/sample=NAME}, {@code ROOT/model},
 * {@code ROOT/candidates/sample=NAME}, {@code ROOT/jets/sample=NAME}, {@code ROOT/met/sample=NAME},
 * {@code ROOT/report}. Without training samples there is no model: jets, MET and the comparison use gen and PF
 * alone. A step's parameters are the configuration keys of its stage (keys that change only the partitioning or
 * the speed are left out: they do not change outputs).
 */
public final class PipelinePlan {
    private static final Logger LOG = LoggerFactory.getLogger(PipelinePlan.class);

    private PipelinePlan() {
    }

    /** Output paths under the root. */
    public static String ntuples(String root) {
        return root + "/ntuples";
    }

    public static String tensors(String root, String sample) {
        return SampleOutputs.dir(root + "/tensors", sample);
    }

    public static String model(String root) {
        return root + "/model";
    }

    public static String candidates(String root) {
        return root + "/candidates";
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
     * @param only samples whose own steps run (null: every configured sample); the steps over the whole run
     *             (train, compare) stay, with all their configured samples, reading the other samples' outputs
     *             as they are
     */
    public static List<Step> steps(Settings s, List<String> only) {
        List<Step> all = steps(s);
        return only == null ? all : all.stream().filter(st -> st.sample() == null || only.contains(st.sample()))
                .toList();
    }

    private static List<Step> steps(Settings s) {
        PipelineConfig p = PipelineConfig.from(s);
        String root = p.root();
        List<String> samples = p.sampleNames();
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
            Step g = new Step(Stage.GENERATE, sample, SampleOutputs.dir(ntuples(root), sample), List.of(), params,
                    (spark, overwrite) -> GenerateJob.generate(spark, sample, cfg, reco, ntuples(root), overwrite).events());
            generated.put(sample, g);
            out.add(g);
        }
        Map<String, Step> tensorized = new LinkedHashMap<>();
        for (String sample : samples) {
            Step t = new Step(Stage.TENSORIZE, sample, tensors(root, sample), List.of(generated.get(sample)),
                    keys(s, "mlpf.tensorize."), (spark, overwrite) -> TensorizeJob.run(spark,
                            SampleOutputs.dir(ntuples(root), sample), tensors(root, sample), tz, overwrite,
                            maxOffenders).inputEvents());
            tensorized.put(sample, t);
            out.add(t);
        }
        Step train = null;
        List<String> trainSamples = p.trainSamples().stream().filter(samples::contains).toList();
        if (!trainSamples.isEmpty()) {
            TrainJobConfig tc = TrainJobConfig.from(s);
            SortedMap<String, String> params = keys(s, "mlpf.train.");
            params.remove(TrainJobConfig.ALLREDUCE_TIMEOUT.name());
            params.put("samples", String.join(",", trainSamples));
            List<String> inputs = trainSamples.stream().map(n -> tensors(root, n)).toList();
            train = new Step(Stage.TRAIN, null, model(root), trainSamples.stream().map(tensorized::get).toList(), params,
                    (spark, overwrite) -> train(spark, inputs, model(root), tc, overwrite));
            out.add(train);
        }
        List<String> eval = p.evalSamples().stream().filter(samples::contains).toList();
        InferConfig ic = InferConfig.from(s);
        List<Step> evalSteps = new ArrayList<>();
        for (String sample : eval) {
            Step g = generated.get(sample);
            String in = SampleOutputs.dir(ntuples(root), sample);
            String cands = null;
            List<Step> reads = List.of(g);
            if (train != null) {
                // the test split of a sample the model learned from; every event of a sample it never saw
                InferConfig cfg = trainSamples.contains(sample) ? ic : ic.withSplit(InferConfig.ALL);
                SortedMap<String, String> params = new TreeMap<>();
                params.put(InferConfig.BATCH.name(), Integer.toString(cfg.batch()));
                params.put(InferConfig.SPLIT.name(), cfg.split());
                cands = SampleOutputs.dir(candidates(root), sample);
                Step inf = new Step(Stage.INFER, sample, cands, List.of(train, tensorized.get(sample)), params,
                        (spark, overwrite) -> InferJob.run(spark, tensors(root, sample), model(root),
                                candidates(root), cfg, tz, overwrite).events());
                out.add(inf);
                evalSteps.add(inf);
                reads = List.of(g, inf);
            }
            String mlpf = cands;
            Step j = new Step(Stage.JETS, sample, SampleOutputs.dir(jets(root), sample), reads, keys(s, "mlpf.jets."),
                    (spark, overwrite) -> JetsJob.run(spark, in, mlpf, jets(root), jc).events());
            Step m = new Step(Stage.MET, sample, SampleOutputs.dir(met(root), sample), reads, new TreeMap<>(),
                    (spark, overwrite) -> MetJob.run(spark, in, mlpf, met(root), true).events());
            out.add(j);
            out.add(m);
            evalSteps.add(g);
            evalSteps.add(j);
            evalSteps.add(m);
        }
        if (!eval.isEmpty()) {
            boolean mlpf = train != null;
            SortedMap<String, String> params = keys(s, "mlpf.compare.");
            params.put("samples", String.join(",", eval));
            out.add(new Step(Stage.COMPARE, null, report(root), evalSteps, params, (spark, overwrite) -> {
                CompareJob.Result r = CompareJob.run(spark, new CompareJob.Inputs(ntuples(root), met(root), jets(root),
                        mlpf ? candidates(root) : null, eval), report(root), cc, overwrite);
                return r.events().values().stream().mapToLong(Long::longValue).sum();
            }));
        }
        return out;
    }

    /**
     * Trains into {@code dir}. A directory without the success marker is what a killed run left: training resumes
     * from its newest checkpoint (the same result as an uninterrupted run) unless that checkpoint was made with
     * other settings, when it starts over; a finished directory (the step redone) starts over.
     */
    private static long train(SparkSession spark, List<String> inputs, String dir, TrainJobConfig cfg,
                              boolean exists) {
        boolean resume = exists && !OutputDir.isCommitted(spark, dir);
        TrainSummary summary;
        try {
            summary = TrainJob.run(spark, inputs, dir, cfg, resume, true);
        } catch (CheckpointMismatchException e) {
            if (!resume) {
                throw e;
            }
            LOG.warn("cannot resume the interrupted training in {} ({}): training afresh", dir, e.getMessage());
            summary = TrainJob.run(spark, inputs, dir, cfg, false, true);
        }
        summary.lines().forEach(l -> LOG.info("train: {}", l));
        return summary.samples();
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
