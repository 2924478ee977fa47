package org.mlpf.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.spark.sql.Row;

/**
 * A result table collected to the driver (tables are small: one row per bin, class, sample and source), with
 * helpers to pick rows and write CSV.
 *
 * @param name    table name, also its file name
 * @param columns column names
 * @param rows    the rows
 */
record Table(String name, List<String> columns, List<Row> rows) {
    /** Key columns that order a table's rows, in priority order (those the table has). */
    private static final List<String> ORDER = List.of("sample", "position", "quantity", "threshold", "source", "cls",
            "t_cls", "r_cls", "bin", "group");

    /** The collected rows of a table, sorted by its key columns (tables are small: sorting here saves a job). */
    static Table of(String name, List<String> columns, List<Row> unsorted) {
        List<String> keys = ORDER.stream().filter(columns::contains).toList();
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort((a, b) -> {
            for (String k : keys) {
                int c = compareValues(a.getAs(k), b.getAs(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return new Table(name, columns, List.copyOf(rows));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Rows matching {@code p}. */
    List<Row> where(Predicate<Row> p) {
        return rows.stream().filter(p).toList();
    }

    /** Distinct values of a string column, in order of appearance. */
    List<String> distinct(String column) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            String v = String.valueOf(r.<Object>getAs(column));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The table as CSV with a header line; numbers with up to 10 significant digits. */
    String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Row r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Object v = r.get(i);
                if (v instanceof Double d) {
                    sb.append(String.format(Locale.ROOT, "%.10g", d));
                } else if (v instanceof Float f) {
                    sb.append(String.format(Locale.ROOT, "%.7g", f));
                } else if (v != null) {
                    String s = v.toString();
                    sb.append(s.contains(",") ? "\"" + s + "\"" : s);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A number of a row as double (null as NaN). */
    static double num(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
