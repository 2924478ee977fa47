package org.mlpf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.JetSchema;

/** Helpers of the jet comparison tests: hand-made jets rows as a real Parquet dataset, single-row lookups. */
final class JetTables {
    private JetTables() {
    }

    /** {@code rows} (the jets schema) written as Parquet partitioned by sample under a fresh directory of {@code tmp}. */
    static Dataset<Row> parquet(SparkSession spark, Path tmp, List<Row> rows) {
        Path dir = tmp.resolve("jets-" + rows.size() + "-" + System.nanoTime());
        spark.createDataFrame(rows, JetSchema.SCHEMA).write().partitionBy(JetSchema.SAMPLE).parquet(dir.toString());
        return spark.read().parquet(dir.toString());
    }

    /** The one row of {@code t} matching {@code filter}; fails if there are none or several. */
    static Row only(Dataset<Row> t, String filter) {
        List<Row> rows = t.filter(filter).collectAsList();
        assertEquals(1, rows.size(), filter + " in " + t.collectAsList());
        return rows.get(0);
    }
}
