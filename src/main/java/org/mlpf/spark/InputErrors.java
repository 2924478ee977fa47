package org.mlpf.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mlpf.spark.ParquetInput.DataFile;

/**
 * Turns a failure inside a Spark job that reads input files (and writes an output) into a one-line error naming the
 * file: the input file it could not read, or the output it could not write.
 */
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

    /**
     * Describes {@code e}, thrown by a job that reads {@code files} of {@code in} and writes {@code out}: a failure
     * whose messages name no input file but the output (the output directory, one of its parents that are not also
     * the input's, or the output's hidden temporary sibling) or a full disk becomes an {@link OutputException} saying
     * nothing was committed; otherwise as {@link #whileReading}.
     */
    public static RuntimeException whileRunning(String in, List<DataFile> files, String out, Exception e) {
        List<String> outputs = outputPaths(in, out);
        boolean namesInput = false;
        boolean namesOutput = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String msg = t.getMessage() == null ? "" : t.getMessage();
            for (DataFile f : files) {
                namesInput |= msg.contains(stripScheme(f.path()));
            }
            for (String o : outputs) {
                namesOutput |= msg.contains(o);
            }
            namesOutput |= msg.contains("No space left on device");
        }
        if (namesOutput && !namesInput) {
            return new OutputException(out + ": cannot write the output (" + ParquetInput.oneLine(e)
                    + "); nothing of it was committed", e);
        }
        return whileReading(in, files, e);
    }

    /** Paths whose mention in an error means the output: its hidden temporary and its parents beyond the input's. */
    static List<String> outputPaths(String in, String out) {
        Path o = Path.of(stripScheme(out)).toAbsolutePath().normalize();
        Path i = Path.of(stripScheme(in)).toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>();
        if (o.getParent() != null && o.getFileName() != null) {
            paths.add(o.getParent().resolve("." + o.getFileName() + ".tmp-").toString());
        }
        for (Path p = o; p != null && p.getNameCount() > 0 && !i.startsWith(p); p = p.getParent()) {
            paths.add(p.toString());
        }
        return paths;
    }

    private static String stripScheme(String p) {
        int i = p.indexOf(":/");
        return i < 0 ? p : p.substring(i + 1);
    }
}
