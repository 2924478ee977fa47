package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

class MainTest {
    @TempDir
    static Path tmp;
    static Path valid;
    static Path invalid;

    /** Output of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void data() {
        valid = tmp.resolve("valid");
        TestEvents.write(TestSpark.session(), TestEvents.validRows(5, "ttbar"), valid, 1);
        invalid = tmp.resolve("invalid");
        List<Row> rows = new ArrayList<>(TestEvents.validRows(2, "ttbar"));
        rows.add(TestEvents.pionPhotonNeutrino(7, "ttbar").setFeature(1, ElementFeature.ETA, 9f).toRow());
        TestEvents.write(TestSpark.session(), rows, invalid, 1);
    }

    @Test
    void helpListsEverySubcommand() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String cmd : List.of("validate", "schema", "config", "version")) {
            assertTrue(r.out().contains("  " + cmd + " "), cmd + " missing from\n" + r.out());
        }
    }

    @Test
    void subcommandHelpDocumentsFlagsWithDefaultsFromTheConfig() {
        Run r = run("validate", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--max-offenders=N"), r.out());
        assertTrue(r.out().contains("number of offending values listed when validation fails [mlpf.validate.max-offenders"),
                r.out());
        assertTrue(r.out().contains("Default: 20"), r.out());
        Run overridden = run("validate", "--help", "--set", "mlpf.validate.max-offenders=7");
        assertTrue(overridden.out().contains("Default: 7"), overridden.out());
    }

    @Test
    void validDatasetExitsZeroWithSummary() {
        Run r = run("validate", "--in", valid.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 events"), r.out());
        assertTrue(r.out().contains("elements per event: mean 3.0, max 3"), r.out());
        assertTrue(r.out().contains("charged_hadron"), r.out());
        assertTrue(r.out().contains("OK: "), r.out());
    }

    @Test
    void invalidDatasetExitsOneListingTheOffender() {
        Run r = run("validate", "--in", invalid.toString());
        assertEquals(ExitCodes.BAD_DATA, r.code());
        assertTrue(r.err().contains("INVALID: 1 problem(s)"), r.err());
        assertTrue(r.err().contains(": event 7: elements[1].eta = 9.0: |eta| >= 6.0"), r.err());
        assertTrue(r.err().contains("part-"), "names the file: " + r.err());
    }

    @Test
    void missingPathIsOneLineWithoutStackTrace() {
        Run r = run("validate", "--in", tmp.resolve("absent").toString());
        assertEquals(ExitCodes.BAD_DATA, r.code());
        assertEquals("mlpf validate: error: input path does not exist: " + tmp.resolve("absent"), r.err().strip());
    }

    @Test
    void badFlagValueNamesKeyValueAndRange() {
        Run r = run("validate", "--in", valid.toString(), "--max-offenders", "0");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bad value '0' for mlpf.validate.max-offenders (command line --max-offenders): "
                + "allowed integer in [1, 1000]"), r.err());
    }

    @Test
    void badConfigFileIsAUsageError() throws IOException {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "spark.master = local[2]\nmlpf.validate.maximum = 3\n");
        Run r = run("validate", "--in", valid.toString(), "--conf", conf.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("unknown key mlpf.validate.maximum (" + conf + ":2)"), r.err());
        Run set = run("config", "--set", "mlpf.validate.max-abs-eta=-1");
        assertEquals(ExitCodes.USAGE, set.code());
        assertTrue(set.err().contains("bad value '-1' for mlpf.validate.max-abs-eta"), set.err());
    }

    @Test
    void unknownFlagIsAUsageError() {
        Run r = run("validate", "--in", "x", "--inn", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown options: '--inn'"), r.err());
        assertTrue(r.err().contains("Try 'mlpf validate --help'"), r.err());
    }

    @Test
    void configShowsEveryValueWithItsSource() {
        Run r = run("config", "--conf", ProjectFiles.file("conf/local.conf").toString(), "--master", "local[1]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spark.master = local[1]    # command line --master"), r.out());
        assertTrue(r.out().contains("mlpf.validate.max-offenders = 20    # "), r.out());
        assertTrue(r.out().contains("conf/local.conf:"), r.out());
    }

    @Test
    void schemaPrintsEveryFormat() {
        Run r = run("schema");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("ntuple v" + NtupleSchema.VERSION), r.out());
        assertTrue(r.out().contains("candidates v" + CandidateSchema.VERSION), r.out());
        assertTrue(r.out().contains("gsf_electronseed_trkorecal"), r.out());
        assertEquals(ExitCodes.USAGE, run("schema", "nosuch").code());
    }

    @Test
    void versionNamesProjectAndLibraries() {
        Run r = run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("mlpf-spark "), r.out());
        assertTrue(r.out().contains("spark 3.5.5"), r.out());
        assertFalse(r.out().contains("${"), "resources are filtered: " + r.out());
    }

    /** The text between the generated-section markers of a doc file. */
    static String generatedSection(String docFile, String name) throws IOException {
        String text = Files.readString(ProjectFiles.file(docFile));
        String begin = "<!-- generated: " + name + " -->\n";
        String end = "<!-- end generated: " + name + " -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertTrue(b >= 0 && e > b, docFile + " lacks the generated section " + name);
        return text.substring(b + begin.length(), e);
    }

    /** The one docs/*.md file that holds the generated section {@code name}. */
    static String docWithSection(String name) throws IOException {
        List<String> docs = new ArrayList<>();
        try (var files = Files.list(ProjectFiles.file("docs"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                if (Files.readString(p).contains("<!-- generated: " + name + " -->")) {
                    docs.add("docs/" + p.getFileName());
                }
            }
        }
        assertEquals(1, docs.size(), "exactly one doc must hold the generated section " + name + ": " + docs);
        return docs.get(0);
    }

    @Test
    void schemaDocsAreUpToDate() throws IOException {
        for (var f : org.mlpf.schema.Schemas.all()) {
            assertEquals(SchemaCommand.markdown(f), generatedSection(docWithSection(f.name()), f.name()),
                    "regenerate with: jobs/mlpf schema --format markdown " + f.name());
        }
    }

    @Test
    void configurationDocsAreUpToDate() throws IOException {
        assertEquals(ConfigCommand.reference(), generatedSection("docs/configuration.md", "keys"),
                "regenerate with: jobs/mlpf config --keys");
    }
}
