package org.mlpf.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mlpf.physics.ParticleClass;

/**
 * Counts and offenders of one partition, merged across partitions into the dataset's summary. Keeps only the
 * first {@code maxOffenders} violations in (file, event, field) order, and the count of all of them.
 */
public final class ValidationSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxOffenders;
    long events;
    long elements;
    int maxElements;
    final long[] ygenClassCounts = new long[ParticleClass.COUNT];
    final long[] ycandClassCounts = new long[ParticleClass.COUNT];
    final Map<String, Long> eventsPerSample = new TreeMap<>();
    long violationCount;
    final Map<String, Long> violationsPerRule = new TreeMap<>();
    private final List<Violation> offenders = new ArrayList<>();

    ValidationSummary(int maxOffenders) {
        this.maxOffenders = maxOffenders;
    }

    void add(Violation v) {
        violationCount++;
        violationsPerRule.merge(v.rule(), 1L, Long::sum);
        offenders.add(v);
        if (offenders.size() > 4 * maxOffenders) {
            trim();
        }
    }

    /** Merges {@code o} into this summary and returns this. */
    ValidationSummary merge(ValidationSummary o) {
        events += o.events;
        elements += o.elements;
        maxElements = Math.max(maxElements, o.maxElements);
        for (int i = 0; i < ParticleClass.COUNT; i++) {
            ygenClassCounts[i] += o.ygenClassCounts[i];
            ycandClassCounts[i] += o.ycandClassCounts[i];
        }
        o.eventsPerSample.forEach((k, v) -> eventsPerSample.merge(k, v, Long::sum));
        violationCount += o.violationCount;
        o.violationsPerRule.forEach((k, v) -> violationsPerRule.merge(k, v, Long::sum));
        offenders.addAll(o.offenders);
        trim();
        return this;
    }

    private void trim() {
        Collections.sort(offenders);
        while (offenders.size() > maxOffenders) {
            offenders.remove(offenders.size() - 1);
        }
    }

    /** Number of events. */
    public long events() {
        return events;
    }

    /** Number of elements over all events. */
    public long elements() {
        return elements;
    }

    /** Largest number of elements in one event. */
    public int maxElements() {
        return maxElements;
    }

    /** Mean number of elements per event (0 for no events). */
    public double meanElements() {
        return events == 0 ? 0 : (double) elements / events;
    }

    /** Count of ygen rows per class index. */
    public long[] ygenClassCounts() {
        return ygenClassCounts.clone();
    }

    /** Count of ycand rows per class index. */
    public long[] ycandClassCounts() {
        return ycandClassCounts.clone();
    }

    /** Events per sample name. */
    public Map<String, Long> eventsPerSample() {
        return Collections.unmodifiableMap(eventsPerSample);
    }

    /** Number of violations found (all of them, not only those listed). */
    public long violationCount() {
        return violationCount;
    }

    /** Violations per rule. */
    public Map<String, Long> violationsPerRule() {
        return Collections.unmodifiableMap(violationsPerRule);
    }

    /** The first offenders in (file, event, field) order. */
    public List<Violation> offenders() {
        trim();
        return Collections.unmodifiableList(offenders);
    }
}
