package org.mlpf.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.RuntimeConfig;
import org.mlpf.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates (or joins) the SparkSession for a command from its configuration. Under {@code spark-submit} the
 * master and the properties file given to spark-submit win over the same keys in the command's config file,
 * unless the command line set them explicitly.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** Applications that already have a progress listener (a session can be joined several times). */
    private static final java.util.Set<String> REGISTERED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Sessions() {
    }

    /** The session for {@code appName} with every {@code spark.*} entry of {@code settings} applied. */
    public static SparkSession create(String appName, Settings settings) {
        boolean underSubmit = System.getProperty("spark.master") != null;
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        for (Map.Entry<String, String> e : settings.sparkEntries().entrySet()) {
            boolean explicit = settings.source(e.getKey()).map(s -> s.startsWith("command line")).orElse(false);
            if (underSubmit && !explicit && System.getProperty(e.getKey()) != null) {
                continue;
            }
            b = b.config(e.getKey(), e.getValue());
        }
        if (!underSubmit) {
            b = b.master(RuntimeConfig.from(settings).master());
        }
        SparkSession spark = b.getOrCreate();
        if (REGISTERED.add(spark.sparkContext().applicationId())) {
            spark.sparkContext().addSparkListener(new ProgressListener());
        }
        LOG.info("Spark {} master {} ({} cores by default parallelism)", spark.version(),
                spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
        return spark;
    }
}
