package org.mlpf.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's output directory, committed atomically: everything is written under a hidden temporary sibling
 * ({@code .NAME.tmp-UUID}, which Spark readers ignore), a {@code _SUCCESS} marker is added, and the directory is
 * renamed into place by {@link #commit()}. A crashed or failed job therefore leaves no partial data under the
 * final name, and a rerun removes the stale temporaries of earlier attempts. Rename is atomic on HDFS and local
 * file systems; on object stores (S3) it is a copy, so readers should check the marker.
 */
public final class OutputDir implements AutoCloseable {
    /** Marker file of a committed output. */
    public static final String SUCCESS = "_SUCCESS";

    private static final Logger LOG = LoggerFactory.getLogger(OutputDir.class);

    private final FileSystem fs;
    private final Path target;
    private final Path tmp;
    private boolean committed;

    private OutputDir(FileSystem fs, Path target, Path tmp) {
        this.fs = fs;
        this.target = target;
        this.tmp = tmp;
    }

    /**
     * Starts writing {@code path}.
     *
     * @param overwrite replace an existing output at commit; without it an existing output is an error now
     * @throws InputException if the output exists and {@code overwrite} is false, or the file system fails
     */
    public static OutputDir begin(SparkSession spark, String path, boolean overwrite) {
        Path target = new Path(path);
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            target = fs.makeQualified(target);
            if (fs.exists(target) && !overwrite) {
                throw new InputException("output path exists: " + path + " (use --overwrite to replace it)");
            }
            Path parent = target.getParent();
            String prefix = "." + target.getName() + ".tmp-";
            if (fs.exists(parent)) {
                for (FileStatus stale : fs.listStatus(parent, p -> p.getName().startsWith(prefix))) {
                    LOG.info("removing the temporary output of an earlier, unfinished run: {}", stale.getPath());
                    fs.delete(stale.getPath(), true);
                }
            }
            Path tmp = new Path(parent, prefix + UUID.randomUUID());
            return new OutputDir(fs, target, tmp);
        } catch (IOException e) {
            throw new InputException("cannot prepare output " + path + ": " + e.getMessage(), e);
        }
    }

    /** The final path. */
    public String target() {
        return target.toString();
    }

    /** The temporary directory itself, where a job writing one dataset writes. */
    public String path() {
        return tmp.toString();
    }

    /** A path inside the temporary directory, where the job writes. */
    public String resolve(String child) {
        return new Path(tmp, child).toString();
    }

    /** Writes a small text file (JSON, Markdown) inside the temporary directory. */
    public void writeText(String child, String text) {
        try (OutputStream out = fs.create(new Path(tmp, child), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("cannot write " + new Path(target, child) + ": " + e.getMessage(), e);
        }
    }

    /** Copies a local file (e.g. a plot) into the temporary directory as {@code child}. */
    public void copyFromLocal(java.nio.file.Path local, String child) {
        try {
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), new Path(tmp, child));
        } catch (IOException e) {
            throw new InputException("cannot write " + new Path(target, child) + ": " + e.getMessage(), e);
        }
    }

    /** Adds the success marker and moves the output into place, replacing an older one. */
    public void commit() {
        try {
            fs.mkdirs(tmp);
            fs.create(new Path(tmp, SUCCESS), true).close();
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot delete the old output");
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename of " + tmp + " failed");
            }
            committed = true;
        } catch (IOException e) {
            throw new InputException("cannot commit output " + target + ": " + e.getMessage(), e);
        }
    }

    /** True if {@code path} is a committed output (has the success marker). */
    public static boolean isCommitted(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(new Path(p, SUCCESS));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the temporary directory unless committed (a failed job leaves nothing behind). */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            fs.delete(tmp, true);
        } catch (IOException e) {
            LOG.warn("could not remove temporary output {}: {}", tmp, e.getMessage());
        }
    }
}
