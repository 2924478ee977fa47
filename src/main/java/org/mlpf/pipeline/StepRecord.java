package org.mlpf.pipeline;

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
public record StepRecord(String id, String fingerprint, String output, String status, long events, double seconds) {
    /** Events per second (0 when nothing ran). */
    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }
}
