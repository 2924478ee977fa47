package org.mlpf.spark;

import java.util.List;
import java.util.Map;

import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;

/**
 * Checks the {@code spark.*} values of a configuration with Spark's own parsers before a session starts. Spark reads
 * most of its settings lazily, so {@code spark.sql.shuffle.partitions=abc} would otherwise fail in the middle of the
 * first job, as an internal error with a stack trace; here it is a configuration error naming the key, its source and
 * Spark's rule. Keys Spark does not declare (plugins', Hadoop's {@code spark.hadoop.*}) pass unchecked, as Spark
 * itself lets them.
 */
public final class SparkConfigCheck {
    /** The Scala objects whose initialization registers Spark's core and SQL configuration entries. */
    private static final List<String> REGISTRIES = List.of("org.apache.spark.internal.config.package$",
            "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$");

    private SparkConfigCheck() {
    }

    /**
     * @throws ConfigException naming the first {@code spark.*} key whose value Spark's declared entry refuses
     */
    public static void check(Settings settings) {
        loadRegistries();
        for (Map.Entry<String, String> e : settings.sparkEntries().entrySet()) {
            ConfigEntry<?> entry = ConfigEntry$.MODULE$.findEntry(e.getKey());
            if (entry == null) {
                continue;
            }
            try {
                entry.valueConverter().apply(e.getValue());
            } catch (RuntimeException ex) {
                String source = settings.source(e.getKey()).orElse("configuration");
                throw new ConfigException("bad value '" + e.getValue() + "' for " + e.getKey() + " (" + source
                        + "): " + ParquetInput.oneLine(ex));
            }
        }
    }

    private static void loadRegistries() {
        for (String name : REGISTRIES) {
            try {
                Class.forName(name, true, SparkConfigCheck.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark's configuration registry " + name + " is missing", e);
            }
        }
    }
}
