package org.mlpf.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The training metrics of a model directory, {@code metrics.jsonl}: one JSON object per line, a {@link Step} record
 * per optimizer step and an {@link Epoch} record per validation pass, each with the global step it belongs to. The
 * worker of rank 0 appends them as it trains; when a run restarts from a checkpoint (a retried Spark stage or
 * {@code --resume}) the records after the checkpoint's step are dropped first, so the file of an interrupted run
 * ends up equal to that of an uninterrupted one.
 */
public final class MetricsLog {
    /** File name inside a model directory. */
    public static final String FILE_NAME = "metrics.jsonl";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private final Path file;

    /** The log of {@code modelDir}. */
    public MetricsLog(Path modelDir) {
        this.file = modelDir.resolve(FILE_NAME);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * One optimizer step.
     *
     * @param type        "step"
     * @param epoch       epoch (0-based)
     * @param step        global step number after this step (1-based)
     * @param lr          learning rate of the step
     * @param loss        mean loss per event over all workers' batches
     * @param terms       the loss terms
     * @param events      events in the global batch
     * @param computeMs   forward + backward of rank 0, ms
     * @param computeCpuMs CPU time of rank 0's thread in forward + backward, ms (below computeMs when other processes
     *                    compete for the cores)
     * @param allreduceMs gradient all-reduce of rank 0 (pack, ring, unpack), ms
     * @param ringMs      ring transfer alone, ms
     * @param bytesSent   bytes rank 0 sent in the all-reduce
     * @param stepMs      the whole step on rank 0 (including the optimizer update), ms
     */
    public record Step(String type, int epoch, long step, double lr, double loss, Map<String, Double> terms,
                       long events, double computeMs, double computeCpuMs, double allreduceMs, double ringMs,
                       long bytesSent,
                       double stepMs) {
    }

    /**
     * One validation pass, after an epoch (or after the last step of a run cut short by the step limit).
     *
     * @param type        "epoch"
     * @param epoch       epoch (0-based)
     * @param step        global step number at the end of the epoch
     * @param complete    true if the epoch's training batches were all used
     * @param trainLoss   mean of the epoch's step losses
     * @param valLoss     mean validation loss per event
     * @param valTerms    its terms
     * @param valAccuracy fraction of real validation elements whose class is predicted right
     * @param valEvents   validation events
     * @param seconds     wall time of the epoch's stage on rank 0 (training and validation)
     */
    public record Epoch(String type, int epoch, long step, boolean complete, double trainLoss, double valLoss,
                        Map<String, Double> valTerms, double valAccuracy, long valEvents, double seconds) {
    }

    /** Appends a record (one line); the file is created if needed. */
    public void append(Object record) throws IOException {
        Files.writeString(file, GSON.toJson(record) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Every record, parsed; an absent file has none. */
    public List<JsonObject> read() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            } catch (JsonParseException | IllegalStateException e) {
                // a line cut by a crash in the middle of a write: only the last line can be
                throw new IOException(file + ":" + n + ": not a metrics record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The step records, in order. */
    public List<Step> steps() throws IOException {
        return read().stream().filter(o -> "step".equals(o.get("type").getAsString()))
                .map(o -> GSON.fromJson(o, Step.class)).toList();
    }

    /** The epoch records, in order. */
    public List<Epoch> epochs() throws IOException {
        return read().stream().filter(o -> "epoch".equals(o.get("type").getAsString()))
                .map(o -> GSON.fromJson(o, Epoch.class)).toList();
    }

    /** Drops every record of a step after {@code step} (atomically: a new file renamed over the old). */
    public void truncateAfter(long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                continue;
            }
            if (o.get("step").getAsLong() <= step) {
                kept.append(line).append('\n');
            }
        }
        Path tmp = file.resolveSibling("." + FILE_NAME + ".tmp-" + UUID.randomUUID());
        Files.writeString(tmp, kept, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
        }
    }
}
