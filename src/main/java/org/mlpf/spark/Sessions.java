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
    /**
     * Parquet's switch for checking every data page's CRC on read. Spark writes page checksums, but does not check
     * them by default: a file damaged in the middle of a column chunk by a copy without Hadoop's {@code .crc}
     * side files (an HDFS put, an object-store upload) is then read as valid numbers.
     */
    public static final String VERIFY_PAGE_CHECKSUMS = "parquet.page.verify-checksum.enabled";

    private Sessions() {
    }

    /**
     * The session for {@code appName} with every {@code spark.*} entry of {@code settings} applied.
     *
     * @throws org.mlpf.config.ConfigException if Spark refuses a {@code spark.*} value ({@link SparkConfigCheck})
     */
    public static SparkSession create(String appName, Settings settings) {
        SparkConfigCheck.check(settings);
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
        applyDefaults(spark);
        if (REGISTERED.add(spark.sparkContext().applicationId())) {
            spark.sparkContext().addSparkListener(new ProgressListener());
        }
        LOG.info("Spark {} master {} ({} cores by default parallelism)", spark.version(),
                spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
        return spark;
    }

    /**
     * The project's defaults on a session, whoever made it: Parquet page checksums are verified on read
     * ({@link #VERIFY_PAGE_CHECKSUMS}) unless the configuration sets the key
     * ({@code spark.hadoop.parquet.page.verify-checksum.enabled}).
     */
    public static void applyDefaults(SparkSession spark) {
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (hadoop.get(VERIFY_PAGE_CHECKSUMS) == null) {
            hadoop.setBoolean(VERIFY_PAGE_CHECKSUMS, true);
        }
    }
}
