package org.mlpf.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mlpf.physics.ParticleClass;

/**
 * The outcome of validating a dataset: summary counts, and the offenders if any rule was broken.
 *
 * @param path       the validated path
 * @param files      number of data files
 * @param summary    counts and value violations
 * @param duplicates event ids that occur more than once in a sample
 */
public record ValidationReport(String path, int files, ValidationSummary summary, List<Violation> duplicates) {
    /** True if no rule was broken. */
    public boolean ok() {
        return summary.violationCount() == 0 && duplicates.isEmpty();
    }

    /** The summary as printed by {@code mlpf validate}. */
    public List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "dataset %s: %d files, %d events", path, files, summary.events()));
        for (Map.Entry<String, Long> e : summary.eventsPerSample().entrySet()) {
            out.add(String.format(Locale.ROOT, "  sample %-12s %d events", e.getKey(), e.getValue()));
        }
        out.add(String.format(Locale.ROOT, "elements per event: mean %.1f, max %d (total %d)", summary.meanElements(),
                summary.maxElements(), summary.elements()));
        out.add(String.format(Locale.ROOT, "%-16s %12s %12s", "class", "ygen", "ycand"));
        long[] g = summary.ygenClassCounts();
        long[] c = summary.ycandClassCounts();
        for (ParticleClass pc : ParticleClass.values()) {
            out.add(String.format(Locale.ROOT, "%d %-14s %12d %12d", pc.index(), pc.label(), g[pc.index()],
                    c[pc.index()]));
        }
        return out;
    }

    /** The failure description: counts per rule and the first offenders (file, event, field, value). */
    public List<String> problemLines() {
        List<String> out = new ArrayList<>();
        long total = summary.violationCount() + duplicates.size();
        out.add("INVALID: " + total + " problem(s) in " + path);
        summary.violationsPerRule().forEach((rule, n) -> out.add("  " + n + " x " + rule));
        if (!duplicates.isEmpty()) {
            out.add("  " + duplicates.size() + " x repeated event_id");
        }
        List<Violation> shown = new ArrayList<>(duplicates);
        shown.addAll(summary.offenders());
        out.add("first offenders:");
        for (Violation v : shown) {
            out.add("  " + v);
        }
        return out;
    }
}
