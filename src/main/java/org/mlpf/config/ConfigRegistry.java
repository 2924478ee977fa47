package org.mlpf.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every known configuration key, grouped by stage: the runtime keys of this package, then the {@link ConfigKeyGroup}
 * of every stage found by {@link ServiceLoader}, in their {@link ConfigKeyGroup#position() positions}. A stage
 * declares its keys next to its config record and registers them in
 * {@code META-INF/services/org.mlpf.config.ConfigKeyGroup}, so that this package imports no stage;
 * {@code docs/configuration.md} is generated from this list ({@code mlpf config --keys}).
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
        List<ConfigKeyGroup> stages = new ArrayList<>();
        ServiceLoader.load(ConfigKeyGroup.class, ConfigRegistry.class.getClassLoader()).forEach(stages::add);
        if (stages.isEmpty()) {
            throw new IllegalStateException("no stage registers configuration keys: META-INF/services/"
                    + ConfigKeyGroup.class.getName() + " is missing from the classpath");
        }
        stages.sort(Comparator.comparingInt(ConfigKeyGroup::position));
        List<List<ConfigKey<?>>> groups = new ArrayList<>(List.of(RuntimeConfig.KEYS));
        stages.forEach(g -> groups.add(g.keys()));
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
