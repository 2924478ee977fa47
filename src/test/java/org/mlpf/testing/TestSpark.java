package org.mlpf.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (surefire runs all tests in one fork): local[2], no UI, few shuffle
 * partitions, the project's session defaults ({@code Sessions.applyDefaults}). Tests never stop it; the JVM's shutdown hook does.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    /** The shared session, created on first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("mlpf-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            org.mlpf.spark.Sessions.applyDefaults(session);
        }
        return session;
    }
}
