package org.mlpf.tensorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

class TensorizeTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    static NtupleEvent event(long id, String sample, int n) {
        return TestEvents.withElements(id, sample, n);
    }

    private Path ntuples(String name, Map<String, int[]> samples) {
        List<Row> rows = new ArrayList<>();
        samples.forEach((sample, sizes) -> {
            for (int i = 0; i < sizes.length; i++) {
                rows.add(event(i, sample, sizes[i]).toRow());
            }
        });
        Path dir = tmp.resolve(name);
        TestEvents.write(spark, rows, dir, 2);
        return dir;
    }

    private static TensorizeConfig config(String buckets, String oversize) {
        List<Integer> b = Stream.of(buckets.split(",")).map(Integer::valueOf).toList();
        return new TensorizeConfig(b, "gen", List.of(0.6, 0.2, 0.2), 42, oversize, 1000);
    }

    private TensorizeSummary run(Path in, Path out, TensorizeConfig cfg) {
        return TensorizeJob.run(spark, in.toString(), out.toString(), cfg, false, 20);
    }

    private Dataset<Row> data(Path out) {
        return spark.read().parquet(out.resolve(TensorSchema.DATA_DIR).toString());
    }

    @Test
    void roundTripThroughArrowGivesBackEveryRealElementAndZeroPadding() {
        Path in = ntuples("nt", Map.of("ttbar", new int[] {3, 64, 65, 100, 200}));
        Path out = tmp.resolve("tensors");
        TensorizeSummary s = run(in, out, config("64,128,256", "error"));
        assertEquals(5, s.inputEvents());
        assertEquals(List.of(2L, 2L, 1L), s.buckets().stream().map(TensorizeSummary.Bucket::rows).toList());
        assertEquals((3 + 64) / 128.0, s.buckets().get(0).efficiency(), 1e-12);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        int[] sizes = {3, 64, 65, 100, 200};
        Map<Long, NtupleEvent> originals = new HashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            originals.put((long) i, event(i, "ttbar", sizes[i]));
        }
        int checked = 0;
        for (int bucket : List.of(64, 128, 256)) {
            Dataset<Row> b = data(out).filter("bucket = " + bucket);
            StructType schema = TensorBatches.arrowSchema(b);
            List<byte[]> arrow = TensorBatches.arrow(b).collect();
            try (NDManager m = NDManager.newBaseManager()) {
                Iterator<TensorRows> it = TensorBatches.decode(arrow.iterator(), schema, bucket, 1);
                while (it.hasNext()) {
                    TensorRows tb = it.next();
                    NtupleEvent ev = originals.get(tb.eventId(0));
                    int n = ev.numElements();
                    assertEquals(n, tb.numElements(0));
                    NDArray x = tb.x(m);
                    assertEquals(new ai.djl.ndarray.types.Shape(1, bucket, 25), x.getShape());
                    float[] xs = x.toFloatArray();
                    for (int i = 0; i < bucket; i++) {
                        for (ElementFeature f : ElementFeature.values()) {
                            if (f.isCms()) {
                                float want = i < n ? ev.feature(i, f) : 0f;
                                assertEquals(want, xs[i * 25 + f.ordinal()], 0f, "element " + i + " " + f);
                            }
                        }
                    }
                    float[] ys = tb.y(m).toFloatArray();
                    Row row = ev.toRow();
                    List<Row> ygen = row.getList(NtupleSchema.SCHEMA.fieldIndex(NtupleSchema.YGEN));
                    for (int i = 0; i < n; i++) {
                        assertEquals(ygen.get(i).getInt(0), ys[i * 7], 0f);
                        assertEquals(ygen.get(i).getFloat(6), ys[i * 7 + 6], 0f);
                    }
                    float[] vz = tb.vz();
                    for (int i = 0; i < bucket; i++) {
                        assertEquals(i < n ? ev.feature(i, ElementFeature.VZ) : 0f, vz[i], 0f, "vz of slot " + i);
                    }
                    float[] mask = tb.mask(m).toFloatArray();
                    for (int i = 0; i < bucket; i++) {
                        assertEquals(i < n ? 1f : 0f, mask[i], "mask of slot " + i);
                    }
                    checked++;
                }
            }
        }
        assertEquals(5, checked);
    }

    @Test
    void batchesDecodeOnExecutorsIntoNdArrays() {
        Path in = ntuples("exec", Map.of("ttbar", new int[] {3, 20, 64, 50, 7, 33}));
        Path out = tmp.resolve("tensors");
        run(in, out, config("64", "error"));
        Dataset<Row> b = data(out);
        StructType schema = TensorBatches.arrowSchema(b);
        // Each task decodes its Arrow batches and sums the mask with DJL: the real elements it saw.
        List<Long> perPartition = TensorBatches.arrow(b).mapPartitions(it -> {
            long real = 0;
            try (NDManager m = NDManager.newBaseManager()) {
                Iterator<TensorRows> batches = TensorBatches.decode(it, schema, 64, 4);
                while (batches.hasNext()) {
                    try (NDArray mask = batches.next().mask(m)) {
                        real += (long) mask.sum().getFloat();
                    }
                }
            }
            return List.of(real).iterator();
        }).collect();
        assertEquals(3 + 20 + 64 + 50 + 7 + 33, perPartition.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void datasetSourceHandsOutRowMajorModelBatchesInAnOrderFixedPerEpoch() {
        int[] sizes = {3, 20, 64, 50, 7, 33, 12, 40};
        Path in = ntuples("src", Map.of("ttbar", sizes));
        Path out = tmp.resolve("tensors");
        TensorizeJob.run(spark, in.toString(), out.toString(), new TensorizeConfig(List.of(64), "gen",
                List.of(1.0, 0.0, 0.0), 42, "error", 1000), false, 20);
        TensorDatasetSource src = new TensorDatasetSource(spark, List.of(out.toString()), TensorSchema.TRAIN, 3, 7,
                true);
        assertEquals(3, src.batchesPerEpoch(), "8 events in batches of 3");
        List<float[]> epoch0 = new ArrayList<>();
        int real = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<org.mlpf.model.TensorBatch> it = src.batches(0);
            while (it.hasNext()) {
                org.mlpf.model.TensorBatch b = it.next();
                float[] x = b.features(m).toFloatArray();
                epoch0.add(x);
                for (int e = 0; e < b.batchSize(); e++) {
                    for (int i = 0; i < 64; i++) {
                        real += x[(e * 64 + i) * 25 + ElementFeature.TYP_IDX.ordinal()] != 0 ? 1 : 0;
                    }
                }
                assertEquals(b.batchSize() * 64 * 7, b.targets(m).size());
            }
        }
        assertEquals(java.util.Arrays.stream(sizes).sum(), real, "every real element once, row-major");
        List<float[]> again = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            src.batches(0).forEachRemaining(b -> again.add(b.features(m).toFloatArray()));
        }
        for (int i = 0; i < epoch0.size(); i++) {
            assertArrayEquals(epoch0.get(i), again.get(i), "same epoch, same order");
        }
    }

    @Test
    void splitIsStableWhenASampleIsAddedAndFollowsTheFractions() {
        int[] sizes = new int[400];
        java.util.Arrays.fill(sizes, 3);
        Path one = ntuples("one", Map.of("ttbar", sizes));
        Path two = ntuples("two", Map.of("ttbar", sizes, "qcd", new int[] {3, 3, 3, 3, 3, 3, 3, 3}));
        run(one, tmp.resolve("t1"), config("64", "error"));
        run(two, tmp.resolve("t2"), config("64", "error"));
        Map<Long, String> first = splits(tmp.resolve("t1"), "ttbar");
        Map<Long, String> second = splits(tmp.resolve("t2"), "ttbar");
        assertEquals(first, second);
        long train = first.values().stream().filter(TensorSchema.TRAIN::equals).count();
        // 400 events, p = 0.6: mean 240, sigma ~9.8; 5 sigma is ~49.
        assertTrue(Math.abs(train - 240) < 49, "train events: " + train);
        assertTrue(first.containsValue(TensorSchema.VALIDATION) && first.containsValue(TensorSchema.TEST));
    }

    private Map<Long, String> splits(Path out, String sample) {
        Map<Long, String> m = new HashMap<>();
        for (Row r : data(out).filter("sample = '" + sample + "'").select("event_id", "split").collectAsList()) {
            m.put(r.getLong(0), r.getString(1));
        }
        return m;
    }

    @Test
    void normalizationStatisticsEqualTheJavaEncoderOverTrainingElementsAndReload() throws IOException {
        int[] sizes = {3, 40, 17, 90, 5, 64, 33, 21, 8, 70};
        Path in = ntuples("norm", Map.of("ttbar", sizes));
        Path out = tmp.resolve("tensors");
        run(in, out, config("128", "error"));
        NormalizationStats fromSpark = NormalizationStats.read(out.resolve(NormalizationStats.FILE_NAME));

        NormalizationStats java = new NormalizationStats();
        Map<Long, String> split = splits(out, "ttbar");
        float[] raw = new float[ElementFeature.WIDTH];
        float[] enc = new float[FeatureEncoding.WIDTH];
        for (int i = 0; i < sizes.length; i++) {
            if (!TensorSchema.TRAIN.equals(split.get((long) i))) {
                continue;
            }
            NtupleEvent ev = event(i, "ttbar", sizes[i]);
            for (int k = 0; k < ev.numElements(); k++) {
                for (ElementFeature f : ElementFeature.values()) {
                    raw[f.ordinal()] = ev.feature(k, f);
                }
                FeatureEncoding.encode(raw, 0, enc, 0);
                java.add(enc, 0);
            }
        }
        assertTrue(java.count() > 50, "enough training elements: " + java.count());
        assertEquals(java.count(), fromSpark.count());
        assertArrayEquals(java.means(), fromSpark.means(), 2e-5f);
        float[] a = java.stds();
        float[] b = fromSpark.stds();
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 2e-5 * Math.max(1, a[k]), FeatureEncoding.names().get(k));
        }
    }

    @Test
    void oversizedEventsAreRefusedDroppedOrSplitNeverTruncated() {
        Path in = ntuples("big", Map.of("ttbar", new int[] {10, 300, 20}));
        InputException e = assertThrows(InputException.class, () -> run(in, tmp.resolve("err"), config("64,128",
                "error")));
        assertEquals("1 event(s) larger than the largest bucket 128: event ttbar:1 (300 elements); use --oversize "
                + "split or drop, or a larger bucket", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("err")), "no output after a refused run");
        assertTrue(noTemporaries(), "no temporary output left behind");

        TensorizeSummary dropped = run(in, tmp.resolve("drop"), config("64,128", "drop"));
        assertEquals(2, data(tmp.resolve("drop")).count());
        List<Row> q = spark.read().parquet(tmp.resolve("drop").resolve(TensorSchema.QUARANTINE_DIR).toString())
                .collectAsList();
        assertEquals(1, q.size());
        assertEquals(1L, q.get(0).getLong(1));
        assertEquals("300 elements, more than the largest bucket 128", q.get(0).getString(3));
        assertEquals(Map.of("N elements, more than the largest bucket N", 1L), dropped.quarantined());

        TensorizeSummary split = run(in, tmp.resolve("split"), config("64,128", "split"));
        assertEquals(1, split.chunkedEvents());
        List<Row> chunks = data(tmp.resolve("split")).filter("event_id = 1").orderBy("chunk")
                .select("chunk", "elem_offset", "num_elements", "bucket").collectAsList();
        assertEquals(List.of(RowFactory.create(0, 0, 128, 128), RowFactory.create(1, 128, 128, 128),
                RowFactory.create(2, 256, 44, 64)), chunks);
    }

    @Test
    void eventsThatBreakTheNtupleRulesStopTheJobOrGoToTheQuarantine() throws IOException {
        List<Row> rows = new ArrayList<>(TestEvents.validRows(6, "ttbar"));
        rows.set(1, TestEvents.pionPhotonNeutrino(1, "ttbar").setFeature(0, ElementFeature.PT, Float.NaN).toRow());
        rows.set(4, TestEvents.pionPhotonNeutrino(4, "ttbar").setFeature(2, ElementFeature.TYP_IDX, 99f).toRow());
        Path in = tmp.resolve("bad");
        TestEvents.write(spark, rows, in, 1);
        InputException e = assertThrows(InputException.class, () -> run(in, tmp.resolve("stopped"),
                config("64", "error")));
        assertTrue(e.getMessage().contains(": event ttbar:1: elements.pt: not finite (2 bad event(s)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("part-"), "names the file: " + e.getMessage());
        assertFalse(Files.exists(tmp.resolve("stopped")), "nothing committed");

        TensorizeConfig q = config("64", "error");
        q = new TensorizeConfig(q.buckets(), q.target(), q.split(), q.seed(), q.oversize(), q.shardEvents(),
                "quarantine");
        TensorizeSummary s = run(in, tmp.resolve("kept"), q);
        assertEquals(4, s.rowsPerSplit().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of("elements.pt: not finite", 1L, "elements.typ_idx: element type code not in N-N", 1L),
                s.quarantined());
        String norm = Files.readString(tmp.resolve("kept").resolve(NormalizationStats.FILE_NAME));
        assertFalse(norm.contains("NaN") || norm.contains("Infinity"), "finite statistics: " + norm);
    }

    @Test
    void whenEveryEventIsDroppedTheOutputIsEmptyAndTheQuarantineHoldsThemAll() {
        Path in = ntuples("allbig", Map.of("ttbar", new int[] {100, 300}));
        TensorizeSummary s = run(in, tmp.resolve("none"), config("64", "drop"));
        assertEquals(0, s.rowsPerSplit().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of("N elements, more than the largest bucket N", 2L), s.quarantined());
        assertTrue(Files.exists(tmp.resolve("none").resolve("_SUCCESS")), "committed");
        assertEquals(2, spark.read().parquet(tmp.resolve("none").resolve(TensorSchema.QUARANTINE_DIR).toString())
                .count());
    }

    private boolean noTemporaries() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.noneMatch(p -> p.getFileName().toString().contains(".tmp-"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void misalignedTargetsAreQuarantinedWithTheReason() {
        List<Row> rows = new ArrayList<>();
        rows.add(event(0, "ttbar", 5).toRow());
        Row good = event(1, "ttbar", 5).toRow();
        Object[] v = new Object[good.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = good.get(i);
        }
        int ygen = NtupleSchema.SCHEMA.fieldIndex(NtupleSchema.YGEN);
        List<Row> targets = good.getList(ygen);
        v[ygen] = targets.subList(0, 4);
        rows.add(RowFactory.create(v));
        Path in = tmp.resolve("mis");
        TestEvents.write(spark, rows, in, 1);
        TensorizeSummary s = run(in, tmp.resolve("out"), config("64", "error"));
        assertEquals(1, data(tmp.resolve("out")).count());
        assertEquals(Map.of("ygen has N rows for N elements", 1L), s.quarantined());
    }

    @Test
    void badInputAndExistingOutputAreClearErrors() throws IOException {
        assertThrows(InputException.class, () -> run(tmp.resolve("absent"), tmp.resolve("o"), config("64", "error")));
        Path other = tmp.resolve("other");
        spark.createDataFrame(TestEvents.validRows(2, "ttbar"), NtupleSchema.SCHEMA).drop(NtupleSchema.YGEN).write()
                .parquet(other.toString());
        SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
                () -> run(other, tmp.resolve("o"), config("64", "error")));
        assertTrue(e.getMessage().contains("column 'ygen' is missing"), e.getMessage());
        Path in = ntuples("ok", Map.of("ttbar", new int[] {3, 4}));
        Files.createDirectories(tmp.resolve("exists"));
        InputException exists = assertThrows(InputException.class, () -> run(in, tmp.resolve("exists"),
                config("64", "error")));
        assertTrue(exists.getMessage().startsWith("output path exists: "), exists.getMessage());
    }

    @Test
    void rerunsGiveIdenticalTensors() {
        Path in = ntuples("det", Map.of("ttbar", new int[] {3, 50, 70, 9}, "qcd", new int[] {12, 3}));
        run(in, tmp.resolve("a"), config("64,128", "error"));
        TensorizeJob.run(spark, in.toString(), tmp.resolve("a").toString(), config("64,128", "error"), true, 20);
        run(in, tmp.resolve("b"), config("64,128", "error"));
        List<Row> a = data(tmp.resolve("a")).orderBy("sample", "event_id").collectAsList();
        List<Row> b = data(tmp.resolve("b")).orderBy("sample", "event_id").collectAsList();
        assertEquals(6, a.size());
        assertEquals(a, b);
    }
}
