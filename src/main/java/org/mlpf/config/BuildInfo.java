package org.mlpf.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Facts fixed at build time: project and library versions, the git commit, and the JVM options Spark needs on
 * Java 17. Read from {@code org/mlpf/build.properties} (Maven-filtered) and {@code git.properties}.
 */
public final class BuildInfo {
    private static final Properties BUILD = load("/org/mlpf/build.properties");
    private static final Properties GIT = load("/org/mlpf/git.properties");

    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The abbreviated git commit the code was built from, with {@code -dirty} for uncommitted changes. */
    public static String commit() {
        String id = GIT.getProperty("git.commit.id.abbrev", "");
        if (id.isEmpty()) {
            return "unknown";
        }
        return "true".equals(GIT.getProperty("git.dirty")) ? id + "-dirty" : id;
    }

    /** Spark version the project was built against. */
    public static String sparkVersion() {
        return BUILD.getProperty("spark.version", "unknown");
    }

    /** DJL version the project was built against. */
    public static String djlVersion() {
        return BUILD.getProperty("djl.version", "unknown");
    }

    /** PyTorch (libtorch) version of the natives. */
    public static String pytorchVersion() {
        return BUILD.getProperty("pytorch.version", "unknown");
    }

    /** The {@code --add-opens} list Spark needs on Java 17, space separated. */
    public static String java17Opens() {
        return BUILD.getProperty("java17.opens", "");
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return p;
    }
}
