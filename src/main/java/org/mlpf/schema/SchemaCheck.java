package org.mlpf.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares an actual schema with an expected one, column by column and into nested structs and lists.
 * Nullability, comments and extra columns are ignored; a missing column or a different type is a problem
 * named by its dotted path, e.g. {@code column 'elements.pt' has type double, expected float}.
 */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    /**
     * Lists the differences of {@code actual} from {@code expected}.
     *
     * @param absentAllowed top-level columns that may be missing (e.g. a partition column kept in directory names)
     * @return one message per problem, empty if compatible
     */
    public static List<String> problems(StructType expected, StructType actual, Set<String> absentAllowed) {
        List<String> out = new ArrayList<>();
        compareStruct("", expected, actual, absentAllowed, out);
        return out;
    }

    /** Throws {@link SchemaMismatchException} naming {@code where} and every problem, if there is one. */
    public static void require(DatasetFormat format, StructType actual, Set<String> absentAllowed, String where) {
        List<String> problems = problems(format.schema(), actual, absentAllowed);
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException(where + ": not a " + format.name() + " v" + format.version()
                    + " dataset: " + String.join("; ", problems));
        }
    }

    private static void compareStruct(String prefix, StructType expected, StructType actual, Set<String> absentAllowed,
                                      List<String> out) {
        for (StructField want : expected.fields()) {
            String path = prefix + want.name();
            int idx = fieldIndex(actual, want.name());
            if (idx < 0) {
                if (!(prefix.isEmpty() && absentAllowed.contains(want.name()))) {
                    out.add("column '" + path + "' is missing");
                }
                continue;
            }
            compareType(path, want.dataType(), actual.fields()[idx].dataType(), out);
        }
    }

    private static void compareType(String path, DataType want, DataType got, List<String> out) {
        if (want instanceof StructType ws && got instanceof StructType gs) {
            compareStruct(path + ".", ws, gs, Set.of(), out);
        } else if (want instanceof ArrayType wa && got instanceof ArrayType ga) {
            compareType(path, wa.elementType(), ga.elementType(), out);
        } else if (want instanceof MapType wm && got instanceof MapType gm) {
            compareType(path + ".key", wm.keyType(), gm.keyType(), out);
            compareType(path + ".value", wm.valueType(), gm.valueType(), out);
        } else if (!want.sameType(got)) {
            out.add("column '" + path + "' has type " + got.simpleString() + ", expected " + want.simpleString());
        }
    }

    private static int fieldIndex(StructType t, String name) {
        String[] names = t.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
