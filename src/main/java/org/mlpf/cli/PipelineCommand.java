package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.BuildInfo;
import org.mlpf.config.Settings;
import org.mlpf.pipeline.Pipeline;
import org.mlpf.pipeline.PipelineConfig;
import org.mlpf.pipeline.PipelinePlan;
import org.mlpf.pipeline.Step;
import org.mlpf.pipeline.StepRecord;
import org.mlpf.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlpf pipeline}: every stage in order under one root, incrementally. */
@Command(name = "pipeline", showDefaultValues = true,
        description = {"Run the whole chain (generate, tensorize, train, infer, jets, met, compare) under one root, "
                + "incrementally: steps whose inputs and configuration are unchanged are skipped, a new sample is "
                + "processed alone, a killed run started again finishes with the same outputs.",
            "Writes ROOT/<stage>/sample=NAME/..., ROOT/report/index.html, ROOT/manifest.json; prints a timing table."})
public final class PipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--root", paramLabel = "DIR", descriptionKey = "mlpf.pipeline.root")
    String root;

    @Option(names = "--from", paramLabel = "STAGE", description = "first stage to run (earlier ones must be done)")
    String from;

    @Option(names = "--to", paramLabel = "STAGE", description = "last stage to run")
    String to;

    @Option(names = "--samples", split = ",", paramLabel = "NAME[,NAME...]",
            descriptionKey = ConfigDefaults.PIPELINE_ONLY_SAMPLES)
    List<String> samples;

    @Option(names = "--force", split = ",", paramLabel = "STAGE[,STAGE...]",
            description = "redo these stages even if up to date")
    List<String> force = new ArrayList<>();

    @Override
    public Integer call() {
        Settings s = CliSettings.resolve(spec);
        PipelineConfig p = PipelineConfig.from(s);
        if (samples != null) {
            for (String name : samples) {
                if (!p.samples().containsKey(name)) {
                    throw new ParameterException(spec.commandLine(), "--samples: " + name + " is not one of "
                            + PipelineConfig.SAMPLES.name() + " " + p.samples().keySet());
                }
            }
        }
        Pipeline.Options opts;
        try {
            opts = Pipeline.Options.parse(from, to, Set.copyOf(force));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Step> steps = PipelinePlan.steps(s, samples);
        SparkSession spark = Sessions.create("mlpf pipeline", s);
        Map<String, String> config = new TreeMap<>();
        s.entries().forEach((k, v) -> config.put(k, v.raw()));
        List<StepRecord> records = new Pipeline(spark, p.root(), BuildInfo.codeVersion()).run(steps, opts, config);
        PrintWriter out = spec.commandLine().getOut();
        Pipeline.table(records).forEach(out::println);
        out.println("manifest: " + p.root() + "/manifest.json");
        out.println("report: " + PipelinePlan.report(p.root()) + "/index.html");
        return ExitCodes.OK;
    }
}
