package org.mlpf.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Function0;
import scala.Option;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Runs Zeppelin notebooks headless, paragraph by paragraph, the way Zeppelin's Spark interpreter does: a Scala 2.12
 * REPL ({@link IMain}, class-based, its classes written to a directory that Spark's executors load them from) with
 * {@code spark}, {@code sc}, {@code sqlContext} and {@code z} bound and Zeppelin's default imports, over one
 * SparkContext for all notebooks. Each notebook gets a fresh REPL and a new SparkSession of its own (its own temp
 * views), as with Zeppelin's "scoped per note" interpreter binding: a notebook that silently relies on another's
 * definitions or views fails here instead of in a user's Zeppelin. Data on disk is shared: a notebook may read what
 * an earlier one wrote (notebooks run in file-name order).
 *
 * <ul>
 *   <li>{@code %spark.conf}: the first notebook's properties configure the session (except those this harness
 *       owns, {@link #HARNESS_KEYS}); a later one may only repeat them, as Zeppelin refuses to change the
 *       properties of a running interpreter.</li>
 *   <li>{@code %spark}: interpreted as one REPL request (an incomplete one is retried with {@code print("")}
 *       appended, as Zeppelin does); a compile error or an exception fails the paragraph.</li>
 *   <li>{@code %spark.sql}: split into statements, each run and its first {@code maxResult} rows fetched (what
 *       Zeppelin shows), so a failing query fails here too.</li>
 *   <li>{@code %md}: not executed. Any other interpreter fails the paragraph. Disabled paragraphs are skipped,
 *       as Zeppelin's "run all" does.</li>
 * </ul>
 * A notebook stops at its first failing paragraph; the failure names the notebook and the paragraph. The runner
 * needs a JVM without a SparkContext: the first REPL's class loader must be the context class loader when the
 * SparkContext starts, and {@code spark.repl.class.outputDir} must be set then.
 */
public final class NotebookRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunner.class);

    /** Properties the harness sets itself: the session runs in this JVM, with the project on its class path. */
    public static final Set<String> HARNESS_KEYS = Set.of("spark.jars", "spark.master", "master", "SPARK_HOME",
            "spark.submit.deployMode", "spark.driver.memory", "spark.driver.cores", "spark.driver.extraJavaOptions",
            "spark.driver.extraClassPath", "spark.driver.host", "spark.driver.bindAddress", "spark.ui.enabled",
            "spark.repl.class.outputDir");

    /** Zeppelin's imports after binding the session (AbstractSparkScalaInterpreter). */
    static final List<String> DEFAULT_IMPORTS = List.of("import org.apache.spark.SparkContext._",
            "import spark.implicits._", "import sqlContext.implicits._", "import spark.sql",
            "import org.apache.spark.sql.functions._");

    /** Why a paragraph failed. */
    public enum FailureKind {
        COMPILE_ERROR, EXCEPTION, SQL_ERROR, UNSUPPORTED_INTERPRETER, CONF_CHANGE
    }

    /**
     * The outcome of one paragraph.
     *
     * @param index       1-based position
     * @param title       title or empty
     * @param interpreter its interpreter
     * @param status      OK, FAILED or SKIPPED (disabled, or %md)
     * @param seconds     wall time
     * @param output      what it printed (truncated)
     * @param failure     the failure message naming notebook and paragraph, or null
     * @param kind        the failure kind, or null
     */
    public record ParagraphResult(int index, String title, String interpreter, String status, double seconds,
                                  String output, String failure, FailureKind kind) {
    }

    /**
     * The outcome of one notebook.
     *
     * @param file       file name
     * @param name       note name
     * @param paragraphs results of the paragraphs that ran, up to the first failure
     * @param seconds    wall time
     */
    public record NotebookResult(String file, String name, List<ParagraphResult> paragraphs, double seconds) {
        /** The failed paragraph, if any. */
        public ParagraphResult failed() {
            return paragraphs.stream().filter(p -> p.failure() != null).findFirst().orElse(null);
        }
    }

    private static final int MAX_OUTPUT = 4000;

    private final Path classDir;
    private final SwitchableWriter replOut = new SwitchableWriter();
    private final SparkSession spark;
    private final RunnerZeppelinContext z;
    private final Properties conf;
    private IMain intp;
    private SparkSession notebookSession;
    private int repls;
    private boolean fresh;

    /**
     * Starts the REPL and the session.
     *
     * @param workDir    where the REPL writes its classes
     * @param conf       the first notebook's {@code %spark.conf} properties
     * @param noteParams values of the notebooks' note-level forms ({@code z.noteTextbox}) by name
     * @param maxResult  rows a table shows
     */
    public NotebookRunner(Path workDir, Properties conf, Map<String, Object> noteParams, int maxResult)
            throws IOException {
        if (SparkSession.getDefaultSession().isDefined()) {
            throw new IllegalStateException("a SparkSession already runs in this JVM: the notebook runner needs a JVM "
                    + "of its own (the REPL's class loader must be the context class loader when Spark starts)");
        }
        this.conf = (Properties) conf.clone();
        classDir = Files.createDirectories(workDir.resolve("repl-classes"));
        long t0 = System.nanoTime();
        newRepl();
        // Small-data defaults of the harness, which a notebook's %spark.conf overrides: few shuffle partitions (as the
        // shared test session), and no adaptive execution, whose per-stage re-planning costs more than it saves on a
        // few events (the compare stage of notebook 4 took 40 s with it, 18 s without). -Dmlpf.notebooks.spark.X=V
        // sets spark.X for experiments.
        SparkSession.Builder b = SparkSession.builder().config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.adaptive.enabled", "false");
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("mlpf.notebooks.spark.")) {
                b.config(key.substring("mlpf.notebooks.".length()), System.getProperty(key));
            }
        }
        for (String key : conf.stringPropertyNames()) {
            if (key.startsWith("spark.") && !HARNESS_KEYS.contains(key)) {
                b.config(key, conf.getProperty(key));
            }
        }
        spark = b.master("local[2]").appName("mlpf-notebooks")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.repl.class.outputDir", classDir.toString())
                .getOrCreate();
        z = new RunnerZeppelinContext(maxResult, noteParams);
        bindSession();
        fresh = true;
        LOG.info("notebook runner ready in {} s (Scala {}, Spark {})", String.format("%.1f", (System.nanoTime() - t0)
                / 1e9), scala.util.Properties.versionNumberString(), spark.version());
    }

    /**
     * A fresh REPL: each notebook gets its own (Zeppelin's "scoped per note" interpreter binding), so a notebook that
     * relies on another's definitions fails here. Class names get a prefix of their own ({@code $line<n>000000}, as
     * Zeppelin does for scoped REPLs), so that every REPL's classes can live in the one directory Spark's executors
     * load REPL classes from.
     */
    private void newRepl() {
        if (intp != null) {
            intp.close();
        }
        repls++;
        System.setProperty("scala.repl.name.line", "$line" + repls + "000000");
        Settings settings = new Settings();
        settings.processArguments(JavaConverters.asScalaBuffer(List.of("-Yrepl-class-based", "-Yrepl-outdir",
                classDir.toString(), "-usejavacp")).toList(), true);
        intp = new IMain(settings, new PrintWriter(replOut, true));
        intp.initializeSynchronous();
        Thread.currentThread().setContextClassLoader(intp.classLoader());
    }

    /**
     * Binds what Zeppelin's Spark interpreter binds, with a new SparkSession on the shared SparkContext (its own temp
     * views and SQL settings), and runs Zeppelin's default imports.
     */
    private void bindSession() {
        notebookSession = spark.newSession();
        ReplBindings.set(notebookSession, z);
        String holder = ReplBindings.class.getName();
        interpretSetUp("@transient val spark: org.apache.spark.sql.SparkSession = " + holder + ".spark()\n"
                + "@transient val sc: org.apache.spark.SparkContext = " + holder + ".sc()\n"
                + "@transient val sqlContext: org.apache.spark.sql.SQLContext = " + holder + ".sqlContext()\n"
                + "@transient val z: org.apache.zeppelin.interpreter.ZeppelinContext = " + holder + ".z()");
        interpretSetUp(String.join("\n", DEFAULT_IMPORTS));
    }

    private void interpretSetUp(String code) {
        replOut.startCapture(null);
        if (intp.interpret(code) != Results.Success$.MODULE$) {
            throw new IllegalStateException("REPL set-up failed at '" + code + "': " + replOut.text());
        }
    }

    /** The session the notebooks run on (for preparing their data). */
    public SparkSession spark() {
        return spark;
    }

    /** Rows the notebooks' tables showed so far. */
    public long rowsShown() {
        return z.rowsShown();
    }

    /** Runs {@code nb}'s paragraphs in order, up to the first failure. */
    public NotebookResult run(Notebook nb) {
        long t0 = System.nanoTime();
        if (!fresh) {
            newRepl();
            bindSession();
        }
        fresh = false;
        LOG.info("running {} (REPL ready in {} s)", nb.describe(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        List<ParagraphResult> results = new ArrayList<>();
        for (Notebook.Cell cell : nb.paragraphs()) {
            ParagraphResult r = run(nb, cell);
            results.add(r);
            LOG.info("  {} {} in {} s", cell.describe(nb.paragraphs().size()), r.status(),
                    String.format("%.1f", r.seconds()));
            if (r.failure() != null) {
                LOG.warn("{}", r.failure());
                break;
            }
        }
        return new NotebookResult(nb.file().getFileName().toString(), nb.name(), List.copyOf(results),
                (System.nanoTime() - t0) / 1e9);
    }

    private ParagraphResult run(Notebook nb, Notebook.Cell cell) {
        long t0 = System.nanoTime();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        String where = nb.describe() + ", " + cell.describe(nb.paragraphs().size());
        FailureKind kind = null;
        String failure = null;
        String status = "OK";
        if (!cell.enabled()) {
            status = "SKIPPED";
        } else {
            switch (cell.interpreter()) {
                case Notebook.MARKDOWN -> status = "SKIPPED";
                case Notebook.CONF -> {
                    String change = confChange(Notebook.confProperties(cell));
                    if (change != null) {
                        kind = FailureKind.CONF_CHANGE;
                        failure = where + ": " + change;
                    }
                }
                case Notebook.SCALA -> {
                    String[] f = scala(cell.script(), out);
                    if (f != null) {
                        kind = FailureKind.valueOf(f[0]);
                        failure = where + ": " + f[1];
                    }
                }
                case Notebook.SQL -> {
                    failure = sql(cell.script(), out);
                    if (failure != null) {
                        kind = FailureKind.SQL_ERROR;
                        failure = where + ": " + failure;
                    }
                }
                default -> {
                    kind = FailureKind.UNSUPPORTED_INTERPRETER;
                    failure = where + ": interpreter %" + cell.interpreter() + " is not supported here (supported: %"
                            + String.join(", %", Notebook.SUPPORTED) + ")";
                }
            }
        }
        if (failure != null) {
            status = "FAILED";
        }
        return new ParagraphResult(cell.index(), cell.title(), cell.interpreter(), status,
                (System.nanoTime() - t0) / 1e9, truncate(buf.toString(StandardCharsets.UTF_8)), failure, kind);
    }

    /** What a conf paragraph would change in the running interpreter's properties, or null if nothing. */
    private String confChange(Properties props) {
        Set<String> changed = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (!props.getProperty(key).equals(conf.getProperty(key))) {
                changed.add(key);
            }
        }
        return changed.isEmpty() ? null : "Can not change interpreter properties when interpreter process has "
                + "already been launched (Zeppelin's answer when notebooks sharing the Spark interpreter disagree): "
                + changed + " differ from the first notebook's %spark.conf";
    }

    /** Runs Scala code; null on success, else {kind, message}. */
    private String[] scala(String code, PrintStream out) {
        z.startParagraph(out);
        Object before = lastException();
        Results.Result r = interpret(code, out);
        if (r == Results.Incomplete$.MODULE$) {
            // Zeppelin retries with print("") appended, for paragraphs that end in a comment
            r = interpret(code + "\nprint(\"\")", out);
        }
        if (r == Results.Success$.MODULE$) {
            return null;
        }
        out.flush();
        String printed = replOut.text();
        Object after = lastException();
        if (after instanceof Throwable t && after != before) {
            return new String[] {FailureKind.EXCEPTION.name(), "exception " + chain(t)};
        }
        if (r == Results.Incomplete$.MODULE$) {
            return new String[] {FailureKind.COMPILE_ERROR.name(), "incomplete Scala input"};
        }
        return new String[] {FailureKind.COMPILE_ERROR.name(), "compile error:\n" + truncate(printed.strip())};
    }

    private Results.Result interpret(String code, PrintStream out) {
        replOut.startCapture(out);
        PrintStream systemOut = System.out;
        System.setOut(out);
        try {
            Function0<Results.Result> body = () -> intp.interpret(code);
            return scala.Console$.MODULE$.withOut(out, body);
        } finally {
            System.setOut(systemOut);
        }
    }

    private Object lastException() {
        Option<Object> v = intp.valueOfTerm("lastException");
        return v.isDefined() ? v.get() : null;
    }

    /** Runs the statements of a SQL paragraph; null on success, else the message. */
    private String sql(String script, PrintStream out) {
        z.startParagraph(out);
        List<String> statements = SqlStatements.split(script);
        for (int i = 0; i < statements.size(); i++) {
            String st = statements.get(i);
            try {
                Dataset<Row> df = notebookSession.sql(st);
                out.print(z.showData(df));
            } catch (Exception e) { // AnalysisException, ParseException, SparkException: all fail the paragraph
                return "SQL statement " + (i + 1) + " of " + statements.size() + " failed: " + chain(e)
                        + "\n  statement: " + st.replace("\n", "\n  ");
            }
        }
        return null;
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable c = t.getCause(); c != null && seen.add(c); c = c.getCause()) {
            sb.append("\n  caused by ").append(c);
        }
        return truncate(sb.toString());
    }

    private static String truncate(String s) {
        return s.length() <= MAX_OUTPUT ? s : s.substring(0, MAX_OUTPUT) + "\n... (" + (s.length() - MAX_OUTPUT)
                + " more characters)";
    }

    @Override
    public void close() {
        try {
            spark.stop();
        } finally {
            intp.close();
            System.clearProperty("scala.repl.name.line");
        }
    }

    /** The REPL's own output (echoes, compile errors): to the current paragraph's output and kept for messages. */
    private static final class SwitchableWriter extends Writer {
        private final StringBuilder captured = new StringBuilder();
        private PrintStream target;

        synchronized void startCapture(PrintStream out) {
            target = out;
            captured.setLength(0);
        }

        synchronized String text() {
            return captured.toString();
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            captured.append(cbuf, off, len);
            if (target != null) {
                target.print(new String(cbuf, off, len));
            }
        }

        @Override
        public synchronized void flush() {
            if (target != null) {
                target.flush();
            }
        }

        @Override
        public void close() {
        }
    }
}
