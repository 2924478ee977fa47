package org.mlpf.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.google.gson.GsonBuilder;
import org.mlpf.generate.GenerateJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notebooks headless in this JVM, one {@link NotebookRunner} for all of them, after generating the small sample
 * they explore; writes a JSON report ({@link Report}). Run by {@code NotebooksTest} in a JVM of its own:
 * <pre>
 *   java ... org.mlpf.notebooks.NotebookSuite --work DIR --report FILE NOTEBOOK.zpln...
 * </pre>
 * The data root ({@code DIR/data}) reaches the notebooks as the value of their note-level text box
 * {@value #DATA_FORM}. Exit code 0 when the report was written, whatever the notebooks did; 70 otherwise.
 */
public final class NotebookSuite {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookSuite.class);

    /** Name of the note-level form ({@code z.noteTextbox}) that holds the data root in every notebook. */
    public static final String DATA_FORM = "data";

    /**
     * What a suite run did.
     *
     * @param startSeconds   REPL and Spark start-up
     * @param prepareSeconds sample generation
     * @param totalSeconds   the whole run, JVM start excluded
     * @param sampleEvents   events in the generated sample
     * @param rowsShown      table rows the notebooks rendered
     * @param notebooks      per notebook, in the order run
     * @param unreadable     files Zeppelin could not parse, with the reason
     */
    public record Report(double startSeconds, double prepareSeconds, double totalSeconds, long sampleEvents,
                         long rowsShown, List<NotebookRunner.NotebookResult> notebooks, Map<String, String> unreadable) {
    }

    private NotebookSuite() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            LOG.error("notebook suite failed", e);
            System.exit(70);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws IOException {
        Path work = null;
        Path reportFile = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--report" -> reportFile = Path.of(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (work == null || reportFile == null || files.isEmpty()) {
            throw new IllegalArgumentException("usage: NotebookSuite --work DIR --report FILE NOTEBOOK.zpln...");
        }
        long t0 = System.nanoTime();
        List<Notebook> notebooks = new ArrayList<>();
        Map<String, String> unreadable = new java.util.TreeMap<>();
        for (Path f : files) {
            try {
                notebooks.add(Notebook.read(f));
            } catch (IOException e) {
                unreadable.put(f.getFileName().toString(), e.getMessage());
            }
        }
        Properties conf = new Properties();
        if (!notebooks.isEmpty() && !notebooks.get(0).paragraphs().isEmpty()
                && notebooks.get(0).paragraphs().get(0).interpreter().equals(Notebook.CONF)) {
            conf = Notebook.confProperties(notebooks.get(0).paragraphs().get(0));
        }
        Path data = work.resolve("data");
        List<NotebookRunner.NotebookResult> results = new ArrayList<>();
        double startSeconds;
        double prepareSeconds;
        long events;
        long rows;
        try (NotebookRunner runner = new NotebookRunner(work, conf, Map.of(DATA_FORM, data.toString()), 1000)) {
            startSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            GenerateJob.Summary sample = NotebookSample.prepare(runner.spark(), data);
            events = sample.events();
            prepareSeconds = (System.nanoTime() - t1) / 1e9;
            LOG.info("sample for the notebooks: {}", sample.line());
            for (Notebook nb : notebooks) {
                results.add(runner.run(nb));
            }
            rows = runner.rowsShown();
        }
        Report report = new Report(startSeconds, prepareSeconds, (System.nanoTime() - t0) / 1e9, events, rows,
                results, unreadable);
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, new GsonBuilder().setPrettyPrinting().create().toJson(report),
                StandardCharsets.UTF_8);
        LOG.info("notebook suite done in {} s; report {}", String.format("%.1f", report.totalSeconds()), reportFile);
    }
}
