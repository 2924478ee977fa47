package org.mlpf.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.config.BuildInfo;

/**
 * The notebooks are Zeppelin notes that a Zeppelin 0.10+ can import (parsed here by Zeppelin's own {@code Note}),
 * named {@code <Name>_<noteId>.zpln}, committed with results cleared, configured by one identical
 * {@code %spark.conf} paragraph that loads this version's application jar, and written only for the interpreters
 * the runner executes. Needs no Spark: runs in the shared test JVM.
 */
class NotebookFormatTest {
    /** Zeppelin's note ids: 9 characters of IdHashes' dictionary (digits and capitals without 0, I, L, O). */
    private static final Pattern NOTE_ID = Pattern.compile("[1-9A-HJKMNP-Z]{9}");
    /** Packages the application jar relocates: a notebook would get the cluster's copy, not the project's. */
    private static final List<String> RELOCATED = List.of("com.google.gson", "org.apache.commons");

    @TempDir
    Path tmp;

    private static List<Notebook> notebooks() throws IOException {
        List<Notebook> out = new ArrayList<>();
        for (Path f : NotebooksTest.projectNotebooks()) {
            out.add(Notebook.read(f));
        }
        return out;
    }

    @Test
    void everyNotebookIsAZeppelinNoteNamedAfterItsId() throws IOException {
        List<Path> files = NotebooksTest.projectNotebooks();
        assertTrue(files.size() >= 5, "notebooks: " + files);
        List<Path> all = new ArrayList<>(files);
        all.addAll(NotebooksTest.brokenNotebooks());
        Set<String> ids = new HashSet<>();
        for (Path f : all) {
            Notebook nb = Notebook.read(f);
            String id = Notebook.idFromFileName(f);
            assertTrue(NOTE_ID.matcher(id).matches(), f + ": note id " + id + " is not a Zeppelin note id");
            assertEquals(id, nb.id(), f + ": the id in the file must be the one in its name");
            assertEquals(Notebook.nameFromFileName(f), nb.name(), f + ": the name in the file must be its file name's");
            assertTrue(ids.add(id), f + ": note id " + id + " used twice");
            assertEquals("spark", nb.defaultInterpreterGroup(), f.toString());
            assertFalse(nb.paragraphs().isEmpty(), f.toString());
        }
    }

    @Test
    void notebooksAreCommittedWithResultsCleared() throws IOException {
        for (Path f : NotebooksTest.projectNotebooks()) {
            for (Notebook.Cell c : Notebook.read(f).paragraphs()) {
                assertFalse(c.hasResults(), f.getFileName() + " paragraph " + c.index() + " still has its output");
            }
            JsonObject note = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            for (JsonElement p : note.getAsJsonArray("paragraphs")) {
                JsonObject o = p.getAsJsonObject();
                assertFalse(o.has("results"), f.getFileName() + ": paragraph " + o.get("id") + " has results");
                assertFalse(o.has("dateStarted") || o.has("dateFinished"), f.getFileName() + ": run dates left in");
                assertEquals("READY", o.get("status").getAsString(), f.getFileName() + ": " + o.get("id"));
            }
        }
    }

    @Test
    void theFirstParagraphLoadsThisVersionsApplicationJarTheSameWayInEveryNotebook() throws IOException {
        Properties first = null;
        String jar = "mlpf-spark-" + BuildInfo.version() + "-app.jar";
        for (Notebook nb : notebooks()) {
            Notebook.Cell conf = nb.paragraphs().get(0);
            assertEquals(Notebook.CONF, conf.interpreter(), nb.describe() + ": the first paragraph must be %spark.conf");
            Properties p = Notebook.confProperties(conf);
            String jars = p.getProperty("spark.jars", "");
            assertTrue(jars.endsWith("/target/" + jar), nb.describe() + ": spark.jars must name target/" + jar
                    + " (what mvn package builds), not '" + jars + "'");
            if (first == null) {
                first = p;
            }
            // notebooks share one Spark interpreter: Zeppelin refuses a %spark.conf that changes a running one
            assertEquals(first, p, nb.describe() + ": %spark.conf differs from the first notebook's");
            for (Notebook.Cell c : nb.paragraphs().subList(1, nb.paragraphs().size())) {
                assertFalse(c.interpreter().equals(Notebook.CONF), nb.describe() + ": %spark.conf only first");
            }
        }
    }

    @Test
    void notebooksUseOnlyTheInterpretersTheRunnerExecutesWithExplicitMagics() throws IOException {
        Set<String> used = new HashSet<>();
        for (Notebook nb : notebooks()) {
            JsonObject note = JsonParser.parseString(Files.readString(nb.file(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            for (JsonElement p : note.getAsJsonArray("paragraphs")) {
                String text = p.getAsJsonObject().get("text").getAsString();
                assertTrue(text.startsWith("%"), nb.describe() + ": every paragraph names its interpreter: " + text);
            }
            for (Notebook.Cell c : nb.paragraphs()) {
                assertTrue(Notebook.SUPPORTED.contains(c.interpreter()), nb.describe() + ": " + c.describe(0));
                assertTrue(c.enabled(), nb.describe() + ": " + c.describe(0) + " is disabled");
                assertFalse(c.script().isBlank(), nb.describe() + ": " + c.describe(0) + " is empty");
                used.add(c.interpreter());
            }
        }
        assertEquals(Set.copyOf(Notebook.SUPPORTED), used, "Scala, SQL, Markdown and conf paragraphs all occur");
    }

    @Test
    void notebooksReadTheirDataRootFromTheNoteFormAndAvoidRelocatedPackages() throws IOException {
        for (Notebook nb : notebooks()) {
            String scala = String.join("\n", nb.paragraphs().stream()
                    .filter(c -> c.interpreter().equals(Notebook.SCALA)).map(Notebook.Cell::script).toList());
            // the runner hands the generated sample to the notebooks through this form, never a fixed path
            assertTrue(scala.contains("z.noteTextbox(\"" + NotebookSuite.DATA_FORM + "\""),
                    nb.describe() + " reads the data root from z.noteTextbox(\"" + NotebookSuite.DATA_FORM + "\", ...)");
            for (String pkg : RELOCATED) {
                assertFalse(scala.contains(pkg), nb.describe() + " uses " + pkg
                        + ", which the application jar relocates");
            }
        }
    }

    @Test
    void zeppelinsParserRejectsWhatItCannotImport() throws IOException {
        Path broken = tmp.resolve("Broken json_2ABCDEFGH.zpln");
        Files.writeString(broken, "{\"paragraphs\": [ {\"text\": ");
        IOException e = assertThrows(IOException.class, () -> Notebook.read(broken));
        assertTrue(e.getMessage().contains("Zeppelin cannot import it"), e.getMessage());
        Path unnamed = tmp.resolve("no-id.zpln");
        Files.writeString(unnamed, "{}");
        assertThrows(IOException.class, () -> Notebook.read(unnamed));
    }

    @Test
    void sqlParagraphsSplitIntoStatementsLikeZeppelinsSqlInterpreter() {
        assertEquals(List.of("select 1", "select ';' as s, \"a;b\" as t", "select 3"),
                SqlStatements.split("select 1;\n-- a comment; with a semicolon\nselect ';' as s, \"a;b\" as t;"
                        + " /* block; comment */ select 3;;\n"));
        assertEquals(List.of(), SqlStatements.split("  -- only a comment\n"));
    }
}
