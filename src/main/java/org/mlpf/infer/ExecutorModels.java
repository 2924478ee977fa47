package org.mlpf.infer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import ai.djl.engine.Engine;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.mlpf.model.MlpfModel;
import org.mlpf.model.ModelDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of this JVM (an executor, or the driver in local mode): each model directory is loaded once, on first
 * use, and shared by every task of the JVM; tasks hold a {@link Lease} while they predict. Loading takes a second or
 * more (engine start, checksum, parameters), so doing it per partition or per batch would cost more than the
 * inference of small partitions. A directory whose parameters changed (another {@link ModelRef#sha256}) is loaded
 * anew; the old model is closed when its last lease is.
 *
 * <p>Directories on a non-local file system (HDFS, S3) are first copied to a local temporary directory, since DJL
 * reads models from local files.
 */
public final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, Entry> MODELS = new HashMap<>();
    private static int loads;

    private ExecutorModels() {
    }

    private static final class Entry {
        final ModelRef ref;
        final MlpfModel model;
        int leases;
        boolean retired;

        Entry(ModelRef ref, MlpfModel model) {
            this.ref = ref;
            this.model = model;
        }
    }

    /** A model directory could not be loaded (missing, unreadable, or changed since the job started). */
    public static final class LoadException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        LoadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A task's use of a shared model; closing it never closes the model itself while it is current. */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The model (valid until this lease is closed). */
        public MlpfModel model() {
            return entry.model;
        }

        @Override
        public void close() {
            synchronized (ExecutorModels.class) {
                if (closed) {
                    return;
                }
                closed = true;
                entry.leases--;
                if (entry.retired && entry.leases == 0) {
                    entry.model.close();
                }
            }
        }
    }

    /**
     * The model of {@code ref}, loaded on first use in this JVM.
     *
     * @throws LoadException if the directory is missing, unreadable, does not match its manifest, or no longer
     *                              holds the parameters {@code ref} names
     */
    public static synchronized Lease acquire(ModelRef ref) {
        Entry e = MODELS.get(ref.uri());
        if (e == null || !e.ref.sha256().equals(ref.sha256())) {
            Entry loaded = new Entry(ref, load(ref));
            loads++;
            if (e != null) {
                e.retired = true;
                if (e.leases == 0) {
                    e.model.close();
                }
            }
            MODELS.put(ref.uri(), loaded);
            e = loaded;
        }
        e.leases++;
        return new Lease(e);
    }

    /** Models loaded by this JVM so far (tests check it is one per directory, not one per partition). */
    static synchronized int loads() {
        return loads;
    }

    private static MlpfModel load(ModelRef ref) {
        long t0 = System.nanoTime();
        // Read by the engine when it starts: one inter-op thread (intra-op threads are set per task).
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getEngine(MlpfModel.ENGINE);
        try {
            Path dir = localDirectory(ref);
            String sha = ModelDirectory.manifest(dir).parametersSha256();
            if (!ref.sha256().equals(sha)) {
                throw new IOException(ref.uri() + ": the parameters changed since the job started (SHA-256 " + sha
                        + ", the job expects " + ref.sha256() + ")");
            }
            MlpfModel model = ModelDirectory.load(dir);
            LOG.info("loaded model {} ({} trainable parameters) in {} s", ref, model.trainableParameterCount(),
                    String.format("%.2f", (System.nanoTime() - t0) / 1e9));
            return model;
        } catch (IOException e) {
            throw new LoadException(e);
        }
    }

    /**
     * The model directory as a local path: itself for a {@code file:} URI, else a copy in a local temporary
     * directory (one per checksum and JVM).
     */
    static Path localDirectory(ModelRef ref) throws IOException {
        URI uri = URI.create(ref.uri());
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return uri.getScheme() == null ? Paths.get(ref.uri()) : Paths.get(uri);
        }
        Path local = Paths.get(System.getProperty("java.io.tmpdir"), "mlpf-model-" + ref.sha256().substring(0, 16));
        if (!ModelDirectory.isModelDirectory(local)) {
            Path tmp = Files.createTempDirectory("mlpf-model-copy");
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = src.getFileSystem(new Configuration());
            for (var f : fs.listStatus(src)) {
                if (f.isFile()) {
                    fs.copyToLocalFile(false, f.getPath(), new org.apache.hadoop.fs.Path(tmp.resolve(
                            f.getPath().getName()).toUri()), true);
                }
            }
            try {
                Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("copied model {} to {}", ref, local);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another executor on this machine copied the same parameters first
                try (var files = Files.list(tmp)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(tmp);
            }
        }
        return local;
    }
}
