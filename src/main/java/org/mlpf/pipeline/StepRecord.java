package org.mlpf.pipeline;

import com.google.gson.annotations.SerializedName;

/**
 * What the pipeline remembers of a step that ran: written next to the outputs (ROOT/_pipeline/ID.json) after the
 * step committed its output, read back to decide whether a rerun can skip it.
 *
 * @param id          step id
 * @param fingerprint hash of everything that decides the output
 * @param output      output path
 * @param status      ran, skipped (up to date) or not-run (outside --from/--to)
 * @param events      events processed (0 when skipped)
 * @param seconds     wall time
 */
public record StepRecord(String id, String fingerprint, String output, Status status, long events, double seconds) {
    /** What became of a step in a run; {@link #label()} is its name in the record file and the run's table. */
    public enum Status {
        @SerializedName("ran") RAN,
        @SerializedName("skipped") SKIPPED,
        @SerializedName("not-run") NOT_RUN;

        /** ran, skipped or not-run. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** Events per second (0 when nothing ran). */
    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }
}
