package org.mlpf.config;

import java.util.List;

/**
 * Keys about where and how jobs run, shared by every command.
 *
 * @param master the Spark master URL
 */
public record RuntimeConfig(String master) {
    /** Spark master; documented here because the launcher defaults it and every command accepts --master. */
    public static final ConfigKey<String> MASTER = ConfigKey.ofPattern("spark.master",
            "local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]"
                    + "|spark://.+|yarn|k8s://.+",
            "local, local[N], local[*], local[N,F], local-cluster[W,C,MB], spark://HOST:PORT, yarn or k8s://URL",
            "local[*]", "Spark master URL; --master overrides it");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(MASTER);

    public RuntimeConfig {
        MASTER.check(master);
    }

    /** Reads the record from a configuration. */
    public static RuntimeConfig from(Settings s) {
        return new RuntimeConfig(s.get(MASTER));
    }
}
