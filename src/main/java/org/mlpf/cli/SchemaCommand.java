package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlpf.schema.DatasetFormat;
import org.mlpf.schema.Schemas;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlpf schema}: prints the schemas of the on-disk formats, as a tree, Spark JSON or a Markdown table. */
@Command(name = "schema", showDefaultValues = true,
        description = "Print the schemas of all on-disk formats (or of the named ones), with types, units and versions.")
public final class SchemaCommand implements Callable<Integer> {
    /** Output style. */
    enum Style { text, markdown, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "STYLE", defaultValue = "text",
            description = "output style: ${COMPLETION-CANDIDATES}")
    Style style;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "formats to print (default: all)")
    List<String> names;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<DatasetFormat> formats = Schemas.all();
        if (names != null && !names.isEmpty()) {
            for (String n : names) {
                if (formats.stream().noneMatch(f -> f.name().equals(n))) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown format '" + n
                            + "': known formats are " + formats.stream().map(DatasetFormat::name).toList());
                }
            }
            formats = formats.stream().filter(f -> names.contains(f.name())).toList();
        }
        for (DatasetFormat f : formats) {
            switch (style) {
                case json -> out.println(f.schema().prettyJson());
                case markdown -> out.print(markdown(f));
                default -> {
                    out.println(f.name() + " v" + f.version() + ": " + f.description());
                    tree(out, f.schema(), "  ");
                    out.println();
                }
            }
        }
        return ExitCodes.OK;
    }

    /** A Markdown table of every column, nested fields as dotted paths: the source of docs/ntuple-schema.md. */
    static String markdown(DatasetFormat f) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(f.name()).append(" v").append(f.version()).append("\n\n")
                .append(f.description()).append("\n\n| column | type | meaning, unit |\n|---|---|---|\n");
        rows(sb, f.schema(), "");
        return sb.append('\n').toString();
    }

    private static void rows(StringBuilder sb, StructType t, String prefix) {
        for (StructField field : t.fields()) {
            DataType dt = field.dataType();
            String type = dt instanceof ArrayType a && a.elementType() instanceof StructType ? "list<struct>"
                    : dt.simpleString();
            sb.append("| `").append(prefix).append(field.name()).append("` | ").append(type).append(" | ")
                    .append(field.getComment().getOrElse(() -> "")).append(" |\n");
            StructType inner = innerStruct(dt);
            if (inner != null) {
                rows(sb, inner, prefix + field.name() + ".");
            }
        }
    }

    private static void tree(PrintWriter out, StructType t, String indent) {
        for (StructField field : t.fields()) {
            DataType dt = field.dataType();
            StructType inner = innerStruct(dt);
            String type = inner == null ? dt.simpleString() : dt instanceof ArrayType ? "list of" : "struct";
            out.printf("%s%-28s %-14s %s%n", indent, field.name(), type, field.getComment().getOrElse(() -> ""));
            if (inner != null) {
                tree(out, inner, indent + "  ");
            }
        }
    }

    private static StructType innerStruct(DataType dt) {
        if (dt instanceof StructType s) {
            return s;
        }
        if (dt instanceof ArrayType a && a.elementType() instanceof StructType s) {
            return s;
        }
        return null;
    }
}
