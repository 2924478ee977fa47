package org.mlpf.notebooks;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterHookRegistry;
import org.apache.zeppelin.interpreter.ZeppelinContext;

/**
 * The notebooks' {@code z}: Zeppelin's own {@link ZeppelinContext} (the base class of the Spark interpreter's
 * {@code SparkZeppelinContext}), so a notebook compiles here only against API that real Zeppelin has. Tables are
 * rendered as Zeppelin's {@code %table} text, which runs the query (at most {@code maxResult} rows, as Zeppelin);
 * dynamic forms return the values the runner was given, else their defaults.
 */
public final class RunnerZeppelinContext extends ZeppelinContext {
    private final Map<String, Object> noteParams;
    private PrintStream out = System.out;
    private long rowsShown;

    /**
     * @param maxResult  rows a table shows ({@code zeppelin.spark.maxResult}, 1000 by default)
     * @param noteParams values of the note-level forms ({@code z.noteTextbox}) by name
     */
    public RunnerZeppelinContext(int maxResult, Map<String, Object> noteParams) {
        super(new InterpreterHookRegistry(), maxResult);
        this.noteParams = Map.copyOf(noteParams);
        startParagraph(System.out);
    }

    /** Fresh forms for the next paragraph; its output goes to {@code paragraphOut}. */
    void startParagraph(PrintStream paragraphOut) {
        this.out = paragraphOut;
        GUI gui = new GUI();
        setGui(gui);
        GUI noteGui = new GUI();
        noteGui.setParams(new HashMap<>(noteParams));
        setNoteGui(noteGui);
    }

    /** Rows rendered by {@link #showData} since the runner started (tests check that tables were forced). */
    long rowsShown() {
        return rowsShown;
    }

    @Override
    public Map<String, String> getInterpreterClassMap() {
        return Map.of("spark", "org.apache.zeppelin.spark.SparkInterpreter",
                "sql", "org.apache.zeppelin.spark.SparkSqlInterpreter");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<Class> getSupportedClasses() {
        return List.of(Dataset.class);
    }

    @Override
    public String showData(Object obj, int maxResult) {
        if (!(obj instanceof Dataset<?> ds)) {
            return String.valueOf(obj);
        }
        Dataset<Row> df = ds.toDF();
        Row[] rows = (Row[]) df.take(maxResult + 1);
        StringBuilder sb = new StringBuilder("%table ");
        sb.append(String.join("\t", df.columns())).append('\n');
        for (int i = 0; i < Math.min(rows.length, maxResult); i++) {
            Row r = rows[i];
            for (int c = 0; c < r.length(); c++) {
                sb.append(c == 0 ? "" : "\t").append(String.valueOf(r.get(c)).replace('\t', ' ').replace('\n', ' '));
            }
            sb.append('\n');
        }
        rowsShown += Math.min(rows.length, maxResult);
        if (rows.length > maxResult) {
            sb.append("\n%html <font color=red>Results are limited by ").append(maxResult).append(".</font>\n");
        }
        return sb.toString();
    }

    @Override
    public void show(Object o, int maxResult) {
        if (isSupportedObject(o)) {
            out.print(showData(o, maxResult));
        } else {
            out.print("ZeppelinContext doesn't support to show type: " + o.getClass().getCanonicalName() + "\n" + o);
        }
        out.flush();
    }
}
