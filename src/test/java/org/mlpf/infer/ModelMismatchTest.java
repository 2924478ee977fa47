package org.mlpf.infer;

import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.tensorize.TensorizeConfig;
import org.mlpf.testing.TestSpark;
import org.junit.jupiter.api.function.Executable;

/**
 * A model directory that does not fit the data, and bad input, fail before any work with one message naming what
 * differs (and the file and column for bad input); nothing is written.
 */
class ModelMismatchTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();
    private final InferFixture fx = InferFixture.get();

    private Path copyOfModel() throws IOException {
        Path dir = tmp.resolve("model-copy");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(fx.model)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private void fails(Class<? extends RuntimeException> type, String in, String model, TensorizeConfig tcfg,
                       String... expected) {
        Path out = tmp.resolve("out");
        Executable run = () -> InferJob.run(spark, in, model, out.toString(), InferFixture.inferConfig(1, 0), tcfg,
                false);
        RuntimeException e = assertThrows(type, run);
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    private void fails(String in, String model, String... expected) {
        fails(InputException.class, in, model, InferFixture.tensorizeConfig(), expected);
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " holds " + from);
        Files.writeString(file, s.replace(from, to));
    }

    @Test
    void missingOrUnreadableModelFilesAreNamed() throws IOException {
        String tensors = fx.tensors.toString();
        fails(tensors, tmp.resolve("nothing").toString(), "model", "no such model directory");
        Path m = copyOfModel();
        Files.delete(m.resolve(ModelDirectory.PARAMETERS));
        fails(tensors, m.toString(), "parameters.params is missing");
        Path c = tmp.resolve("other");
        Files.move(m, c);
        Files.copy(fx.model.resolve(ModelDirectory.PARAMETERS), c.resolve(ModelDirectory.PARAMETERS));
        Files.writeString(c.resolve(ModelConfig.FILE_NAME), "{ not json");
        fails(tensors, c.toString(), ModelConfig.FILE_NAME);
    }

    @Test
    void aModelTakingOtherFeaturesOrAnotherTensorsVersionIsRefused() throws IOException {
        Path m = copyOfModel();
        Path manifest = m.resolve(ModelDirectory.MANIFEST);
        String original = Files.readString(manifest);
        edit(manifest, "\"corr_energy\"", "\"corr_energy\",\n    \"vz\"");
        fails(fx.tensors.toString(), m.toString(), "takes 26 features per element", "carry 25");
        Files.writeString(manifest, original);
        edit(manifest, "\"e\",", "\"energy\",");
        fails(fx.ntuples.toString(), m.toString(), "feature 4 is 'energy' for the model, 'e' in the tensors");
        Files.writeString(manifest, original);
        edit(manifest, "\"tensorSchemaVersion\": " + TensorSchema.VERSION, "\"tensorSchemaVersion\": 7");
        fails(fx.tensors.toString(), m.toString(), "reads tensors v7", "is tensors v" + TensorSchema.VERSION);
        fails(fx.ntuples.toString(), m.toString(), "reads tensors v7", "tensorizes ntuples into tensors v1");
    }

    @Test
    void dataWithAnotherFeatureCountOrSchemaVersionIsRefusedNamingTheFile() {
        Dataset<Row> t = spark.read().parquet(fx.tensors.resolve(TensorSchema.DATA_DIR).toString());
        Path wide = tmp.resolve("wide");
        t.withColumn(TensorSchema.X, concat(col(TensorSchema.X), array_repeat(lit(0f), col(TensorSchema.BUCKET))))
                .write().partitionBy(TensorSchema.SPLIT, TensorSchema.BUCKET).parquet(wide.resolve("data").toString());
        fails(wide.toString(), fx.model.toString(), "takes 25 features per element", "has 26", ".parquet");
        Path v2 = tmp.resolve("v2");
        t.withColumn(TensorSchema.SCHEMA_VERSION, lit(2)).write().partitionBy(TensorSchema.SPLIT, TensorSchema.BUCKET)
                .parquet(v2.resolve("data").toString());
        fails(v2.toString(), fx.model.toString(), "tensors schema_version 2, this build reads v1", ".parquet");
    }

    @Test
    void bucketsTheModelCannotTakeAreRefused() {
        // the tiny model has bins of 16 and at most 16 of them: 256 elements
        TensorizeConfig big = new TensorizeConfig(List.of(64, 512), "gen", List.of(0.6, 0.2, 0.2), 42, "split", 100);
        fails(InputException.class, fx.ntuples.toString(), fx.model.toString(), big, "cannot take bucket 512",
                "more than maxNumBins = 16");
    }

    @Test
    void badInputNamesTheFileAndTheColumn() {
        fails(tmp.resolve("missing").toString(), fx.model.toString(), "input path does not exist");
        Dataset<Row> t = spark.read().parquet(fx.tensors.resolve(TensorSchema.DATA_DIR).toString());
        Path noVz = tmp.resolve("novz");
        t.drop(TensorSchema.VZ).write().partitionBy(TensorSchema.SPLIT, TensorSchema.BUCKET)
                .parquet(noVz.resolve("data").toString());
        fails(SchemaMismatchException.class, noVz.toString(), fx.model.toString(), InferFixture.tensorizeConfig(),
                ".parquet", "column 'vz' is missing");
        Path badNtuples = tmp.resolve("bad-ntuples");
        spark.read().parquet(fx.ntuples.toString()).withColumn("event_id", col("event_id").cast("string")).write()
                .parquet(badNtuples.toString());
        fails(SchemaMismatchException.class, badNtuples.toString(), fx.model.toString(),
                InferFixture.tensorizeConfig(), ".parquet", "column 'event_id' has type string, expected bigint");
        fails(fx.tensors.resolve(TensorSchema.QUARANTINE_DIR).toString(), fx.model.toString(),
                "neither tensors (no column 'x') nor ntuples (no column 'elements')");
    }

    @Test
    void aSplitTheTensorsDoNotHaveIsNamed() {
        InferConfig val = new InferConfig(1, "val", 1, 0, 4, 64, 1);
        Path out = tmp.resolve("out");
        Path onlyTrain = fx.tensors.resolve(TensorSchema.DATA_DIR).resolve("split=train");
        InputException e = assertThrows(InputException.class, () -> InferJob.run(spark, onlyTrain.toString(),
                fx.model.toString(), out.toString(), val, InferFixture.tensorizeConfig(), false));
        assertTrue(e.getMessage().contains("no rows of split 'val' (splits present: train)"), e.getMessage());
    }
}
