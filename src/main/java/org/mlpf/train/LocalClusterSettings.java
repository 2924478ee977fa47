package org.mlpf.train;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mlpf.config.BuildInfo;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;

/**
 * Spark settings that make a {@code local-cluster[W,C,MB]} master work without a Spark distribution, for
 * multi-process training and its benchmark on one machine: every worker is an executor JVM of its own (one PyTorch
 * gradient collector per JVM, so W > 1 workers in one JVM would take turns). Executors get the driver's class path
 * (absolute), the Java 17 opens, DJL offline, one OpenMP policy; Spark's launcher still needs {@code SPARK_HOME} with
 * a {@code jars/} directory, which may be empty ({@code jobs/mlpf} provides one). Settings given explicitly win.
 */
public final class LocalClusterSettings {
    private LocalClusterSettings() {
    }

    /** {@code s} with the executor settings a local-cluster master needs; other masters are left alone. */
    public static Settings prepare(Settings s) {
        return prepare(s, System.getenv(), System.getProperty("java.class.path"));
    }

    static Settings prepare(Settings s, Map<String, String> env, String classPath) {
        String master = s.raw("spark.master").orElse("");
        if (!master.startsWith("local-cluster")) {
            return s;
        }
        String home = env.get("SPARK_HOME");
        if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
            throw new ConfigException("master " + master + " starts executor JVMs through Spark's launcher, which "
                    + "needs SPARK_HOME naming a directory with a jars/ folder (an empty one will do), e.g. export "
                    + "SPARK_HOME=/tmp/spark-home; mkdir -p $SPARK_HOME/jars (jobs/mlpf sets one)");
        }
        String source = "local-cluster default";
        s = absent(s, "spark.executor.extraClassPath", absoluteClassPath(classPath), source);
        s = absent(s, "spark.executor.extraJavaOptions", BuildInfo.java17Opens() + " -Dai.djl.offline=true", source);
        s = absent(s, "spark.executorEnv.SPARK_SCALA_VERSION", "2.12", source);
        s = absent(s, "spark.executorEnv.DJL_OFFLINE", "true", source);
        s = absent(s, "spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE", source);
        for (String malloc : List.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")) {
            if (env.containsKey(malloc)) {
                s = absent(s, "spark.executorEnv." + malloc, env.get(malloc), source);
            }
        }
        s = absent(s, "spark.executor.memory", "1g", source);
        // a local-cluster stage that cannot get its slots should fail in a minute, not retry for ten
        s = absent(s, "spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "4", source);
        return s;
    }

    private static Settings absent(Settings s, String key, String value, String source) {
        return s.raw(key).isPresent() ? s : s.with(key, value, source);
    }

    /** The class path with every entry absolute (executors start elsewhere; relative entries break them). */
    static String absoluteClassPath(String classPath) {
        List<String> out = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
