package org.mlpf.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.mlpf.spark.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The lock a pipeline run holds on its root for as long as it runs, so that two runs on one root (a scheduler's
 * overlapping runs) cannot delete each other's unfinished outputs. The lock is the file {@value #FILE} in the root,
 * created exclusively ({@code O_EXCL} on a local disk, {@code create} without overwrite on HDFS and other Hadoop file
 * systems) and holding the owner's host, process id and start time. A lock whose owner ran on this host and is no
 * longer alive is stale (a killed run) and is taken over; a lock of another host is never guessed at: its message
 * says which file to delete once that run is known to be gone. Released on {@link #close} and by a shutdown hook
 * (SIGTERM, Ctrl-C).
 */
public final class RootLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootLock.class);
    private static final Gson GSON = new Gson();

    /** Name of the lock file in the pipeline root. */
    public static final String FILE = ".mlpf-pipeline.lock";

    /**
     * What the lock file says of its owner.
     *
     * @param host  host name of the owner
     * @param pid   process id of the owner
     * @param since when the owner took the lock (ISO-8601)
     * @param token random id of this holding, so that a run removes only its own lock
     */
    public record Holder(String host, long pid, String since, String token) {
        @Override
        public String toString() {
            return "pid " + pid + " on host " + host + ", since " + since;
        }
    }

    /** The root is locked by a live run (or by a run on another host). */
    public static final class LockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }

    private final FileSystem fs;
    private final Path lock;
    private final Holder holder;
    private final Thread hook;
    private boolean released;

    private RootLock(FileSystem fs, Path lock, Holder holder) {
        this.fs = fs;
        this.lock = lock;
        this.holder = holder;
        this.hook = new Thread(this::release, "mlpf-pipeline-lock-release");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Takes the lock of {@code root} (created if missing).
     *
     * @throws LockedException naming the owner and the lock file if another run holds it
     * @throws InputException  if the root cannot be written
     */
    public static RootLock acquire(FileSystem fs, Path root) {
        Path lock = new Path(root, FILE);
        Holder me = new Holder(host(), ProcessHandle.current().pid(), Instant.now().toString(),
                UUID.randomUUID().toString());
        try {
            fs.mkdirs(root);
            for (int attempt = 0; attempt < 2; attempt++) {
                if (createExclusively(fs, lock, GSON.toJson(me))) {
                    LOG.info("{}: locked for this run ({})", root, me);
                    return new RootLock(fs, lock, me);
                }
                Holder owner = read(fs, lock);
                if (owner == null || !isStale(owner, me.host())) {
                    throw new LockedException(root + " is in use by another pipeline run ("
                            + (owner == null ? "owner unreadable" : owner) + "): wait for it to finish; if it is known "
                            + "to be gone, delete " + lock);
                }
                LOG.warn("{}: taking over the lock of a run that is gone ({})", root, owner);
                fs.delete(lock, false);
            }
            throw new LockedException(root + " is in use by another pipeline run that took the lock just now");
        } catch (IOException e) {
            throw new InputException("cannot lock the pipeline root " + root + ": " + e.getMessage(), e);
        }
    }

    /** True if the owner ran on this host and its process is no longer alive. */
    static boolean isStale(Holder owner, String thisHost) {
        return owner.host().equals(thisHost) && ProcessHandle.of(owner.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    /** The owner recorded in the lock file, or null if there is none or it cannot be read. */
    static Holder read(FileSystem fs, Path lock) throws IOException {
        try (InputStream in = fs.open(lock)) {
            Holder h = GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), Holder.class);
            return h == null || h.host() == null ? null : h;
        } catch (java.io.FileNotFoundException e) {
            return null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static boolean createExclusively(FileSystem fs, Path lock, String content) throws IOException {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            java.nio.file.Path file = java.nio.file.Path.of(lock.toUri().getPath());
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            Files.writeString(file, content);
            return true;
        }
        try (OutputStream out = fs.create(lock, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }

    /** The owner this lock records: this run. */
    public Holder holder() {
        return holder;
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            Holder now = read(fs, lock);
            if (now != null && now.token().equals(holder.token())) {
                fs.delete(lock, false);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the pipeline lock {}: {}", lock, e.getMessage());
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) release, which is idempotent
        }
    }
}
