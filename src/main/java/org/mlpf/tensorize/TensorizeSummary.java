package org.mlpf.tensorize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * What a tensorize run produced: rows per split, padding efficiency per bucket (real elements / padded slots),
 * events cut into chunks, events quarantined with their reasons, and the speed. Saved as {@code summary.json}.
 *
 * @param inputEvents   events read
 * @param rowsPerSplit  tensor rows per split
 * @param buckets       per bucket: rows, real elements, padded slots
 * @param chunkedEvents events larger than the largest bucket that were cut into chunks
 * @param quarantined   events left out, per reason
 * @param target        gen or cand
 * @param seconds       wall time of the run
 */
public record TensorizeSummary(long inputEvents, Map<String, Long> rowsPerSplit, List<Bucket> buckets,
                               long chunkedEvents, Map<String, Long> quarantined, String target, double seconds) {
    /**
     * One bucket.
     *
     * @param size         element slots per row
     * @param rows         rows in the bucket
     * @param realElements real (non-padding) elements
     */
    public record Bucket(int size, long rows, long realElements) {
        /** Padded slots. */
        public long slots() {
            return rows * size;
        }

        /** Real elements / padded slots. */
        public double efficiency() {
            return rows == 0 ? 0 : (double) realElements / slots();
        }
    }

    /** Padding efficiency over all buckets. */
    public double efficiency() {
        long real = buckets.stream().mapToLong(Bucket::realElements).sum();
        long slots = buckets.stream().mapToLong(Bucket::slots).sum();
        return slots == 0 ? 0 : (double) real / slots;
    }

    /** Events per second. */
    public double eventsPerSecond() {
        return inputEvents / Math.max(seconds, 1e-9);
    }

    /** The summary as JSON. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(this);
    }

    /** The table printed by {@code mlpf tensorize}. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%d events in %.1f s (%.0f events/s), target %s", inputEvents, seconds,
                eventsPerSecond(), target));
        out.add("rows per split: " + rowsPerSplit);
        out.add(String.format(Locale.ROOT, "%8s %10s %14s %14s %10s", "bucket", "rows", "real elements", "slots",
                "padding eff."));
        for (Bucket b : buckets) {
            out.add(String.format(Locale.ROOT, "%8d %10d %14d %14d %10.3f", b.size(), b.rows(), b.realElements(),
                    b.slots(), b.efficiency()));
        }
        out.add(String.format(Locale.ROOT, "%8s %10s %14s %14s %10.3f", "all", "", "", "", efficiency()));
        out.add("events cut into chunks: " + chunkedEvents);
        out.add("events quarantined: " + (quarantined.isEmpty() ? "none" : quarantined));
        return out;
    }
}
