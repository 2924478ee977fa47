package org.mlpf.config;

import java.util.List;

/**
 * The configuration keys one stage declares, registered with {@link ConfigRegistry} through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.mlpf.config.ConfigKeyGroup}), as Spark data sources register
 * themselves: the configuration layer knows no stage, each stage brings its keys.
 */
public interface ConfigKeyGroup {
    /** Place of the group in the documentation order: the order of the stages in the data flow. */
    int position();

    /** The keys, in documentation order. */
    List<ConfigKey<?>> keys();
}
