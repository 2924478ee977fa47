package org.mlpf.notebooks;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.zeppelin.interpreter.ZeppelinContext;

/**
 * What the runner's REPL binds as {@code spark}, {@code sc}, {@code sqlContext} and {@code z}: the REPL reads them from
 * here in one request (Scala's own {@code bind} compiles two wrappers per name, a second each).
 */
public final class ReplBindings {
    private static volatile SparkSession spark;
    private static volatile ZeppelinContext z;

    private ReplBindings() {
    }

    static void set(SparkSession session, ZeppelinContext context) {
        spark = session;
        z = context;
    }

    /** The notebook's session. */
    public static SparkSession spark() {
        return spark;
    }

    /** Its SparkContext. */
    public static SparkContext sc() {
        return spark.sparkContext();
    }

    /** Its SQLContext. */
    public static SQLContext sqlContext() {
        return spark.sqlContext();
    }

    /** Zeppelin's context. */
    public static ZeppelinContext z() {
        return z;
    }
}
