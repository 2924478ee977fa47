package org.mlpf.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.generate.io.EventFormatException;
import org.mlpf.spark.InputException;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.TestSpark;
import org.mlpf.validate.NtupleValidator;
import org.mlpf.validate.ValidateConfig;

class GenerateJobTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();
    private final ReconstructionConfig reco = ReconstructionConfig.defaults();

    private static GenerateConfig config(long events, int partitions) {
        return new GenerateConfig(events, "2:4", "0:0", 7, partitions);
    }

    private List<Row> sorted(String path) {
        return spark.read().parquet(path).orderBy("sample", "event_id").collectAsList();
    }

    @Test
    void outputIsIdenticalForAnyPartitioningAndValid() {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        GenerateJob.Summary s = GenerateJob.generate(spark, "ttbar", config(6, 1), reco, one.toString(), false);
        GenerateJob.generate(spark, "ttbar", config(6, 3), reco, three.toString(), false);
        assertEquals(6, s.events());
        assertTrue(s.meanElements() > 100, "ttbar with pileup 2-4 has hundreds of elements: " + s.meanElements());
        assertEquals(sorted(one.toString()), sorted(three.toString()));
        assertTrue(Files.exists(one.resolve("sample=ttbar/_SUCCESS")));
        assertTrue(NtupleValidator.validate(spark, one.toString(), new ValidateConfig(20, 6.0)).ok());
    }

    @Test
    void addingASampleLeavesTheOthersAndASecondRunNeedsOverwrite() throws IOException {
        Path out = tmp.resolve("nt");
        GenerateJob.generate(spark, "gun-pi", config(20, 2), reco, out.toString(), false);
        long before = Files.getLastModifiedTime(out.resolve("sample=gun-pi/_SUCCESS")).toMillis();
        GenerateJob.generate(spark, "gun-gamma", config(10, 2), reco, out.toString(), false);
        assertEquals(before, Files.getLastModifiedTime(out.resolve("sample=gun-pi/_SUCCESS")).toMillis());
        assertEquals(30, spark.read().parquet(out.toString()).count());
        InputException e = assertThrows(InputException.class,
                () -> GenerateJob.generate(spark, "gun-pi", config(20, 2), reco, out.toString(), false));
        assertTrue(e.getMessage().contains("output path exists"), e.getMessage());
        GenerateJob.generate(spark, "gun-pi", config(5, 2), reco, out.toString(), true);
        assertEquals(15, spark.read().parquet(out.toString()).count());
    }

    @Test
    void simulateReadsRealGeneratorOutputInBothFormats() {
        Path out = tmp.resolve("sim");
        GenerateJob.Summary text = GenerateJob.simulate(spark, ProjectFiles.file("src/test/resources/events/two-events-pileup.dat"),
                EventFileFormat.pxpypze, "text", 1, 0, reco, out.toString(), false);
        assertEquals(2, text.events());
        GenerateJob.Summary hepmc = GenerateJob.simulate(spark, ProjectFiles.file("src/test/resources/events/small.hepmc3"),
                EventFileFormat.hepmc3, "hepmc", 1, 0, reco, out.toString(), false);
        assertEquals(2, hepmc.events());
        assertTrue(NtupleValidator.validate(spark, out.toString(), new ValidateConfig(20, 6.0)).ok());
        Row first = spark.read().parquet(out.resolve("sample=hepmc").toString()).orderBy("event_id").first();
        assertFalse(first.getList(first.fieldIndex("elements")).isEmpty(), "the pion and photons leave elements");
    }

    @Test
    void malformedInputFileStopsWithTheLineNumber() throws IOException {
        Path bad = tmp.resolve("bad.dat");
        Files.writeString(bad, "1 2 3 4\n1 2 three 4\n");
        EventFormatException e = assertThrows(EventFormatException.class, () -> GenerateJob.simulate(spark, bad,
                EventFileFormat.pxpypze, "bad", 1, 0, reco, tmp.resolve("o").toString(), false));
        assertEquals(bad + ":2: column 3 is not a number: 'three'", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }
}
