package org.mlpf.jets.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a jets run did, for the command's output and the log.
 *
 * @param out          the jets dataset written
 * @param events       ntuple events read
 * @param rows         clustered rows written per source (gen, pf, mlpf)
 * @param jets         jets written per source
 * @param quarantined  rows quarantined per source
 * @param quarantinePath where the quarantine was written, or null if nothing was quarantined
 * @param seconds      wall time of the run
 */
public record JetsSummary(String out, long events, Map<String, Long> rows, Map<String, Long> jets,
                          Map<String, Long> quarantined, String quarantinePath, double seconds) {
    /** Total quarantined rows. */
    public long totalQuarantined() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lines for the command's output. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%d events in %.1f s (%.0f events/s)", events, seconds,
                events / Math.max(seconds, 1e-9)));
        for (String source : rows.keySet()) {
            out.add(String.format(Locale.ROOT, "  %-4s: %d events clustered, %d jets, %d quarantined", source,
                    rows.get(source), jets.getOrDefault(source, 0L), quarantined.getOrDefault(source, 0L)));
        }
        out.add(quarantinePath == null ? "quarantine: none"
                : "quarantine: " + totalQuarantined() + " event-source rows with reasons in " + quarantinePath);
        out.add("wrote " + this.out);
        return out;
    }
}
