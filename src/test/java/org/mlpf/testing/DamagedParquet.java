package org.mlpf.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.mlpf.schema.NtupleSchema;

/**
 * A Parquet file damaged the way a copy without Hadoop's {@code .crc} side files leaves it: 256 bytes overwritten in
 * the middle of one column chunk's values, the footer and the page headers intact, no {@code .crc} beside
 * it. Written uncompressed and without dictionaries, so that the damage decodes as other numbers: only the page
 * checksums can tell.
 */
public final class DamagedParquet {
    private DamagedParquet() {
    }

    /**
     * Writes {@code rows} as a one-file ntuple dataset at {@code dir}, damages the chunk of the leaf column
     * {@code leaf} under the top-level column {@code column} (e.g. {@code elements}, {@code pz}), and returns the
     * damaged file.
     */
    public static Path writeAndDamage(SparkSession spark, List<Row> rows, Path dir, String column, String leaf)
            throws IOException {
        spark.createDataFrame(rows, NtupleSchema.SCHEMA).repartition(1).write().mode(SaveMode.Overwrite)
                .option("compression", "uncompressed").option("parquet.enable.dictionary", "false")
                .partitionBy(NtupleSchema.SAMPLE).parquet(dir.toString());
        Path victim;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).toList();
            for (Path p : all) {
                if (p.getFileName().toString().endsWith(".crc")) {
                    Files.delete(p);
                }
            }
            victim = all.stream().filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                    .orElseThrow();
        }
        ColumnChunkMetaData chunk;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(victim.toUri()), new Configuration()))) {
            chunk = r.getFooter().getBlocks().get(0).getColumns().stream().filter(c -> {
                String[] path = c.getPath().toArray();
                return path[0].equals(column) && path[path.length - 1].equals(leaf);
            }).findFirst().orElseThrow(() -> new IllegalArgumentException("no column " + column + "..." + leaf));
        }
        byte[] junk = new byte[256];
        java.util.Arrays.fill(junk, (byte) 0x7F);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.seek(chunk.getStartingPos() + chunk.getTotalSize() / 2);
            f.write(junk);
        }
        return victim;
    }
}
