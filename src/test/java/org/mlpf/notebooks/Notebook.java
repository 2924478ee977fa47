package org.mlpf.notebooks;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.zeppelin.notebook.Note;
import org.apache.zeppelin.notebook.Paragraph;

/**
 * A Zeppelin note read from a {@code .zpln} file with Zeppelin's own parser ({@link Note#fromJson}, what Zeppelin's
 * notebook repository and its import run), reduced to what the runner needs: the paragraphs in order with their
 * interpreter and text.
 *
 * @param file                    the file
 * @param id                      the note id (also the part of the file name after the last {@code _})
 * @param name                    the note name
 * @param defaultInterpreterGroup interpreter group of paragraphs without a {@code %} magic
 * @param paragraphs              the paragraphs in order
 */
public record Notebook(Path file, String id, String name, String defaultInterpreterGroup, List<Cell> paragraphs) {
    /** Interpreter of the first paragraph: Spark properties applied before the Spark interpreter starts. */
    public static final String CONF = "spark.conf";
    /** Scala on the Spark interpreter. */
    public static final String SCALA = "spark";
    /** Spark SQL. */
    public static final String SQL = "spark.sql";
    /** Markdown. */
    public static final String MARKDOWN = "md";
    /** The interpreters the runner executes. */
    public static final List<String> SUPPORTED = List.of(CONF, SCALA, SQL, MARKDOWN);

    /**
     * One paragraph.
     *
     * @param index       1-based position in the note
     * @param id          Zeppelin's paragraph id
     * @param title       the title, or empty
     * @param interpreter the interpreter named by the paragraph's magic ({@code spark.sql} for {@code %spark.sql}),
     *                    the note's default group when it has none
     * @param script      the text after the magic
     * @param enabled     false for paragraphs disabled in Zeppelin (run-all skips them)
     * @param hasResults  true if the file still holds the paragraph's output
     */
    public record Cell(int index, String id, String title, String interpreter, String script, boolean enabled,
                       boolean hasResults) {
        /** How failure messages name the paragraph. */
        public String describe(int count) {
            return "paragraph " + index + " of " + count + (title.isEmpty() ? "" : " \"" + title + "\"") + " (%"
                    + interpreter + ", id " + id + ")";
        }
    }

    /**
     * Reads a {@code .zpln} file as Zeppelin does.
     *
     * @throws IOException if the file is unreadable or Zeppelin rejects it (the message says why)
     */
    public static Notebook read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        String idFromName = idFromFileName(file);
        Note note;
        try {
            note = Note.fromJson(idFromName, json);
        } catch (IOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(file + ": Zeppelin cannot import it: " + cause, e);
        }
        List<Cell> cells = new ArrayList<>();
        List<Paragraph> ps = note.getParagraphs();
        for (int i = 0; i < ps.size(); i++) {
            Paragraph p = ps.get(i);
            String intp = p.getIntpText() == null || p.getIntpText().isEmpty() ? note.getDefaultInterpreterGroup()
                    : p.getIntpText();
            boolean results = p.getReturn() != null && p.getReturn().message() != null
                    && !p.getReturn().message().isEmpty();
            cells.add(new Cell(i + 1, p.getId(), p.getTitle() == null ? "" : p.getTitle(), intp,
                    p.getScriptText() == null ? "" : p.getScriptText(), p.isEnabled(), results));
        }
        return new Notebook(file, note.getId(), note.getName(), note.getDefaultInterpreterGroup(), List.copyOf(cells));
    }

    /**
     * The note id as Zeppelin's notebook repository takes it from a file name {@code <Name>_<noteId>.zpln}.
     *
     * @throws IOException if the name has no {@code _} or does not end in {@code .zpln}
     */
    public static String idFromFileName(Path file) throws IOException {
        String name = file.getFileName().toString();
        int sep = name.lastIndexOf('_');
        if (!name.endsWith(".zpln") || sep < 1) {
            throw new IOException(file + ": not named <Name>_<noteId>.zpln");
        }
        return name.substring(sep + 1, name.length() - ".zpln".length());
    }

    /** The name part of a file name {@code <Name>_<noteId>.zpln}. */
    public static String nameFromFileName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, Math.max(0, name.lastIndexOf('_')));
    }

    /** How failure messages name the note. */
    public String describe() {
        return "notebook \"" + name + "\" (" + file.getFileName() + ")";
    }

    /** The properties of a {@code %spark.conf} paragraph, parsed as Zeppelin's conf interpreter does. */
    public static Properties confProperties(Cell conf) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(conf.script()));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return p;
    }
}
