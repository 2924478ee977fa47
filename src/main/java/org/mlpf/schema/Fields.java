package org.mlpf.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Small helpers that keep the schema classes readable: every field carries its documentation. */
final class Fields {
    private Fields() {
    }

    static StructField f(String name, DataType type, String doc) {
        return DataTypes.createStructField(name, type, false).withComment(doc);
    }

    static StructField nullable(String name, DataType type, String doc) {
        return DataTypes.createStructField(name, type, true).withComment(doc);
    }

    static DataType listOf(DataType element) {
        return DataTypes.createArrayType(element, false);
    }
}
