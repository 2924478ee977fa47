package org.mlpf.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.Gson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mlpf.testing.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes every notebook of {@code notebooks/} headless ({@link NotebookRunner}) against a small generated sample,
 * and the deliberately broken notebooks of {@code src/test/resources/notebooks/broken/}, which must fail at the
 * paragraph their name promises.
 *
 * <p>The runner needs a SparkContext created with the Scala REPL's class loader as context class loader, which the
 * shared session of this JVM ({@code TestSpark}) is not. So all notebooks run once, in one child JVM started with
 * this JVM's class path and options ({@link NotebookSuite}); the tests here judge its report. Its log is
 * {@code target/notebooks/suite.log}, the data the notebooks wrote stays in {@code target/notebooks/work/data}.
 */
class NotebooksTest {
    private static final Logger LOG = LoggerFactory.getLogger(NotebooksTest.class);
    private static final long TIMEOUT_MINUTES = 20;
    private static NotebookSuite.Report report;
    private static String suiteFailure;

    static List<Path> projectNotebooks() throws IOException {
        return zpln(ProjectFiles.file("notebooks"));
    }

    static List<Path> brokenNotebooks() throws IOException {
        return zpln(ProjectFiles.file("src/test/resources/notebooks/broken"));
    }

    private static List<Path> zpln(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".zpln"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** Runs the suite once per test JVM and returns its report. */
    static synchronized NotebookSuite.Report report() throws IOException, InterruptedException {
        if (report != null) {
            return report;
        }
        if (suiteFailure != null) {
            fail(suiteFailure); // run once: every test of this class reports the same broken run
        }
        Path dir = ProjectFiles.file("target/notebooks");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path reportFile = dir.resolve("report.json");
        Path log = dir.resolve("suite.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(childJvmOptions());
        cmd.add("-Dmlpf.project.dir=" + ProjectFiles.root());
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(NotebookSuite.class.getName());
        cmd.add("--work");
        cmd.add(dir.resolve("work").toString());
        cmd.add("--report");
        cmd.add(reportFile.toString());
        // the broken ones last: a failed paragraph leaves nothing behind that the others could depend on
        projectNotebooks().forEach(p -> cmd.add(p.toString()));
        brokenNotebooks().forEach(p -> cmd.add(p.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            suiteFailure = "notebook suite did not finish in " + TIMEOUT_MINUTES + " min; log " + log + ":\n"
                    + tail(log);
            fail(suiteFailure);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0 || !Files.exists(reportFile)) {
            suiteFailure = "notebook suite exited with " + p.exitValue() + "; log " + log + ":\n" + tail(log);
            fail(suiteFailure);
        }
        report = new Gson().fromJson(Files.readString(reportFile, StandardCharsets.UTF_8), NotebookSuite.Report.class);
        LOG.info("notebook suite: {} s in a child JVM (REPL and Spark start {} s, sample {} s, notebooks {} s)",
                String.format("%.1f", seconds), String.format("%.1f", report.startSeconds()),
                String.format("%.1f", report.prepareSeconds()),
                String.format("%.1f", report.notebooks().stream().mapToDouble(NotebookRunner.NotebookResult::seconds)
                        .sum()));
        for (NotebookRunner.NotebookResult r : report.notebooks()) {
            LOG.info("  {}: {} s, {}", r.file(), String.format("%.1f", r.seconds()),
                    r.failed() == null ? "ok" : "failed at paragraph " + r.failed().index());
        }
        return report;
    }

    /** This JVM's options (add-opens, DJL and reflection flags), with a smaller heap and without debug agents. */
    private static List<String> childJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-Dmlpf.project.dir")) {
                continue;
            }
            out.add(a);
        }
        out.add("-Xmx2g");
        return out;
    }

    /** The test class path (surefire may hand this JVM a manifest-only jar instead). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static NotebookRunner.NotebookResult result(Path file) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        NotebookSuite.Report r = report();
        assertTrue(!r.unreadable().containsKey(name), name + ": " + r.unreadable().get(name));
        return r.notebooks().stream().filter(n -> n.file().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " was not run; ran " + r.notebooks().stream()
                        .map(NotebookRunner.NotebookResult::file).collect(Collectors.joining(", "))));
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsToTheEnd() throws IOException {
        List<Path> files = projectNotebooks();
        assertTrue(files.size() >= 5, "notebooks/ holds " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NotebookRunner.NotebookResult r = result(f);
            NotebookRunner.ParagraphResult failed = r.failed();
            if (failed != null) {
                fail(failed.failure() + "\n--- paragraph output ---\n" + failed.output());
            }
            Notebook nb = Notebook.read(f);
            assertEquals(nb.paragraphs().size(), r.paragraphs().size(), "every paragraph of " + nb.describe() + " ran");
            for (NotebookRunner.ParagraphResult p : r.paragraphs()) {
                if (p.interpreter().equals(Notebook.SQL)) {
                    // an empty table means the notebook's data flow broke somewhere upstream
                    long rows = p.output().lines().filter(l -> !l.isBlank() && !l.startsWith("%")).count();
                    assertTrue(rows > 0, nb.describe() + ", paragraph " + p.index() + " \"" + p.title()
                            + "\": the query returned no rows");
                }
            }
        }));
    }

    @Test
    void theNotebooksShowTablesOfTheGeneratedSample() throws Exception {
        NotebookSuite.Report r = report();
        assertTrue(r.sampleEvents() > 0, "sample events");
        assertTrue(r.rowsShown() > 0, "tables rendered rows: " + r.rowsShown());
    }

    private static void assertFailsAt(String fileStart, int paragraph, String title, NotebookRunner.FailureKind kind,
                                      String detail) throws Exception {
        Path file = brokenNotebooks().stream().filter(p -> p.getFileName().toString().startsWith(fileStart))
                .findFirst().orElseThrow();
        NotebookRunner.NotebookResult r = result(file);
        NotebookRunner.ParagraphResult failed = r.failed();
        assertNotNull(failed, file.getFileName() + " must fail; ran " + r.paragraphs());
        assertEquals(paragraph, failed.index(), failed.failure());
        assertEquals(kind, failed.kind(), failed.failure());
        assertEquals(paragraph, r.paragraphs().size(), "nothing runs after the failed paragraph");
        String msg = failed.failure();
        assertTrue(msg.contains("notebook \"" + Notebook.read(file).name() + "\""), "names the notebook: " + msg);
        assertTrue(msg.contains("paragraph " + paragraph + " of ") && msg.contains("\"" + title + "\""),
                "names the paragraph: " + msg);
        assertTrue(msg.contains(detail), "says why (" + detail + "): " + msg);
    }

    @Test
    void aCompileErrorFailsTheRunnerAtItsParagraph() throws Exception {
        assertFailsAt("Broken - compile error", 4, "Does not compile", NotebookRunner.FailureKind.COMPILE_ERROR,
                "type mismatch");
    }

    @Test
    void anExceptionInASparkTaskFailsTheRunnerAtItsParagraph() throws Exception {
        assertFailsAt("Broken - exception", 4, "Throws in a task", NotebookRunner.FailureKind.EXCEPTION,
                "ArithmeticException");
    }

    @Test
    void aFailingSqlStatementFailsTheRunnerAtItsParagraph() throws Exception {
        assertFailsAt("Broken - SQL", 4, "Bad column", NotebookRunner.FailureKind.SQL_ERROR, "no_such_column");
    }

    @Test
    void anUnsupportedInterpreterFailsTheRunnerAtItsParagraph() throws Exception {
        assertFailsAt("Broken - interpreter", 3, "Wrong interpreter",
                NotebookRunner.FailureKind.UNSUPPORTED_INTERPRETER, "%python");
    }

    @Test
    void theChildJvmGetsThisJvmsOptionsWithItsOwnHeapAndNoDebugger() {
        List<String> opts = childJvmOptions();
        assertTrue(opts.contains("-Xmx2g"), opts.toString());
        assertEquals(1, opts.stream().filter(o -> o.startsWith("-Xmx")).count(), opts.toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Dai.djl")) {
                assertTrue(opts.contains(a), "child JVM lacks " + a);
            }
        }
        assertTrue(opts.stream().noneMatch(o -> o.startsWith("-agentlib:jdwp")), opts.toString());
        assertTrue(classPath().contains(File.pathSeparator), "a real class path, not one jar: " + classPath());
    }
}
