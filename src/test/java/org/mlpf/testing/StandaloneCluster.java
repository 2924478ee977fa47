package org.mlpf.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback for integration tests: a SPARK_HOME assembled from Maven artifacts
 * ({@code jobs/make-spark-home}), one master and N workers as separate JVMs, jobs run through
 * {@code jobs/submit.sh}. {@link #close()} stops every process and removes the work directories (they hold a copy
 * of the application jar per application).
 */
public final class StandaloneCluster implements AutoCloseable {
    /** Output of one command. */
    public record Result(int exitCode, String output) {
    }

    private final Path sparkHome;
    private final int port;

    private StandaloneCluster(Path sparkHome, int port) {
        this.sparkHome = sparkHome;
        this.port = port;
    }

    /** Builds the SPARK_HOME under {@code dir}, starts a master and {@code workers} workers and waits for them. */
    public static StandaloneCluster start(Path dir, int workers, int coresPerWorker, String memoryPerWorker)
            throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        Result made = run(List.of(ProjectFiles.file("jobs/make-spark-home").toString(), home.toString()), Map.of(), 300);
        if (made.exitCode() != 0) {
            throw new IllegalStateException("jobs/make-spark-home failed:\n" + made.output());
        }
        int port = freePort();
        StandaloneCluster c = new StandaloneCluster(home, port);
        try {
            run(List.of(home.resolve("sbin/start-master.sh").toString(), "127.0.0.1", Integer.toString(port),
                    Integer.toString(freePort())), Map.of(), 30);
            for (int w = 0; w < workers; w++) {
                run(List.of(home.resolve("sbin/start-worker.sh").toString(), c.masterUrl(), "w" + w,
                        Integer.toString(coresPerWorker), memoryPerWorker), Map.of(), 30);
            }
            c.awaitWorkers(workers, 120);
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The master URL. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The SPARK_HOME. */
    public Path sparkHome() {
        return sparkHome;
    }

    /** Runs {@code jobs/submit.sh --master URL SUBMIT_ARGS...}; stage arguments follow the stage name. */
    public Result submit(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProjectFiles.file("jobs/submit.sh").toString());
        cmd.add("--master");
        cmd.add(masterUrl());
        cmd.addAll(args);
        return run(cmd, Map.of("SPARK_HOME", sparkHome.toString()), timeoutSeconds);
    }

    /** Application directories that workers created (one per application and executor). */
    public List<Path> executorDirs() throws IOException {
        List<Path> out = new ArrayList<>();
        Path work = sparkHome.resolve("work");
        if (Files.isDirectory(work)) {
            try (var s = Files.walk(work, 3)) {
                s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().startsWith("app-"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    private void awaitWorkers(int n, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = sparkHome.resolve("logs/master.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                long registered = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("Registering worker")).count();
                if (registered >= n) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(n + " workers did not register within " + timeoutSeconds + " s; master log:\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    @Override
    public void close() {
        try {
            run(List.of(sparkHome.resolve("sbin/stop-all.sh").toString()), Map.of(), 60);
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the cluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a command, merging stderr into stdout, killing it after the timeout. */
    public static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(ProjectFiles.root().toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("mlpf-cmd", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
