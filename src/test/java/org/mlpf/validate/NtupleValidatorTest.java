package org.mlpf.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.spark.InputException;
import org.mlpf.testing.DamagedParquet;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

class NtupleValidatorTest {
    private static final ValidateConfig CFG = new ValidateConfig(20, 6.0);

    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    private ValidationReport validate(Path p) {
        return NtupleValidator.validate(spark, p.toString(), CFG);
    }

    @Test
    void validDatasetPassesWithItsSummary() {
        Path dir = tmp.resolve("ntuples");
        TestEvents.write(spark, TestEvents.validRows(6, "ttbar"), dir, 2);
        ValidationReport r = validate(dir);
        assertTrue(r.ok(), () -> String.join("\n", r.problemLines()));
        ValidationSummary s = r.summary();
        assertEquals(6, s.events());
        assertEquals(3.0, s.meanElements());
        assertEquals(3, s.maxElements());
        // per event: track -> charged hadron, HCAL -> none, ECAL -> photon
        assertArrayEquals(new long[] {6, 6, 0, 0, 0, 6, 0, 0}, s.ygenClassCounts());
        assertArrayEquals(new long[] {6, 6, 0, 0, 0, 6, 0, 0}, s.ycandClassCounts());
        assertEquals(6L, s.eventsPerSample().get("ttbar"));
        assertEquals(2, r.files());
    }

    @Test
    void onePartitionDirectoryOrFileKeepsItsSample() throws IOException {
        Path dir = tmp.resolve("ntuples");
        List<Row> rows = new ArrayList<>(TestEvents.validRows(3, "ttbar"));
        rows.addAll(TestEvents.validRows(2, "qcd"));
        TestEvents.write(spark, rows, dir, 1);
        ValidationReport r = validate(dir.resolve("sample=qcd"));
        assertTrue(r.ok(), () -> String.join("\n", r.problemLines()));
        assertEquals(2L, r.summary().eventsPerSample().get("qcd"));
        Path file;
        try (Stream<Path> s = Files.list(dir.resolve("sample=ttbar"))) {
            file = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        assertEquals(3L, validate(file).summary().eventsPerSample().get("ttbar"));
    }

    /** Writes 3 valid events and one bad event 42 made by {@code breakIt}, validates, returns the report. */
    private ValidationReport withBadEvent(Consumer<NtupleEvent> breakIt) {
        List<Row> rows = new ArrayList<>(TestEvents.validRows(3, "ttbar"));
        NtupleEvent bad = TestEvents.pionPhotonNeutrino(42, "ttbar");
        breakIt.accept(bad);
        rows.add(bad.toRow());
        Path dir = tmp.resolve("bad");
        TestEvents.write(spark, rows, dir, 1);
        ValidationReport r = validate(dir);
        assertFalse(r.ok(), "validation should fail");
        return r;
    }

    private static void assertOffender(ValidationReport r, String field, String value, String rule) {
        List<Violation> vs = r.summary().offenders();
        assertTrue(vs.stream().anyMatch(v -> v.eventId() == 42 && v.field().equals(field) && v.value().equals(value)
                        && v.rule().contains(rule) && v.file().contains("part-")),
                () -> "expected " + field + " = " + value + " (" + rule + ") in " + vs);
    }

    @Test
    void elementTypeCodeOutsideOneToElevenIsReported() {
        ValidationReport r = withBadEvent(ev -> ev.setFeature(2, ElementFeature.TYP_IDX, 12f));
        assertOffender(r, "elements[2].typ_idx", "12.0", "element type code not in 1-11");
        ValidationReport padding = withBadEvent(ev -> ev.setFeature(0, ElementFeature.TYP_IDX, 0f));
        assertOffender(padding, "elements[0].typ_idx", "0.0", "element type code not in 1-11");
    }

    @Test
    void classCodeOutsideZeroToSevenIsReported() {
        ValidationReport r = withBadEvent(ev -> ev.setYcand(1, 9, 0f, 1f, 0f, 0f, 1f));
        assertOffender(r, "ycand[1].cls", "9", "class code not in 0-7");
        assertEquals(1, r.summary().violationCount());
    }

    @Test
    void nonFiniteNumbersAreReported() {
        ValidationReport r = withBadEvent(ev -> ev.setFeature(0, ElementFeature.PX, Float.NaN));
        assertOffender(r, "elements[0].px", "NaN", "not finite");
        ValidationReport inf = withBadEvent(ev -> ev.setYgen(0, 1, 1f, Float.POSITIVE_INFINITY, 0f, 0f, 1f));
        assertOffender(inf, "ygen[0].pt", "Infinity", "not finite");
    }

    @Test
    void outOfRangeEtaPhiAndEnergyAreReported() {
        assertOffender(withBadEvent(ev -> ev.setFeature(1, ElementFeature.ETA, 6.5f)),
                "elements[1].eta", "6.5", "|eta| >= 6.0");
        assertOffender(withBadEvent(ev -> ev.setFeature(1, ElementFeature.PHI_HCAL, 3.2f)),
                "elements[1].phi_hcal", "3.2", "phi outside [-pi, pi]");
        assertOffender(withBadEvent(ev -> ev.setFeature(2, ElementFeature.E, -1f)),
                "elements[2].e", "-1.0", "negative");
        assertOffender(withBadEvent(ev -> ev.addCandidate(5, 0, 1f, 0f, 0f, 1f, 7, 0f)),
                "pf_candidates[2].elem_index", "7", "not an index of the event's 3 elements");
    }

    @Test
    void unequalListLengthsAreReported() {
        List<Row> rows = new ArrayList<>(TestEvents.validRows(2, "ttbar"));
        Row good = TestEvents.pionPhotonNeutrino(42, "ttbar").toRow();
        Object[] values = new Object[good.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = good.get(i);
        }
        int ygen = NtupleSchema.SCHEMA.fieldIndex(NtupleSchema.YGEN);
        List<Row> targets = good.getList(ygen);
        values[ygen] = targets.subList(0, 2);
        rows.add(RowFactory.create(values));
        Path dir = tmp.resolve("lengths");
        TestEvents.write(spark, rows, dir, 1);
        ValidationReport r = validate(dir);
        assertOffender(r, "ygen", "2 rows", "length differs from elements (3)");
    }

    @Test
    void repeatedEventIdInASampleIsReported() {
        List<Row> rows = new ArrayList<>(TestEvents.validRows(3, "ttbar"));
        rows.add(TestEvents.pionPhotonNeutrino(1, "ttbar").toRow());
        rows.add(TestEvents.pionPhotonNeutrino(1, "qcd").toRow());
        Path dir = tmp.resolve("dups");
        TestEvents.write(spark, rows, dir, 2);
        ValidationReport r = validate(dir);
        assertFalse(r.ok());
        assertEquals(1, r.duplicates().size(), "the same id in another sample is fine");
        Violation v = r.duplicates().get(0);
        assertEquals(1, v.eventId());
        assertTrue(v.rule().contains("appears 2 times in sample ttbar"), v.rule());
    }

    @Test
    void offendersAreCappedButAllAreCounted() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(TestEvents.pionPhotonNeutrino(i, "ttbar").setFeature(0, ElementFeature.PT, Float.NaN).toRow());
        }
        Path dir = tmp.resolve("many");
        TestEvents.write(spark, rows, dir, 3);
        ValidationReport r = validate(dir);
        assertEquals(30, r.summary().violationCount());
        assertEquals(20, r.summary().offenders().size());
        List<Violation> listed = r.summary().offenders();
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).compareTo(listed.get(i)) <= 0, "offenders sorted by file, event, field");
        }
    }

    @Test
    void missingColumnIsASchemaErrorNamingFileAndColumn() {
        Path dir = tmp.resolve("nocand");
        spark.createDataFrame(TestEvents.validRows(2, "ttbar"), NtupleSchema.SCHEMA).drop(NtupleSchema.YCAND)
                .write().parquet(dir.toString());
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains("part-") && e.getMessage().contains("column 'ycand' is missing"),
                e.getMessage());
    }

    @Test
    void wrongNestedTypeIsASchemaErrorNamingThePath() {
        Path dir = tmp.resolve("doublept");
        spark.createDataFrame(TestEvents.validRows(2, "ttbar"), NtupleSchema.SCHEMA)
                .selectExpr("*", "transform(elements, e -> e.pt) as pts")
                .withColumn("elements", org.apache.spark.sql.functions.expr(
                        "transform(elements, e -> named_struct('typ_idx', e.typ_idx, 'pt', cast(e.pt as double)))"))
                .drop("pts").write().parquet(dir.toString());
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains("column 'elements.pt' has type double, expected float"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'elements.eta' is missing"), e.getMessage());
    }

    @Test
    void unrelatedParquetIsASchemaError() {
        Path dir = tmp.resolve("other");
        StructType other = new StructType().add("x", DataTypes.IntegerType);
        spark.createDataFrame(List.of(RowFactory.create(1)), other).write().parquet(dir.toString());
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains("not a ntuple v1 dataset"), e.getMessage());
    }

    @Test
    void missingPathAndEmptyDirectoryAreOneLineErrors() throws IOException {
        InputException missing = assertThrows(InputException.class, () -> validate(tmp.resolve("nope")));
        assertEquals("input path does not exist: " + tmp.resolve("nope"), missing.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        InputException e = assertThrows(InputException.class, () -> validate(empty));
        assertTrue(e.getMessage().startsWith("no Parquet data files under "), e.getMessage());
    }

    private Path onePartFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path dir = tmp.resolve("truncated");
        TestEvents.write(spark, TestEvents.validRows(4, "ttbar"), dir, 2);
        Path victim = onePartFile(dir);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        InputException e = assertThrows(InputException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains(victim.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable Parquet file"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void corruptDataPagesAreNamedWhenRead() throws IOException {
        Path dir = tmp.resolve("corrupt");
        TestEvents.write(spark, TestEvents.validRows(4, "ttbar"), dir, 1);
        Path victim = onePartFile(dir);
        // Keep the footer intact (so the file lists fine) and overwrite the first page headers after "PAR1".
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.seek(4);
            f.write(new byte[200]);
            f.seek(4);
            byte[] junk = new byte[200];
            java.util.Arrays.fill(junk, (byte) 0xEE);
            f.write(junk);
        }
        InputException e = assertThrows(InputException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains(victim.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read Parquet data"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void damageInsideAColumnChunkWithoutCrcFilesIsCaughtByThePageChecksums() throws IOException {
        Path dir = tmp.resolve("damaged");
        Path victim = DamagedParquet.writeAndDamage(spark, TestEvents.validRows(400, "ttbar"), dir,
                "elements", "pz");
        InputException e = assertThrows(InputException.class, () -> validate(dir));
        assertTrue(e.getMessage().contains(victim.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read Parquet data"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("checksum"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aTextFileAmongTheDataIsNamed() throws IOException {
        Path dir = tmp.resolve("text");
        TestEvents.write(spark, TestEvents.validRows(2, "ttbar"), dir, 1);
        Path stray = dir.resolve("sample=ttbar").resolve("notes.txt");
        Files.writeString(stray, "these are not the events you are looking for\n");
        InputException e = assertThrows(InputException.class, () -> validate(dir));
        assertTrue(e.getMessage().startsWith(stray.toUri().toString().replace("file:///", "file:/"))
                || e.getMessage().contains("notes.txt"), e.getMessage());
    }
}
