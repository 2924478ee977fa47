package org.mlpf.config;

import java.util.List;

/**
 * The configuration keys one stage declares, registered with {@link ConfigRegistry} through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.mlpf.config.ConfigKeyGroup}), as Spark data sources register
 * themselves: the configuration layer knows no stage, each stage brings its keys. A stage's group is a subclass with
 * a public no-argument constructor.
 */
public abstract class ConfigKeyGroup {
    private final int position;
    private final List<ConfigKey<?>> keys;

    /**
     * @param position place of the group in the documentation order: the order of the stages in the data flow
     * @param keys     the keys, in documentation order
     */
    protected ConfigKeyGroup(int position, List<ConfigKey<?>> keys) {
        this.position = position;
        this.keys = List.copyOf(keys);
    }

    /** Place of the group in the documentation order. */
    public final int position() {
        return position;
    }

    /** The keys, in documentation order. */
    public final List<ConfigKey<?>> keys() {
        return keys;
    }
}
