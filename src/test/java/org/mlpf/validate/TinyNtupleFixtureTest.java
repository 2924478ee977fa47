package org.mlpf.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.spark.ParquetInput;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/**
 * The tiny ntuple checked in under src/test/resources/ntuples/tiny (the README's first command validates it).
 * It must always equal what the test builders make; regenerate with {@code -Dmlpf.regenerate=true}.
 */
class TinyNtupleFixtureTest {
    private static final Path TINY = ProjectFiles.file("src/test/resources/ntuples/tiny");

    private static List<Row> expected() {
        List<Row> rows = new ArrayList<>(TestEvents.validRows(4, "ttbar"));
        rows.addAll(TestEvents.validRows(2, "qcd"));
        return rows;
    }

    @Test
    void checkedInTinyNtupleEqualsTheBuildersAndIsValid() throws IOException {
        SparkSession spark = TestSpark.session();
        if (Boolean.getBoolean("mlpf.regenerate")) {
            TestEvents.write(spark, expected(), TINY, 1);
            try (Stream<Path> s = Files.walk(TINY)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
                        Files.delete(p);
                    }
                }
            }
        }
        var files = ParquetInput.inspect(spark, TINY.toString());
        List<Row> actual = ParquetInput.read(spark, TINY.toString(), files)
                .select(NtupleSchema.SCHEMA.fieldNames()[0], java.util.Arrays.copyOfRange(NtupleSchema.SCHEMA.fieldNames(), 1,
                        NtupleSchema.SCHEMA.size()))
                .orderBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID).collectAsList();
        List<Row> want = spark.createDataFrame(expected(), NtupleSchema.SCHEMA)
                .orderBy(NtupleSchema.SAMPLE, NtupleSchema.EVENT_ID).collectAsList();
        assertEquals(want.size(), actual.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).toString(), actual.get(i).toString(), "row " + i
                    + " differs: regenerate with mvn test -Dtest=TinyNtupleFixtureTest -Dmlpf.regenerate=true");
        }
        assertTrue(NtupleValidator.validate(spark, TINY.toString(), new ValidateConfig(20, 6.0)).ok());
    }
}
