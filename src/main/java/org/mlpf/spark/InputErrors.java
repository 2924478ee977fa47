package org.mlpf.spark;

import java.io.IOException;
import java.util.List;

import org.mlpf.spark.ParquetInput.DataFile;

/** Turns a failure inside a Spark job that reads input files into a one-line error naming the file. */
public final class InputErrors {
    private InputErrors() {
    }

    /**
     * Describes {@code e}, thrown while reading {@code files} of {@code path}. A read failure (an I/O or
     * Parquet decoding error, or one whose message names an input file) becomes an {@link InputException}
     * naming the file; anything else is returned unchanged (checked exceptions, such as Spark's job failures,
     * wrapped).
     */
    public static RuntimeException whileReading(String path, List<DataFile> files, Exception e) {
        String file = null;
        boolean readFailure = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String msg = t.getMessage() == null ? "" : t.getMessage();
            if (file == null) {
                for (DataFile f : files) {
                    if (msg.contains(stripScheme(f.path()))) {
                        file = f.path();
                        break;
                    }
                }
            }
            String cls = t.getClass().getName();
            readFailure |= t instanceof IOException || cls.startsWith("org.apache.parquet.")
                    || cls.endsWith("SchemaColumnConvertNotSupportedException");
        }
        if (file == null && !readFailure) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        String where = file != null ? file : path;
        return new InputException(where + ": cannot read Parquet data (" + ParquetInput.oneLine(e) + ")", e);
    }

    private static String stripScheme(String p) {
        int i = p.indexOf(":/");
        return i < 0 ? p : p.substring(i + 1);
    }
}
