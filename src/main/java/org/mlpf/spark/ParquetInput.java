package org.mlpf.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Inspects a Parquet dataset before Spark reads it, so that a missing path, an empty directory or a corrupt or
 * truncated file gives a one-line error naming it instead of a stack trace from deep inside a job. Reads only
 * file listings and footers (a few KB per file).
 */
public final class ParquetInput {
    /** Spark's own copy of the schema in the footer of the files it writes. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    /** The partition column every per-event dataset has, kept in directory names rather than in files. */
    private static final String SAMPLE_COLUMN = "sample";

    /**
     * One data file of the dataset.
     *
     * @param path   the file
     * @param rows   number of rows (events) in the file's footer
     * @param schema the file's schema as Spark sees it (without partition columns)
     */
    public record DataFile(String path, long rows, StructType schema) {
    }

    private ParquetInput() {
    }

    /**
     * Lists and checks the data files under {@code path} (a file or a directory tree, with {@code key=value}
     * partition directories; names starting with {@code _} or {@code .} are skipped, as Spark does).
     *
     * @throws InputException if the path does not exist, holds no Parquet file, or a file's footer is unreadable
     */
    public static List<DataFile> inspect(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(path);
        List<FileStatus> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new InputException("input path does not exist: " + path);
            }
            collect(fs, fs.getFileStatus(root), files);
        } catch (FileNotFoundException e) {
            throw new InputException("input path does not exist: " + path, e);
        } catch (IOException e) {
            throw new InputException("cannot list input path " + path + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException("no Parquet data files under " + path + " (empty directory?)");
        }
        Collections.sort(files, (a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(false, true, false, false, false);
        List<DataFile> out = new ArrayList<>(files.size());
        for (FileStatus f : files) {
            out.add(readFooter(conf, f, converter));
        }
        return out;
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out) throws IOException {
        String name = status.getPath().getName();
        if (status.isFile()) {
            if (!name.startsWith("_") && !name.startsWith(".")) {
                out.add(status);
            }
            return;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            String childName = child.getPath().getName();
            if (childName.startsWith("_") || childName.startsWith(".")) {
                continue;
            }
            collect(fs, child, out);
        }
    }

    private static DataFile readFooter(Configuration conf, FileStatus f, ParquetToSparkSchemaConverter converter) {
        String file = f.getPath().toString();
        if (f.getLen() < 12) {
            throw new InputException(file + ": not a Parquet file (only " + f.getLen() + " bytes; truncated?)");
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
            ParquetMetadata footer = reader.getFooter();
            Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
            String json = kv.get(SPARK_SCHEMA_KEY);
            StructType schema = json != null
                    ? (StructType) DataType.fromJson(json)
                    : converter.convert(footer.getFileMetaData().getSchema());
            return new DataFile(file, reader.getRecordCount(), schema);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": not a readable Parquet file (corrupt or truncated footer: "
                    + oneLine(e) + ")", e);
        }
    }

    /**
     * Reads the dataset at {@code path} with its partition columns, also when {@code path} is one partition
     * directory (e.g. {@code ROOT/ntuples/sample=ttbar}) or a file inside one: the enclosing {@code key=value}
     * directories then still give their columns, as if the whole dataset had been read.
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> read(SparkSession spark, String path,
                                                                             List<DataFile> files) {
        Path p = new Path(path);
        boolean isFile = files.size() == 1 && new Path(files.get(0).path()).getName().equals(p.getName());
        Path base = isFile ? p.getParent() : p;
        while (base != null && base.getName().contains("=")) {
            base = base.getParent();
        }
        org.apache.spark.sql.DataFrameReader reader = spark.read();
        if (base != null && !base.equals(p)) {
            reader = reader.option("basePath", base.toString());
        }
        return reader.parquet(path);
    }

    /**
     * Inspects every file of {@code path}, checks each file's schema and then the dataset's against {@code format}
     * (a file may lack the {@code sample} column, which partition directories carry), and reads the dataset with its
     * partition columns.
     *
     * @param files receives the data files read (for naming a file in later read errors); may be null
     * @throws InputException                          if the path is missing, empty or holds unreadable files
     * @throws org.mlpf.schema.SchemaMismatchException naming the file and the column that differs
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> readChecked(
            SparkSession spark, String path, org.mlpf.schema.DatasetFormat format, List<DataFile> files) {
        List<DataFile> found = inspect(spark, path);
        for (DataFile f : found) {
            org.mlpf.schema.SchemaCheck.require(format, f.schema(), java.util.Set.of(SAMPLE_COLUMN), f.path());
        }
        if (files != null) {
            files.addAll(found);
        }
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = read(spark, path, found);
        org.mlpf.schema.SchemaCheck.require(format, df.schema(), java.util.Set.of(), path);
        return df;
    }

    /** The innermost message of a throwable, on one line. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
