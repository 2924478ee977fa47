package org.mlpf.schema;

import org.apache.spark.sql.types.StructType;

/**
 * An on-disk format: its name, version, Spark schema (one row per event) and a one-line description.
 *
 * @param name        short name, e.g. {@code ntuple}
 * @param version     schema version, stored in every row's {@code schema_version} column
 * @param schema      the columns, each with a comment giving its meaning and unit
 * @param description what one row is
 */
public record DatasetFormat(String name, int version, StructType schema, String description) {
}
