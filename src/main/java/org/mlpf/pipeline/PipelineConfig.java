package org.mlpf.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mlpf.config.ConfigException;
import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Configuration of the pipeline: where its outputs live, which samples it produces (with their event counts), which
 * of them train the model and which the comparison evaluates.
 *
 * @param root          dataset root: every stage's output goes under it
 * @param samples       sample name to events
 * @param trainSamples  samples whose training split trains the model
 * @param evalSamples   samples on which MLPF and PF are compared (their test split)
 */
public record PipelineConfig(String root, Map<String, Long> samples, List<String> trainSamples,
                             List<String> evalSamples) {
    public static final ConfigKey<String> ROOT = ConfigKey.ofString("mlpf.pipeline.root", "runs/default",
            "dataset root of the pipeline (relative paths are relative to the working directory)");
    public static final ConfigKey<String> SAMPLES = ConfigKey.ofPattern("mlpf.pipeline.samples",
            "[a-z0-9-]+:[0-9]+(,[a-z0-9-]+:[0-9]+)*", "comma-separated NAME:EVENTS",
            "ttbar:200,qcd:100,gun-pi:1000,gun-gamma:500",
            "samples the pipeline produces and their number of events");
    public static final ConfigKey<String> TRAIN_SAMPLES = ConfigKey.ofPattern("mlpf.pipeline.train-samples",
            "[a-z0-9-]+(,[a-z0-9-]+)*", "comma-separated sample names", "ttbar,gun-pi,gun-gamma",
            "samples whose training split trains the model (QCD stays out: the generalization test)");
    public static final ConfigKey<String> EVAL_SAMPLES = ConfigKey.ofPattern("mlpf.pipeline.eval-samples",
            "[a-z0-9-]+(,[a-z0-9-]+)*", "comma-separated sample names", "ttbar,qcd",
            "samples on which MLPF, PF and gen are compared (their test split)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(ROOT, SAMPLES, TRAIN_SAMPLES, EVAL_SAMPLES);

    public PipelineConfig {
        ROOT.check(root);
        for (String s : trainSamples) {
            requireKnown(s, samples, TRAIN_SAMPLES);
        }
        for (String s : evalSamples) {
            requireKnown(s, samples, EVAL_SAMPLES);
        }
        samples = Collections.unmodifiableMap(new LinkedHashMap<>(samples));
        trainSamples = List.copyOf(trainSamples);
        evalSamples = List.copyOf(evalSamples);
    }

    private static void requireKnown(String s, Map<String, Long> samples, ConfigKey<String> key) {
        if (!samples.containsKey(s)) {
            throw new ConfigException("bad value '" + s + "' in " + key.name() + ": not one of the samples of "
                    + SAMPLES.name() + " " + samples.keySet());
        }
    }

    /** Reads the record from a configuration. */
    public static PipelineConfig from(Settings s) {
        Map<String, Long> samples = new LinkedHashMap<>();
        for (String entry : s.get(SAMPLES).split(",")) {
            String[] kv = entry.split(":");
            if (samples.put(kv[0], Long.parseLong(kv[1])) != null) {
                throw new ConfigException("bad value '" + s.get(SAMPLES) + "' for " + SAMPLES.name() + ": sample "
                        + kv[0] + " is listed twice");
            }
        }
        return new PipelineConfig(s.get(ROOT), samples, List.of(s.get(TRAIN_SAMPLES).split(",")),
                List.of(s.get(EVAL_SAMPLES).split(",")));
    }

    /** Samples in production order: the configured order. */
    public List<String> sampleNames() {
        return new ArrayList<>(samples.keySet());
    }
}
