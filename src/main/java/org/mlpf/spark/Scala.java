package org.mlpf.spark;

import java.util.List;

import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The few Scala conversions the Java API of Spark needs (e.g. the columns of a join). */
public final class Scala {
    private Scala() {
    }

    /** A Scala sequence of the given strings, in order. */
    public static Seq<String> seq(String... values) {
        return JavaConverters.asScalaBuffer(List.of(values)).toSeq();
    }
}
