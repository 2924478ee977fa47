package org.mlpf.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mlpf.compare.CompareConfig;
import org.mlpf.generate.GenerateConfig;
import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.infer.InferConfig;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.pipeline.PipelineConfig;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.train.TrainJobConfig;
import org.mlpf.validate.ValidateConfig;

/**
 * Every known configuration key, grouped by stage. A stage declares its keys next to its config record and
 * lists them here; {@code docs/configuration.md} is generated from this list ({@code mlpf config --markdown}).
 */
public final class ConfigRegistry {
    private static final Map<String, ConfigKey<?>> KEYS = build();

    private ConfigRegistry() {
    }

    /** All keys in documentation order. */
    public static List<ConfigKey<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.values()));
    }

    /** The key called {@code name}, if known. */
    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(KEYS.get(name));
    }

    private static Map<String, ConfigKey<?>> build() {
        Map<String, ConfigKey<?>> m = new LinkedHashMap<>();
        List<List<ConfigKey<?>>> groups = List.of(RuntimeConfig.KEYS, ValidateConfig.KEYS, GenerateConfig.KEYS,
                ReconstructionConfig.KEYS, TensorizeConfig.KEYS, TrainJobConfig.KEYS, InferConfig.KEYS, JetsConfig.KEYS,
                CompareConfig.KEYS, PipelineConfig.KEYS);
        for (List<ConfigKey<?>> group : groups) {
            for (ConfigKey<?> k : group) {
                if (m.put(k.name(), k) != null) {
                    throw new IllegalStateException("config key " + k.name() + " declared twice");
                }
            }
        }
        return m;
    }
}
