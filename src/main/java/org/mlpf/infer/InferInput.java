package org.mlpf.infer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.size;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaCheck;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.spark.ParquetInput;
import org.mlpf.spark.ParquetInput.DataFile;

/**
 * The input of an inference run, checked before any work: a tensors output (the directory tensorize wrote, its
 * {@code data/} directory, or any part of it) restricted to one split, or an ntuple dataset. Which one is decided
 * by the files' columns ({@code x} for tensors, {@code elements} for ntuples); every file's schema is checked and a
 * mismatch names the file and the column.
 *
 * @param kind    what the input holds
 * @param path    the dataset read (for a tensors output, its {@code data/} directory)
 * @param files   its data files
 * @param rows    its rows, with partition columns, restricted to the split for tensors
 * @param buckets the buckets of a tensors input, from its {@code bucket=N} directories (empty if there are none)
 * @param split   the split a tensors input was restricted to, or {@link InferConfig#ALL}
 */
public record InferInput(Kind kind, String path, List<DataFile> files, Dataset<Row> rows, Set<Integer> buckets,
                         String split) {
    /** What an input holds. */
    public enum Kind { TENSORS, NTUPLES }

    private static final Pattern SPLIT_DIR = Pattern.compile("/" + TensorSchema.SPLIT + "=([^/]+)/");
    private static final Pattern BUCKET_DIR = Pattern.compile("/" + TensorSchema.BUCKET + "=([0-9]+)/");

    /**
     * Resolves and checks {@code in}.
     *
     * @param split the split of a tensors input ({@link InferConfig#ALL} for every row)
     * @throws InputException if the input is missing, empty, unreadable, holds neither tensors nor ntuples, or has no
     *                        row of the split
     * @throws org.mlpf.schema.SchemaMismatchException naming the file and column that do not fit
     */
    public static InferInput resolve(SparkSession spark, String in, String split) {
        String path = in;
        Path data = new Path(in, TensorSchema.DATA_DIR);
        try {
            FileSystem fs = data.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.isDirectory(data)) {
                path = data.toString();
            }
        } catch (IOException e) {
            throw new InputException("cannot list input path " + in + ": " + e.getMessage(), e);
        }
        List<DataFile> files = ParquetInput.inspect(spark, path);
        DataFile first = files.get(0);
        boolean tensors = first.schema().getFieldIndex(TensorSchema.X).isDefined();
        if (!tensors && !first.schema().getFieldIndex(NtupleSchema.ELEMENTS).isDefined()) {
            throw new InputException(first.path() + ": neither tensors (no column '" + TensorSchema.X
                    + "') nor ntuples (no column '" + NtupleSchema.ELEMENTS + "')");
        }
        for (DataFile f : files) {
            if (tensors) {
                SchemaCheck.require(TensorSchema.FORMAT, f.schema(), Set.of(TensorSchema.SPLIT, TensorSchema.BUCKET),
                        f.path());
            } else {
                SchemaCheck.require(NtupleSchema.FORMAT, f.schema(), Set.of(NtupleSchema.SAMPLE), f.path());
            }
        }
        Dataset<Row> rows = ParquetInput.read(spark, path, files);
        if (!tensors) {
            return new InferInput(Kind.NTUPLES, path, files, rows, Set.of(), InferConfig.ALL);
        }
        Set<String> splits = new TreeSet<>();
        Set<Integer> buckets = new TreeSet<>();
        for (DataFile f : files) {
            Matcher s = SPLIT_DIR.matcher(f.path());
            String fileSplit = s.find() ? s.group(1) : null;
            if (fileSplit != null) {
                splits.add(fileSplit);
            }
            Matcher b = BUCKET_DIR.matcher(f.path());
            if ((split.equals(InferConfig.ALL) || split.equals(fileSplit)) && b.find()) {
                buckets.add(Integer.valueOf(b.group(1)));
            }
        }
        if (!split.equals(InferConfig.ALL)) {
            if (!rows.schema().getFieldIndex(TensorSchema.SPLIT).isDefined()) {
                throw new InputException(path + ": no " + TensorSchema.SPLIT + "=NAME directories to take split '"
                        + split + "' from; use --split all");
            }
            if (!splits.contains(split)) {
                throw new InputException(path + ": no rows of split '" + split + "' (splits present: "
                        + String.join(", ", splits) + ")");
            }
            rows = rows.filter(col(TensorSchema.SPLIT).equalTo(split));
        }
        return new InferInput(Kind.TENSORS, path, files, rows, buckets, split);
    }

    /**
     * The samples of the input and the {@code schema_version} values of each, in one scan of two small columns.
     *
     * @return sample to its versions, sorted by sample
     */
    public SortedMap<String, SortedSet<Integer>> samplesAndVersions() {
        SortedMap<String, SortedSet<Integer>> out = new TreeMap<>();
        for (Row r : rows.select(col(TensorSchema.SAMPLE), col(TensorSchema.SCHEMA_VERSION)).distinct()
                .collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getInt(1));
        }
        return out;
    }

    /** A file holding a row with {@code schema_version} other than {@code expected}, for messages. */
    public String fileWithVersionOtherThan(int expected) {
        List<Row> r = rows.filter(col(TensorSchema.SCHEMA_VERSION).notEqual(expected)).select(input_file_name())
                .limit(1).collectAsList();
        return r.isEmpty() ? path : r.get(0).getString(0);
    }

    /**
     * A tensors row's size: values of {@code x}, element slots (the length of {@code vz}), and its file.
     *
     * @param values x values
     * @param slots  element slots
     * @param file   the file holding the row
     */
    public record RowShape(long values, long slots, String file) {
    }

    /** For a tensors input: the shape of its first row, to tell how many features per element the data has. */
    public Optional<RowShape> firstRowShape() {
        List<Row> r = rows.select(size(col(TensorSchema.X)), size(col(TensorSchema.VZ)), input_file_name()).limit(1)
                .collectAsList();
        return r.stream().findFirst().map(x -> new RowShape(x.getInt(0), x.getInt(1), x.getString(2)));
    }
}
